using System.Globalization;
using Nexus.Bot.Localization;
using Nexus.Discord.Dispatch;
using Nexus.Domain.Statistics;
using Nexus.Domain.Common;
using Nexus.Domain.Moderation;

namespace Nexus.Bot.Commands.Mod;

/// <summary>
/// Helpers for the moderation buttons, whose state is <c>&lt;askerId&gt;:&lt;verb&gt;[:arguments]</c>: every
/// button carries the id of the moderator who ran the command, so nobody else can press it, even another
/// moderator (see <see cref="ModeratorGate.RunButtonAsync"/>).
/// </summary>
internal static class ButtonState
{
    public static bool TryNumber(string text, out long number) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number);

    public static InteractionResult Expired() =>
        InteractionResult.Failure(Strings.Mod_ButtonStale);
}

/// <summary>The review queue's buttons: Exclude, Dismiss, Previous and Next (<c>mod:review</c>).</summary>
public sealed class ModReviewButtonHandler(ModeratorGate gate, ModerationService moderation) : IComponentHandler
{
    /// <inheritdoc />
    public Task<InteractionResult> HandleAsync(IComponentContext context, CancellationToken cancellationToken) =>
        gate.RunButtonAsync(context, async (moderator, verb, args) =>
        {
            var page = 1L;
            switch (verb)
            {
                case "page" when args.Length == 1 && ButtonState.TryNumber(args[0], out page):
                    break;
                case "exclude" or "dismiss" when args.Length == 2 && ButtonState.TryNumber(args[0], out var number) && ButtonState.TryNumber(args[1], out page):
                    var done = verb == "exclude"
                        ? await moderation.ExcludeReviewedAsync(moderator, number, ModMessages.QueueReason, cancellationToken)
                        : await moderation.DismissAsync(moderator, number, cancellationToken);
                    if (!done.IsSuccess)
                    {
                        return ModMessages.Failure(done.Error);
                    }

                    break;
                default:
                    return ButtonState.Expired();
            }

            var review = await moderation.ReviewAsync(moderator, (int)page, cancellationToken);
            return InteractionResult.UpdateMessage(ModMessages.Review(review, context.UserId));
        },
        cancellationToken);
}

/// <summary>The audit log's Previous and Next buttons (<c>mod:log</c>).</summary>
public sealed class ModLogButtonHandler(ModeratorGate gate, ModerationService moderation) : IComponentHandler
{
    /// <inheritdoc />
    public Task<InteractionResult> HandleAsync(IComponentContext context, CancellationToken cancellationToken) =>
        gate.RunButtonAsync(context, async (moderator, verb, args) =>
        {
            if (verb != "page" || args.Length != 1 || !ButtonState.TryNumber(args[0], out var page))
            {
                return ButtonState.Expired();
            }

            var log = await moderation.GetLogAsync(moderator, (int)page, cancellationToken);
            return InteractionResult.UpdateMessage(ModMessages.Log(log, context.UserId));
        },
        cancellationToken);
}

/// <summary>The removal confirmation's Remove and Cancel buttons (<c>mod:remove</c>).</summary>
public sealed class ModRemoveButtonHandler(ModeratorGate gate, ModerationService moderation, PendingRemovals pending) : IComponentHandler
{
    /// <inheritdoc />
    public Task<InteractionResult> HandleAsync(IComponentContext context, CancellationToken cancellationToken) =>
        gate.RunButtonAsync(context, async (moderator, verb, args) =>
        {
            if (verb == "cancel")
            {
                return InteractionResult.UpdateMessage(InteractionMessage.Text(Strings.Mod_RemoveCancelled, ephemeral: true));
            }

            if (verb != "confirm" || args.Length != 1 || pending.Take(args[0]) is not { } removal || removal.GuildId != moderator.GuildId)
            {
                return InteractionResult.Failure(Strings.Mod_RemoveExpired);
            }

            var result = await moderation.RemoveAsync(moderator, removal.CaseNumber, removal.Reason, cancellationToken);
            return result.IsSuccess
                ? InteractionResult.UpdateMessage(InteractionMessage.Text(Localization.Text.Format(Strings.Mod_Removed, removal.CaseNumber, result.Value.Id), ephemeral: true))
                : ModMessages.Failure(result.Error);
        },
        cancellationToken);
}

/// <summary>The prune preview's Confirm and Cancel buttons (<c>mod:prune</c>).</summary>
public sealed class ModPruneButtonHandler(ModeratorGate gate, ModerationService moderation) : IComponentHandler
{
    /// <inheritdoc />
    public Task<InteractionResult> HandleAsync(IComponentContext context, CancellationToken cancellationToken) =>
        gate.RunButtonAsync(context, async (moderator, verb, args) =>
        {
            if (verb == "cancel")
            {
                return InteractionResult.UpdateMessage(InteractionMessage.Text(Strings.Mod_PruneCancelled, ephemeral: true));
            }

            if (verb != "confirm" || args.Length != 2 || !PruneRules.TryParse(args[0], out var rule) || !ButtonState.TryNumber(args[1], out var version))
            {
                return ButtonState.Expired();
            }

            var result = await moderation.PruneAsync(moderator, rule, version, null, cancellationToken);
            return result.IsSuccess
                ? InteractionResult.UpdateMessage(InteractionMessage.Text(Localization.Text.Format(Strings.Mod_Pruned, Words.Count(result.Value.Count, Strings.Count_Case_One, Strings.Count_Case_Other), result.Value.Action.Id), ephemeral: true))
                : ModMessages.Failure(result.Error);
        },
        cancellationToken,
        defer: true);
}

/// <summary>
/// The buttons of <c>/mod case</c> and the review queue's View (<c>mod:case</c>): View shows the case, Exclude leaves
/// out what its flags are about (or the whole case), Include puts back everything excluded, Remove asks for the
/// reason in a form.
/// </summary>
public sealed class ModCaseButtonHandler(ModeratorGate gate, ModerationService moderation) : IComponentHandler
{
    /// <summary>The custom-id prefix of the removal-reason form.</summary>
    public const string ReasonForm = "mod:remove-reason";

    /// <inheritdoc />
    public Task<InteractionResult> HandleAsync(IComponentContext context, CancellationToken cancellationToken) =>
        gate.RunButtonAsync(context, async (moderator, verb, args) =>
        {
            if (args.Length != 1 || !ButtonState.TryNumber(args[0], out var number))
            {
                return ButtonState.Expired();
            }

            switch (verb)
            {
                case "view":
                    // From the review queue: a new private message, so the queue stays where it was.
                    var shown = await moderation.GetCaseAsync(moderator, number, cancellationToken);
                    return shown.IsSuccess ? InteractionResult.Reply(ModMessages.CaseView(shown.Value, context.UserId)) : ModMessages.Failure(shown.Error);
                case "remove":
                    return InteractionResult.Modal(
                        ModMessages.Id(ReasonForm, context.UserId, args[0]),
                        Localization.Text.Format(Strings.Mod_RemoveModalTitle, number),
                        [Discord.Models.Component.LabelFor(Strings.Mod_ReasonLabel, Discord.Models.Component.TextInput("reason", paragraph: false, required: true, maxLength: 500))]);
                case "exclude" or "include":
                    var found = await moderation.GetCaseAsync(moderator, number, cancellationToken);
                    if (!found.IsSuccess)
                    {
                        return ModMessages.Failure(found.Error);
                    }

                    var c = found.Value.Case;
                    var done = verb == "exclude"
                        ? await moderation.ExcludeAsync(moderator, number, found.Value.Findings.Count == 0 ? StageSet.None : new ReviewEntry(c, found.Value.Findings).Offending(), Strings.Mod_CaseViewReason, cancellationToken)
                        : await moderation.IncludeAsync(moderator, number, c.Excluded ? StageSet.None : c.ExcludedStages, null, cancellationToken);
                    if (!done.IsSuccess)
                    {
                        return ModMessages.Failure(done.Error);
                    }

                    var after = await moderation.GetCaseAsync(moderator, number, cancellationToken);
                    return after.IsSuccess ? InteractionResult.UpdateMessage(ModMessages.CaseView(after.Value, context.UserId)) : ModMessages.Failure(after.Error);
                default:
                    return ButtonState.Expired();
            }
        },
        cancellationToken);
}

/// <summary>The removal-reason form of <c>/mod case</c>'s Remove (<c>mod:remove-reason</c>): submitting it is the confirmation.</summary>
public sealed class ModRemoveReasonHandler(ModeratorGate gate, ModerationService moderation) : IModalHandler
{
    /// <inheritdoc />
    public async Task<InteractionResult> HandleAsync(IModalContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parts = (context.State ?? string.Empty).Split(':');
        if (parts.Length != 2 || !ButtonState.TryNumber(parts[1], out var number))
        {
            return ButtonState.Expired();
        }

        var moderator = await gate.AuthorizeAskerAsync(context, parts[0], cancellationToken);
        if (!moderator.IsSuccess)
        {
            return ModMessages.Failure(moderator.Error);
        }

        var reason = context.GetText("reason")?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            return InteractionResult.Failure(Localization.Text.Format(Strings.Mod_RemoveReasonMissing, number));
        }

        var result = await moderation.RemoveAsync(moderator.Value, number, reason, cancellationToken);
        return result.IsSuccess
            ? InteractionResult.Reply(InteractionMessage.Text(Localization.Text.Format(Strings.Mod_RemovedTold, number, result.Value.Id), ephemeral: true))
            : ModMessages.Failure(result.Error);
    }
}
