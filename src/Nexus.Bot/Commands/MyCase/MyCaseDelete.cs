using Nexus.Bot.Localization;
using System.Globalization;
using Nexus.Bot.Commands.Common;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Models;
using Nexus.Domain.Cases;

namespace Nexus.Bot.Commands.MyCase;

/// <summary><c>/mycase delete</c>: asks first, with a button; nothing is removed until it is pressed.</summary>
public sealed class MyCaseDeleteHandler(CaseService cases) : ICommandHandler
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

        // Only ask about a case that exists, so "Delete" never promises something it cannot do.
        var found = await cases.GetAsync(guild.Value, context.UserId, null, cancellationToken);
        return found.IsSuccess
            ? InteractionResult.Reply(DeleteConfirmation.Ask(found.Value.CaseNumber, context.UserId))
            : CaseFailure.From(found.Error!);
    }
}

/// <summary>
/// The confirmation buttons of <c>/mycase delete</c>: <c>mycase:delete:confirm:&lt;asker&gt;</c> removes the
/// case with its milestones and history; <c>mycase:delete:cancel:&lt;asker&gt;</c> keeps it. Only the member
/// who asked may press them: the asker travels in the custom id, and Discord's record of who ran the
/// command is checked too when it is there.
/// </summary>
public sealed class DeleteConfirmHandler(CaseService cases) : IComponentHandler
{
    /// <inheritdoc />
    public async Task<InteractionResult> HandleAsync(IComponentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parts = context.State.Split(':');
        var asker = parts.Length == 2 && ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : (ulong?)null;
        if (asker != context.UserId || (context.OriginalUserId is { } original && original != context.UserId))
        {
            return InteractionResult.Failure(Strings.Delete_NotYours);
        }

        var guild = CaseOptions.Guild(context);
        if (!guild.IsSuccess)
        {
            return CaseFailure.From(guild.Error!);
        }

        if (parts[0] != DeleteConfirmation.Confirm)
        {
            return InteractionResult.UpdateMessage(DeleteConfirmation.Done(Strings.Delete_Kept));
        }

        var deleted = await cases.DeleteAsync(guild.Value, context.UserId, cancellationToken);
        return deleted.IsSuccess
            ? InteractionResult.UpdateMessage(DeleteConfirmation.Done(Text.Format(Strings.Delete_Done, deleted.Value)))
            : CaseFailure.From(deleted.Error!);
    }
}

/// <summary>The messages of the delete confirmation.</summary>
public static class DeleteConfirmation
{
    /// <summary>The state of the button that deletes.</summary>
    public const string Confirm = "confirm";

    /// <summary>The state of the button that keeps the case.</summary>
    public const string Cancel = "cancel";

    /// <summary>The question, with its two buttons, only for the asker.</summary>
    public static InteractionMessage Ask(long caseNumber, ulong askerId) => InteractionMessage.WithEmbeds(
        [new Embed
        {
            Title = Text.Format(Strings.Delete_Title, caseNumber),
            Description = Strings.Delete_Question,
            Color = EmbedColours.Warning,
        }],
        [Component.ActionRow(
            Component.Button(Strings.Delete_Confirm, CustomId(Confirm, askerId), ButtonStyle.Danger),
            Component.Button(Strings.Delete_Cancel, CustomId(Cancel, askerId)))],
        ephemeral: true);

    /// <summary>The message after a button was pressed: the outcome, without buttons, so nothing can be pressed twice.</summary>
    public static InteractionMessage Done(string outcome) => new() { Content = outcome, Embeds = [], Components = [] };

    private static string CustomId(string action, ulong askerId) =>
        string.Create(CultureInfo.InvariantCulture, $"{MyCaseCommand.DeletePrefix}:{action}:{askerId}");
}
