using Nexus.Bot.Localization;
using Nexus.Discord.Dispatch;
using Nexus.Domain.Common;
using Nexus.Domain.Moderation;
using Nexus.Domain.Settings;

namespace Nexus.Bot.Commands.Mod;

/// <summary>
/// Applies <see cref="ModeratorPolicy"/> to an interaction: the Manage Server bit of the member's
/// permissions, the member's roles and the server's moderator role. Every <c>/mod</c> and <c>/config</c>
/// handler and every button press asks it again; Discord's <c>default_member_permissions</c> is only a hint.
/// </summary>
public sealed class ModeratorGate(IGuildSettingsRepository settings)
{
    /// <summary>The Manage Server permission bit (<c>MANAGE_GUILD</c>, 1 &lt;&lt; 5).</summary>
    public const ulong ManageServer = 1UL << 5;

    /// <summary>The moderator, or why the member may not moderate here.</summary>
    public async Task<Result<Moderator>> AuthorizeAsync(IInteractionInfo info, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(info);
        var roleId = info.GuildId is { } guild ? (await settings.GetAsync(guild, cancellationToken))?.ModeratorRoleId : null;
        return ModeratorPolicy.Authorize(info.GuildId, info.UserId, info.HasPermissions(ManageServer), info.Interaction.Member?.Roles ?? [], roleId);
    }

    /// <summary>
    /// For a button: the moderator, when the presser is the moderator who ran the command (their id is the
    /// first part of the button's state) and still a moderator.
    /// </summary>
    public Task<Result<Moderator>> AuthorizeButtonAsync(IComponentContext context, string askerId, CancellationToken cancellationToken) =>
        AuthorizeAskerAsync(context, askerId, cancellationToken);

    /// <summary>
    /// For a button or a form: the moderator, when the member is the moderator who ran the command (their id
    /// comes with the button or form) and still a moderator.
    /// </summary>
    public async Task<Result<Moderator>> AuthorizeAskerAsync(IInteractionInfo context, string askerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!ulong.TryParse(askerId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var asker) || asker != context.UserId)
        {
            return new DomainError(ModerationErrorCodes.NotModerator, "Only the moderator who ran the command can use these buttons.") { Key = ModerationErrorCodes.NotModeratorAsker };
        }

        return await AuthorizeAsync(context, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="action"/> for a moderator; anyone else gets the policy's refusal. With
    /// <paramref name="defer"/> (slow work: the review queue, a prune, an export or import) the interaction is
    /// acknowledged privately once the member is known to be a moderator, never before: a member who may not
    /// moderate gets the refusal at once, not a "thinking…" first.
    /// </summary>
    public async Task<InteractionResult> RunAsync(IInteractionInfo info, Func<Moderator, Task<InteractionResult>> action, CancellationToken cancellationToken, bool defer = false)
    {
        ArgumentNullException.ThrowIfNull(action);
        var moderator = await AuthorizeAsync(info, cancellationToken);
        if (!moderator.IsSuccess)
        {
            return ModMessages.Failure(moderator.Error);
        }

        if (defer)
        {
            await DeferAsync(info, cancellationToken);
        }

        return await action(moderator.Value);
    }

    /// <summary>
    /// Runs <paramref name="action"/> for a button pressed by the moderator who ran the command, with the
    /// verb and arguments of the button's state (<c>&lt;askerId&gt;:&lt;verb&gt;[:arguments]</c>); with
    /// <paramref name="defer"/>, acknowledged (type 6) only after that check.
    /// </summary>
    public async Task<InteractionResult> RunButtonAsync(
        IComponentContext context, Func<Moderator, string, string[], Task<InteractionResult>> action, CancellationToken cancellationToken, bool defer = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
        var parts = (context.State ?? string.Empty).Split(':');
        var moderator = await AuthorizeButtonAsync(context, parts[0], cancellationToken);
        if (!moderator.IsSuccess)
        {
            return ModMessages.Failure(moderator.Error);
        }

        if (defer)
        {
            await DeferAsync(context, cancellationToken);
        }

        return await action(moderator.Value, parts.Length > 1 ? parts[1] : string.Empty, parts.Length > 2 ? parts[2..] : []);
    }

    // One context type serves every kind of interaction, so the interaction's type decides: a button's message is
    // updated later (type 6), a command's private reply follows (type 5).
    private static Task DeferAsync(IInteractionInfo info, CancellationToken cancellationToken) => info switch
    {
        IComponentContext button when info.Interaction.Type == Discord.Models.InteractionType.MessageComponent => button.DeferUpdateAsync(cancellationToken),
        IInteractionContext context => context.DeferAsync(ephemeral: true, cancellationToken),
        _ => Task.CompletedTask,
    };
}
