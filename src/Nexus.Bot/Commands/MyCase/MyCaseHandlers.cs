using Nexus.Bot.Localization;
using Nexus.Bot.Commands.Common;
using Nexus.Discord.Commands;
using Nexus.Discord.Dispatch;
using Nexus.Domain.Cases;
using Nexus.Domain.Moderation;
using Nexus.Domain.Statistics;

namespace Nexus.Bot.Commands.MyCase;

/// <summary><c>/mycase start date type status [applicants] [centre]</c>.</summary>
public sealed class MyCaseStartHandler(CaseService cases, CaseView view, EnrolmentCentres centres, ModerationService moderation) : ICommandHandler
{
    /// <inheritdoc />
    public async Task<InteractionResult> HandleAsync(ICommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var guild = CaseOptions.Guild(context);
        if (!guild.IsSuccess)
        {
            return CaseFailure.From(guild.Error!);
        }

        var date = DateInput.Parse(context.Options.GetString("date"), await view.TodayAsync(guild.Value, cancellationToken));
        if (!date.IsSuccess)
        {
            return CaseFailure.From(date.Error!);
        }

        var request = new StartCaseRequest(
            guild.Value,
            context.UserId,
            date.Value,
            CaseOptions.Type(context.Options)!.Value,
            CaseOptions.Status(context.Options)!.Value,
            (int)context.Options.GetInteger("applicants", CaseRules.MinApplicants),
            CaseOptions.Centre(context.Options, centres));
        var started = await cases.StartAsync(request, cancellationToken);
        var notices = started.IsSuccess ? await CaseView.NoticesAsync(moderation, guild.Value, context.UserId, cancellationToken) : null;
        return await view.ReplyAsync(started, c => notices + Text.Format(Strings.MyCase_Started, c.CaseNumber), cancellationToken);
    }
}

/// <summary><c>/mycase update milestone date</c>.</summary>
public sealed class MyCaseUpdateHandler(CaseService cases, CaseView view) : ICommandHandler
{
    /// <inheritdoc />
    public async Task<InteractionResult> HandleAsync(ICommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var milestone = CaseOptions.Milestone(context.Options);
        var guild = CaseOptions.Guild(context);
        if (!guild.IsSuccess)
        {
            return CaseFailure.From(guild.Error!);
        }

        var date = DateInput.Parse(context.Options.GetString("date"), await view.TodayAsync(guild.Value, cancellationToken));
        if (!date.IsSuccess)
        {
            return CaseFailure.From(date.Error!);
        }

        var recorded = await cases.RecordMilestoneAsync(guild.Value, context.UserId, milestone, date.Value, cancellationToken);
        return await view.ReplyAsync(recorded.Map(change => change.After), _ => CaseChangeText.Recorded(recorded.Value, milestone, date.Value), cancellationToken);
    }
}

/// <summary>
/// <c>/mycase edit [applied] [type] [status] [applicants] [centre]</c>: corrects the case's details, keeping its
/// number and history. <c>centre:none</c> removes the centre.
/// </summary>
public sealed class MyCaseEditHandler(CaseService cases, CaseView view, EnrolmentCentres centres) : ICommandHandler
{
    /// <summary>The centre value that removes the centre from the case.</summary>
    public const string NoCentre = "none";

    /// <inheritdoc />
    public async Task<InteractionResult> HandleAsync(ICommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var guild = CaseOptions.Guild(context);
        if (!guild.IsSuccess)
        {
            return CaseFailure.From(guild.Error!);
        }

        DateOnly? applied = null;
        if (context.Options.GetString("applied") is { } appliedText)
        {
            var date = DateInput.Parse(appliedText, await view.TodayAsync(guild.Value, cancellationToken));
            if (!date.IsSuccess)
            {
                return CaseFailure.From(date.Error!);
            }

            applied = date.Value;
        }

        var removeCentre = string.Equals(context.Options.GetString("centre")?.Trim(), NoCentre, StringComparison.OrdinalIgnoreCase);
        var edit = new CaseEdit(
            applied,
            CaseOptions.Type(context.Options),
            CaseOptions.Status(context.Options),
            context.Options.GetInteger("applicants") is { } applicants ? (int)applicants : null,
            removeCentre ? null : CaseOptions.Centre(context.Options, centres),
            removeCentre);
        var edited = await cases.EditAsync(guild.Value, context.UserId, edit, cancellationToken);
        return await view.ReplyAsync(edited.Map(change => change.After), _ => CaseChangeText.Edited(edited.Value, centres), cancellationToken);
    }
}

/// <summary><c>/mycase clear milestone</c>.</summary>
public sealed class MyCaseClearHandler(CaseService cases, CaseView view) : ICommandHandler
{
    /// <inheritdoc />
    public async Task<InteractionResult> HandleAsync(ICommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var milestone = CaseOptions.Milestone(context.Options);
        var guild = CaseOptions.Guild(context);
        if (!guild.IsSuccess)
        {
            return CaseFailure.From(guild.Error!);
        }

        var cleared = await cases.ClearMilestoneAsync(guild.Value, context.UserId, milestone, cancellationToken);
        return await view.ReplyAsync(cleared, _ => Text.Format(Strings.MyCase_Cleared, Names.Of(milestone)), cancellationToken);
    }
}

/// <summary><c>/mycase show [user]</c>: the member's own case, or another member's case when that member made it visible.</summary>
public sealed class MyCaseShowHandler(CaseService cases, CaseView view, ModerationService moderation) : ICommandHandler
{
    /// <inheritdoc />
    public async Task<InteractionResult> HandleAsync(ICommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var guild = CaseOptions.Guild(context);
        if (!guild.IsSuccess)
        {
            return CaseFailure.From(guild.Error!);
        }

        var other = context.Options.GetUser("user");
        var own = other is null || other.Id == context.UserId;

        // What a moderator did to the member's case is told once, here (even when the case was removed).
        var notices = own ? await CaseView.NoticesAsync(moderation, guild.Value, context.UserId, cancellationToken) : null;
        var found = await cases.GetAsync(guild.Value, context.UserId, other?.Id, cancellationToken);
        if (!found.IsSuccess)
        {
            return notices is null
                ? CaseFailure.From(found.Error!)
                : InteractionResult.Reply(InteractionMessage.Text(notices + CaseFailure.Text(found.Error!), ephemeral: true));
        }

        var owner = own ? Strings.Case_YourCase : CaseView.DisplayName(context.Options.GetMember("user"), other);
        return InteractionResult.Reply(await view.RenderAsync(found.Value, owner, notices?.TrimEnd(), cancellationToken));
    }
}

/// <summary><c>/mycase privacy visible</c>.</summary>
public sealed class MyCasePrivacyHandler(CaseService cases, CaseView view) : ICommandHandler
{
    /// <inheritdoc />
    public async Task<InteractionResult> HandleAsync(ICommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var visible = context.Options.GetBoolean("visible", false);
        var guild = CaseOptions.Guild(context);
        if (!guild.IsSuccess)
        {
            return CaseFailure.From(guild.Error!);
        }

        // The name shared is the one members see in this server now; running the command again refreshes it.
        var name = CaseView.DisplayName(context.Interaction.Member, context.User);
        var changed = await cases.SetVisibilityAsync(guild.Value, context.UserId, visible, name, cancellationToken);
        var note = visible
            ? Text.Format(Strings.MyCase_Visible, name)
            : Strings.MyCase_Private;
        return await view.ReplyAsync(changed, _ => note, cancellationToken);
    }
}
