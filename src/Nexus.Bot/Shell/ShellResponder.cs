using Nexus.Bot.Localization;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Models;
using Nexus.Discord.Rest;

namespace Nexus.Bot.Shell;

/// <summary>A message the shell showed, remembered so <c>:click</c> can press its buttons.</summary>
/// <param name="MessageId">The message's id (a component interaction names it).</param>
/// <param name="Ephemeral">Whether it was ephemeral.</param>
/// <param name="Buttons">Its buttons, numbered from 1.</param>
/// <param name="InteractionId">The command interaction it answered.</param>
/// <param name="User">Who ran that command (its interaction metadata's user).</param>
internal sealed record ShownMessage(ulong MessageId, bool Ephemeral, IReadOnlyList<Component> Buttons, ulong InteractionId, User User);

/// <summary>
/// The shell's reply path: the fourth <see cref="IInteractionResponder"/>, beside HTTP and the gateway.
/// Renders the wire objects the dispatcher sends (initial response, edits of the original, follow-ups,
/// deletes) and remembers the last message shown for <c>:click</c>.
/// </summary>
internal sealed class ShellResponder : IInteractionResponder
{
    private readonly ShellRenderer _renderer;

    // The member's language, for what the shell draws around a reply as Discord's client would ("only you can see this").
    private readonly System.Globalization.CultureInfo _language;
    private readonly Func<ulong> _newId;
    private readonly Action<ShownMessage> _shown;
    private readonly ShownMessage? _source;
    private readonly User _originalUser;
    private readonly ulong _originalInteractionId;
    private ulong _originalMessageId;
    private bool _ephemeral;

    /// <param name="renderer">Where output goes.</param>
    /// <param name="newId">Fresh message ids.</param>
    /// <param name="shown">Told of every message shown (the engine keeps the last for <c>:click</c>).</param>
    /// <param name="interaction">The interaction being answered.</param>
    /// <param name="source">For a button press, the message the button is on (its updates edit that message).</param>
    public ShellResponder(ShellRenderer renderer, Func<ulong> newId, Action<ShownMessage> shown, Interaction interaction, ShownMessage? source = null)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        _renderer = renderer;
        _newId = newId;
        _shown = shown;
        _source = source;
        _originalUser = source?.User ?? interaction.Invoker ?? new User();
        _originalInteractionId = source?.InteractionId ?? interaction.Id;
        _language = Languages.For(interaction.Locale);
    }

    /// <summary>The autocomplete suggestions, when the response was one (type 8).</summary>
    public IReadOnlyList<CommandChoice>? Choices { get; private set; }

    public Task RespondAsync(Interaction interaction, InteractionResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var data = response.Data;
        switch (response.Type)
        {
            case InteractionCallbackType.ChannelMessageWithSource:
                _originalMessageId = _newId();
                _ephemeral = IsEphemeral(data?.Flags);
                Show(null, data?.Content, data?.Embeds, data?.Components, null);
                break;
            case InteractionCallbackType.DeferredChannelMessageWithSource:
                _originalMessageId = _newId();
                _ephemeral = IsEphemeral(data?.Flags);
                _renderer.Note(_ephemeral ? Strings.Shell_ThinkingOnlyYou : Strings.Shell_Thinking);
                break;
            case InteractionCallbackType.DeferredUpdateMessage:
                // The button's message will be edited; nothing shows until then.
                _originalMessageId = _source?.MessageId ?? _newId();
                _ephemeral = _source?.Ephemeral ?? false;
                break;
            case InteractionCallbackType.UpdateMessage:
                _originalMessageId = _source?.MessageId ?? _newId();
                _ephemeral = _source?.Ephemeral ?? false;
                Show(Strings.Shell_MessageUpdated, data?.Content, data?.Embeds, data?.Components, null);
                break;
            case InteractionCallbackType.ApplicationCommandAutocompleteResult:
                Choices = data?.Choices ?? [];
                break;
            case InteractionCallbackType.Modal:
                _renderer.Note(Text.Format(Strings.Shell_Form, data?.Title));
                break;
            default:
                _renderer.Note($"({response.Type})");
                break;
        }

        return Task.CompletedTask;
    }

    public Task RespondWithFileAsync(Interaction interaction, InteractionResponse response, FileUpload file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var data = response.Data;
        _originalMessageId = _newId();
        _ephemeral = IsEphemeral(data?.Flags);
        Show(null, data?.Content, data?.Embeds, data?.Components, file);
        return Task.CompletedTask;
    }

    public Task EditOriginalWithFileAsync(Interaction interaction, MessagePayload message, FileUpload file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        Show(_source is null ? Strings.Shell_ReplyEdited : Strings.Shell_MessageUpdated, message.Content, message.Embeds, message.Components, file);
        return Task.CompletedTask;
    }

    public Task EditOriginalAsync(Interaction interaction, MessagePayload message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        Show(_source is null ? Strings.Shell_ReplyEdited : Strings.Shell_MessageUpdated, message.Content, message.Embeds, message.Components, null);
        return Task.CompletedTask;
    }

    public Task DeleteOriginalAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        _renderer.Note(Strings.Shell_ReplyDeleted);
        return Task.CompletedTask;
    }

    public Task<ulong> FollowUpAsync(Interaction interaction, MessagePayload message, FileUpload? file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var id = _newId();
        var ephemeral = IsEphemeral(message.Flags);
        var buttons = _renderer.Message(Strings.Shell_FollowUp, ephemeral, message.Content, message.Embeds, message.Components, file);
        _shown(new ShownMessage(id, ephemeral, buttons, _originalInteractionId, _originalUser));
        return Task.FromResult(id);
    }

    private void Show(string? heading, string? content, IReadOnlyList<Embed>? embeds, IReadOnlyList<Component>? components, FileUpload? file)
    {
        using var language = Languages.Use(_language);
        var buttons = _renderer.Message(heading, _ephemeral, content, embeds, components, file);
        _shown(new ShownMessage(_originalMessageId, _ephemeral, buttons, _originalInteractionId, _originalUser));
    }

    private static bool IsEphemeral(MessageFlags? flags) => flags is { } f && f.HasFlag(MessageFlags.Ephemeral);
}
