using Nexus.Discord.Commands;
using Nexus.Discord.Models;

namespace Nexus.Discord.Dispatch;

/// <summary>Handles a slash command (or one subcommand). Resolved from a fresh DI scope per interaction.</summary>
public interface ICommandHandler
{
    /// <summary>Reads the options, does the work, and describes the reply.</summary>
    Task<InteractionResult> HandleAsync(ICommandContext context, CancellationToken cancellationToken);
}

/// <summary>Handles a button or select whose custom id starts with the registered prefix.</summary>
public interface IComponentHandler
{
    /// <summary>Does the work and describes the reply (often <see cref="InteractionResult.UpdateMessage(InteractionMessage)"/>).</summary>
    Task<InteractionResult> HandleAsync(IComponentContext context, CancellationToken cancellationToken);
}

/// <summary>Handles a submitted modal whose custom id starts with the registered prefix.</summary>
public interface IModalHandler
{
    /// <summary>Reads the fields, does the work, and describes the reply.</summary>
    Task<InteractionResult> HandleAsync(IModalContext context, CancellationToken cancellationToken);
}

/// <summary>Suggests values for one option while the member types.</summary>
public interface IAutocompleteHandler
{
    /// <summary>At most 25 suggestions (more are cut); must answer within Discord's 3 seconds.</summary>
    Task<IReadOnlyList<CommandChoice>> SuggestAsync(IAutocompleteContext context, CancellationToken cancellationToken);
}

/// <summary>Who asked, and where: the parts of an interaction every handler reads.</summary>
public interface IInteractionInfo
{
    /// <summary>The raw interaction.</summary>
    Interaction Interaction { get; }

    /// <summary>The invoking user's id (the member's user in guilds, the user in DMs).</summary>
    ulong UserId { get; }

    /// <summary>The invoking user.</summary>
    User? User { get; }

    /// <summary>The guild, or null in DMs.</summary>
    ulong? GuildId { get; }

    /// <summary>The member's permissions in the channel (overwrites included), or null in DMs.</summary>
    ulong? MemberPermissions { get; }

    /// <summary>True in a guild when the member has every bit of <paramref name="permissionBits"/>, or is an administrator.</summary>
    bool HasPermissions(ulong permissionBits);
}

/// <summary>
/// The reply channel of one interaction. The first call acknowledges the interaction; later calls edit the
/// original or follow up, keeping its ephemeral flag. Never acknowledges twice.
/// </summary>
public interface IInteractionContext : IInteractionInfo
{
    /// <summary>True once the interaction has been acknowledged (replied to or deferred).</summary>
    bool HasAcknowledged { get; }

    /// <summary>Acknowledges now (a deferred reply, "thinking…") if nothing was sent yet; otherwise does nothing.</summary>
    Task DeferAsync(bool ephemeral, CancellationToken cancellationToken);

    /// <summary>Replies if nothing was sent yet; otherwise replaces the original reply (e.g. progress updates).</summary>
    Task ReplyAsync(InteractionMessage message, CancellationToken cancellationToken);

    /// <summary>Replies if nothing was sent yet; otherwise sends a further message, ephemeral when the reply was.</summary>
    Task FollowUpAsync(InteractionMessage message, CancellationToken cancellationToken);
}

/// <summary>The context of a slash command.</summary>
public interface ICommandContext : IInteractionContext
{
    /// <summary>The command path, e.g. <c>mycase update</c>.</summary>
    string CommandPath { get; }

    /// <summary>The typed reader of the matched (sub)command's options.</summary>
    CommandOptions Options { get; }
}

/// <summary>The context of a button or select.</summary>
public interface IComponentContext : IInteractionContext
{
    /// <summary>The whole custom id.</summary>
    string CustomId { get; }

    /// <summary>What follows the registered prefix and its ':' separator (empty when nothing does): the state the button carries.</summary>
    string State { get; }

    /// <summary>The chosen values of a select; empty for buttons.</summary>
    IReadOnlyList<string> Values { get; }

    /// <summary>Who ran the command whose reply holds this component, when Discord says.</summary>
    ulong? OriginalUserId { get; }

    /// <summary>Edits the message the component is on (type 7 if nothing was sent yet, otherwise an edit of the original).</summary>
    Task UpdateMessageAsync(InteractionMessage message, CancellationToken cancellationToken);

    /// <summary>Acknowledges without a loading state (type 6) if nothing was sent yet; the message is edited later.</summary>
    Task DeferUpdateAsync(CancellationToken cancellationToken);
}

/// <summary>The context of a submitted modal.</summary>
public interface IModalContext : IInteractionContext
{
    /// <summary>The modal's whole custom id.</summary>
    string CustomId { get; }

    /// <summary>What follows the registered prefix and its ':' separator.</summary>
    string State { get; }

    /// <summary>The text of the input with this custom id (label or action-row wrapped), or null.</summary>
    string? GetText(string customId);

    /// <summary>The chosen values of the select with this custom id, or null.</summary>
    IReadOnlyList<string>? GetValues(string customId);
}

/// <summary>The context of an autocomplete request.</summary>
public interface IAutocompleteContext : IInteractionInfo
{
    /// <summary>The command path, e.g. <c>mycase start</c>.</summary>
    string CommandPath { get; }

    /// <summary>The option being typed.</summary>
    string FocusedOption { get; }

    /// <summary>What has been typed so far (possibly empty).</summary>
    string FocusedValue { get; }

    /// <summary>The other options given so far (not validated: Discord sends partial input).</summary>
    CommandOptions Options { get; }
}
