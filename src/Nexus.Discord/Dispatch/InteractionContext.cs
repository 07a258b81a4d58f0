using Nexus.Discord.Commands;
using Nexus.Discord.Models;
using Nexus.Discord.Rest;

namespace Nexus.Discord.Dispatch;

/// <summary>
/// The per-interaction reply state machine behind every handler context. It decides, for each message,
/// whether it is the initial response, an edit of the original or a follow-up, so no interaction is
/// acknowledged twice (Discord answers a second one with 40060) and ephemerality stays as first sent.
/// </summary>
internal sealed class InteractionContext : InteractionInfo, ICommandContext, IComponentContext, IModalContext, IDisposable
{
    // Discord's JSON error code for an interaction it no longer knows (reference §1.5).
    private const int UnknownInteraction = 10062;

    private readonly IInteractionResponder _responder;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ReplyState _state;
    private bool _ephemeral;
    private readonly CommandOptions? _options;

    public InteractionContext(Interaction interaction, IInteractionResponder responder, string path, CommandOptions? options, string state)
        : base(interaction)
    {
        _responder = responder;
        CommandPath = path;
        _options = options;
        State = state;
    }

    private enum ReplyState
    {
        None,
        Deferred,
        DeferredUpdate,
        Replied,

        // Discord answered 10062: the interaction is gone, and nothing more is sent for it.
        Expired,
    }

    public bool HasAcknowledged => _state != ReplyState.None;

    public string CommandPath { get; }

    public CommandOptions Options => _options ?? throw new InvalidOperationException("Only slash commands have options.");

    public string CustomId => Interaction.Data?.CustomId ?? "";

    public string State { get; }

    public IReadOnlyList<string> Values => Interaction.Data?.Values ?? [];

    public ulong? OriginalUserId => Interaction.Message?.InteractionMetadata?.User?.Id;

    private bool IsComponent => Interaction.Type == InteractionType.MessageComponent;

    public string? GetText(string customId)
    {
        var input = FindInput(Interaction.Data?.Components, customId);
        return input?.Value is { ValueKind: System.Text.Json.JsonValueKind.String } value ? CommandOptions.ReadText(value, option: null) : null;
    }

    public IReadOnlyList<string>? GetValues(string customId) => FindInput(Interaction.Data?.Components, customId)?.Values;

    public Task DeferAsync(bool ephemeral, CancellationToken cancellationToken) =>
        Locked(async () =>
        {
            if (_state == ReplyState.None)
            {
                await RespondAsync(InteractionCallbackType.DeferredChannelMessageWithSource, ephemeral ? new InteractionCallbackData { Flags = MessageFlags.Ephemeral } : null, cancellationToken);
                _state = ReplyState.Deferred;
                _ephemeral = ephemeral;
            }
        });

    /// <summary>Components: acknowledge without a loading state (type 6); the message is edited later.</summary>
    public Task DeferUpdateAsync(CancellationToken cancellationToken) =>
        Locked(async () =>
        {
            if (_state == ReplyState.None)
            {
                await DeferUpdateCoreAsync(cancellationToken);
            }
        });

    public Task ReplyAsync(InteractionMessage message, CancellationToken cancellationToken) =>
        Locked(() => ReplyCoreAsync(message, cancellationToken));

    public Task FollowUpAsync(InteractionMessage message, CancellationToken cancellationToken) =>
        Locked(async () =>
        {
            ArgumentNullException.ThrowIfNull(message);
            if (_state == ReplyState.None)
            {
                await ReplyCoreAsync(message, cancellationToken);
                return;
            }

            await _responder.FollowUpAsync(Interaction, Payload(message, ephemeral: _ephemeral || message.Ephemeral), message.File, cancellationToken);
        });

    public Task UpdateMessageAsync(InteractionMessage message, CancellationToken cancellationToken) =>
        Locked(async () =>
        {
            ArgumentNullException.ThrowIfNull(message);
            if (!IsComponent)
            {
                await ReplyCoreAsync(message, cancellationToken);
                return;
            }

            // An edit keeps every field it omits: the old embed and its buttons would stay under new text. So the
            // replacement states its content, embeds and components, empty where it has none.
            var replacement = Replacement(message);
            if (_state == ReplyState.None && message.File is null)
            {
                // Type 7 keeps the message's existing flags; no ephemeral flag may be set here.
                await RespondAsync(InteractionCallbackType.UpdateMessage, CallbackData(replacement, ephemeral: false), cancellationToken);
                _state = ReplyState.Replied;
                return;
            }

            if (_state == ReplyState.None)
            {
                await DeferUpdateCoreAsync(cancellationToken);
            }

            await _responder.EditOriginalAsync(Interaction, Payload(replacement, ephemeral: false), cancellationToken);
            if (message.File is not null)
            {
                await _responder.FollowUpAsync(Interaction, Payload(InteractionMessage.Text(message.File.FileName), _ephemeral), message.File, cancellationToken);
            }
        });

    /// <summary>Sends what a handler's result describes.</summary>
    public Task CompleteAsync(InteractionResult result, CancellationToken cancellationToken) => result switch
    {
        ReplyResult reply => ReplyAsync(reply.Message, cancellationToken),
        UpdateMessageResult update => UpdateMessageAsync(update.Message, cancellationToken),
        ModalResult modal => ShowModalAsync(modal, cancellationToken),
        FailureResult failure => FailAsync(failure.Message, cancellationToken),
        HandledResult when !HasAcknowledged => throw new InvalidOperationException("The handler returned Handled but sent nothing; every interaction needs an answer."),
        HandledResult => Task.CompletedTask,
        _ => throw new InvalidOperationException($"Unknown result {result?.GetType().Name}."),
    };

    /// <summary>An ephemeral error message: never shown to others, whatever was sent before.</summary>
    public Task FailAsync(string message, CancellationToken cancellationToken) =>
        Locked(async () =>
        {
            var text = InteractionMessage.Text(message, ephemeral: true);
            switch (_state)
            {
                case ReplyState.None:
                    await ReplyCoreAsync(text, cancellationToken);
                    break;
                case ReplyState.Deferred when _ephemeral:
                    await _responder.EditOriginalAsync(Interaction, Payload(text, ephemeral: false), cancellationToken);
                    _state = ReplyState.Replied;
                    break;
                case ReplyState.Deferred:
                    // A public "thinking…" must not turn into a public error: remove it, then tell only the member.
                    await _responder.DeleteOriginalAsync(Interaction, cancellationToken);
                    await _responder.FollowUpAsync(Interaction, Payload(text, ephemeral: true), null, cancellationToken);
                    _state = ReplyState.Replied;
                    break;
                default:
                    await _responder.FollowUpAsync(Interaction, Payload(text, ephemeral: true), null, cancellationToken);
                    break;
            }
        });

    private static SubmittedComponent? FindInput(IReadOnlyList<SubmittedComponent>? components, string customId)
    {
        // Inputs arrive wrapped in a Label (current) or an Action Row (legacy); accept both (reference §3.4).
        foreach (var component in components ?? [])
        {
            if (component.CustomId == customId)
            {
                return component;
            }

            var nested = component.Component is { } child ? FindInput([child], customId) : FindInput(component.Components, customId);
            if (nested is not null)
            {
                return nested;
            }
        }

        return null;
    }

    // A message that replaces another states every field, empty where it has none (an edit keeps what it omits).
    private static InteractionMessage Replacement(InteractionMessage message) =>
        message with { Content = message.Content ?? string.Empty, Embeds = message.Embeds ?? [], Components = message.Components ?? [] };

    private static InteractionCallbackData CallbackData(InteractionMessage message, bool ephemeral) => new()
    {
        Content = message.Content,
        Embeds = message.Embeds,
        Components = message.Components,
        Flags = ephemeral ? MessageFlags.Ephemeral : null,
        AllowedMentions = AllowedMentions.None,
        Attachments = Attachments(message),
    };

    // The file of a message is the multipart part files[0]; its body names it so embeds can show it.
    private static IReadOnlyList<AttachmentReference>? Attachments(InteractionMessage message) =>
        message.File is { } file ? [new AttachmentReference(0, file.FileName)] : null;

    // Edits may not set EPHEMERAL (Discord ignores or rejects it); follow-ups may.
    private static MessagePayload Payload(InteractionMessage message, bool ephemeral) => new()
    {
        Content = message.Content,
        Embeds = message.Embeds,
        Components = message.Components,
        Flags = ephemeral ? MessageFlags.Ephemeral : null,
        AllowedMentions = AllowedMentions.None,
        Attachments = Attachments(message),
    };

    private Task ShowModalAsync(ModalResult modal, CancellationToken cancellationToken) =>
        Locked(async () =>
        {
            if (_state != ReplyState.None || Interaction.Type is InteractionType.ModalSubmit or InteractionType.ApplicationCommandAutocomplete)
            {
                throw new InvalidOperationException("A modal can only be the first response, and never to a modal submit.");
            }

            await RespondAsync(InteractionCallbackType.Modal, new InteractionCallbackData { CustomId = modal.CustomId, Title = modal.Title, Components = modal.Components }, cancellationToken);
            _state = ReplyState.Replied;
        });

    private async Task ReplyCoreAsync(InteractionMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        switch (_state)
        {
            case ReplyState.None when message.File is null:
                await RespondAsync(InteractionCallbackType.ChannelMessageWithSource, CallbackData(message, message.Ephemeral), cancellationToken);
                _state = ReplyState.Replied;
                _ephemeral = message.Ephemeral;
                break;
            case ReplyState.None:
                // The file travels with the message itself (multipart), so an embed can show it as attachment://.
                _ephemeral = message.Ephemeral;
                await _responder.RespondWithFileAsync(Interaction, new InteractionResponse(InteractionCallbackType.ChannelMessageWithSource, CallbackData(message, message.Ephemeral)), message.File, cancellationToken);
                _state = ReplyState.Replied;
                break;
            case ReplyState.Deferred when message.Ephemeral && !_ephemeral:
                // The defer was public but this reply is private: never put it in the public message.
                await _responder.DeleteOriginalAsync(Interaction, cancellationToken);
                await _responder.FollowUpAsync(Interaction, Payload(message, ephemeral: true), message.File, cancellationToken);
                _state = ReplyState.Replied;
                _ephemeral = true;
                break;
            case ReplyState.DeferredUpdate:
                // After a component's deferred update a "reply" is a new message under it.
                await _responder.FollowUpAsync(Interaction, Payload(message, message.Ephemeral), message.File, cancellationToken);
                _state = ReplyState.Replied;
                break;
            default:
                if (message.File is null)
                {
                    // Replacing a "thinking…" or a progress message: omitted fields would keep the old ones.
                    await _responder.EditOriginalAsync(Interaction, Payload(Replacement(message), ephemeral: false), cancellationToken);
                }
                else
                {
                    await _responder.EditOriginalWithFileAsync(Interaction, Payload(message, ephemeral: false), message.File, cancellationToken);
                }

                _state = ReplyState.Replied;
                break;
        }
    }

    private async Task DeferUpdateCoreAsync(CancellationToken cancellationToken)
    {
        await RespondAsync(InteractionCallbackType.DeferredUpdateMessage, null, cancellationToken);
        _state = ReplyState.DeferredUpdate;
        // The original is the component's message: follow-ups stay ephemeral if it was.
        _ephemeral = ((MessageFlags?)Interaction.Message?.Flags ?? MessageFlags.None).HasFlag(MessageFlags.Ephemeral);
    }

    public void Dispose() => _gate.Dispose();

    private Task RespondAsync(InteractionCallbackType type, InteractionCallbackData? data, CancellationToken cancellationToken) =>
        _responder.RespondAsync(Interaction, new InteractionResponse(type, data), cancellationToken);

    private async Task Locked(Func<Task> action)
    {
        await _gate.WaitAsync();
        try
        {
            if (_state == ReplyState.Expired)
            {
                return;
            }

            await action();
        }
        catch (DiscordRestException refused) when (refused.ErrorCode == UnknownInteraction)
        {
            // Anything sent now would be refused the same way (and a callback would be a second one).
            _state = ReplyState.Expired;
            throw new InteractionExpiredException("Discord no longer knows the interaction (10062): its first response came after the 3-second window, or its token expired.", refused);
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>The context of an autocomplete request.</summary>
internal sealed class AutocompleteContext(Interaction interaction, string path, string focusedOption, string focusedValue, CommandOptions options)
    : InteractionInfo(interaction), IAutocompleteContext
{
    public string CommandPath { get; } = path;

    public string FocusedOption { get; } = focusedOption;

    public string FocusedValue { get; } = focusedValue;

    public CommandOptions Options { get; } = options;
}

/// <summary>Who asked and where, read the same way for every kind of interaction.</summary>
internal abstract class InteractionInfo(Interaction interaction) : IInteractionInfo
{
    // ADMINISTRATOR (bit 3) grants every permission, whatever the other bits say.
    private const ulong Administrator = 1UL << 3;

    public Interaction Interaction { get; } = interaction;

    public ulong UserId => Interaction.Invoker?.Id ?? 0;

    public User? User => Interaction.Invoker;

    public ulong? GuildId => Interaction.GuildId;

    // member.permissions already includes channel overwrites (reference §3.1); DMs have no member permissions.
    public ulong? MemberPermissions => Interaction.GuildId is null ? null : Interaction.Member?.Permissions;

    public bool HasPermissions(ulong permissionBits) =>
        MemberPermissions is { } granted && ((granted & Administrator) != 0 || (granted & permissionBits) == permissionBits);
}
