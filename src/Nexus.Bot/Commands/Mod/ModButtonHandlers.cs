using System.Globalization;
using Nexus.Discord.Dispatch;
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
        InteractionResult.Failure("This button no longer works; run the command again.");
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
                        ? await moderation.ExcludeAsync(moderator, number, "review queue", cancellationToken)
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
                return InteractionResult.UpdateMessage(InteractionMessage.Text("Cancelled; nothing was removed.", ephemeral: true));
            }

            if (verb != "confirm" || args.Length != 1 || pending.Take(args[0]) is not { } removal || removal.GuildId != moderator.GuildId)
            {
                return InteractionResult.Failure("This confirmation expired; run /mod remove again.");
            }

            var result = await moderation.RemoveAsync(moderator, removal.CaseNumber, removal.Reason, cancellationToken);
            return result.IsSuccess
                ? InteractionResult.UpdateMessage(InteractionMessage.Text(string.Create(CultureInfo.InvariantCulture,
                    $"Removed case #{removal.CaseNumber} (action #{result.Value.Id}). `/mod undo action:{result.Value.Id}` brings it back within 30 days."), ephemeral: true))
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
                return InteractionResult.UpdateMessage(InteractionMessage.Text("Cancelled; nothing was pruned.", ephemeral: true));
            }

            if (verb != "confirm" || args.Length != 2 || !PruneRules.TryParse(args[0], out var rule) || !ButtonState.TryNumber(args[1], out var version))
            {
                return ButtonState.Expired();
            }

            var result = await moderation.PruneAsync(moderator, rule, version, null, cancellationToken);
            return result.IsSuccess
                ? InteractionResult.UpdateMessage(InteractionMessage.Text(string.Create(CultureInfo.InvariantCulture,
                    $"Excluded {result.Value.Count} case(s) from statistics as action #{result.Value.Action.Id}; `/mod undo action:{result.Value.Action.Id}` puts them all back."), ephemeral: true))
                : ModMessages.Failure(result.Error);
        },
        cancellationToken);
}
