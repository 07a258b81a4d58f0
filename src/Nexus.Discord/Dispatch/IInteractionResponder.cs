using Nexus.Discord.Models;
using Nexus.Discord.Rest;

namespace Nexus.Discord.Dispatch;

/// <summary>
/// Where an interaction's replies go: the one piece that differs between transports. Over HTTP the
/// initial response becomes the HTTP response body; over the gateway it is POSTed to the callback
/// endpoint; the local shell renders it in the terminal. Later messages (edits, follow-ups) use the
/// interaction token. The dispatcher calls <see cref="RespondAsync"/> at most once per interaction, and
/// every message it passes carries <c>allowed_mentions: {parse: []}</c>.
/// </summary>
public interface IInteractionResponder
{
    /// <summary>The initial response (callback types 1, 4, 5, 6, 7, 8, 9); exactly once, within 3 seconds.</summary>
    Task RespondAsync(Interaction interaction, InteractionResponse response, CancellationToken cancellationToken);

    /// <summary>
    /// The initial response as a message carrying a file (callback type 4, multipart), once, within 3 seconds.
    /// A transport that cannot send files in its first answer acknowledges first and then edits the original
    /// with the message and the file; the member sees the same message either way.
    /// </summary>
    Task RespondWithFileAsync(Interaction interaction, InteractionResponse response, FileUpload file, CancellationToken cancellationToken);

    /// <summary>Replaces the original response (after a defer, or to update progress).</summary>
    Task EditOriginalAsync(Interaction interaction, MessagePayload message, CancellationToken cancellationToken);

    /// <summary>Replaces the original response with a message carrying a file (multipart).</summary>
    Task EditOriginalWithFileAsync(Interaction interaction, MessagePayload message, FileUpload file, CancellationToken cancellationToken);

    /// <summary>Deletes the original response.</summary>
    Task DeleteOriginalAsync(Interaction interaction, CancellationToken cancellationToken);

    /// <summary>Sends a further message, with an optional file; returns its message id.</summary>
    Task<ulong> FollowUpAsync(Interaction interaction, MessagePayload message, FileUpload? file, CancellationToken cancellationToken);
}

/// <summary>
/// The reply path over REST, used by the gateway (initial response POSTed to the callback endpoint) and,
/// after the first response, by the HTTP endpoint too. Edits and follow-ups use the application id and the
/// interaction token.
/// </summary>
/// <param name="rest">The REST client.</param>
public sealed class RestInteractionResponder(IDiscordRestClient rest) : IInteractionResponder
{
    /// <inheritdoc />
    public Task RespondAsync(Interaction interaction, InteractionResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        return rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, response, cancellationToken);
    }

    /// <inheritdoc />
    public Task RespondWithFileAsync(Interaction interaction, InteractionResponse response, FileUpload file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        return rest.CreateInteractionResponseWithFileAsync(interaction.Id, interaction.Token, response, file, cancellationToken);
    }

    /// <inheritdoc />
    public Task EditOriginalWithFileAsync(Interaction interaction, MessagePayload message, FileUpload file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        return rest.EditOriginalResponseWithFileAsync(interaction.ApplicationId, interaction.Token, message, file, cancellationToken);
    }

    /// <inheritdoc />
    public Task EditOriginalAsync(Interaction interaction, MessagePayload message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        return rest.EditOriginalResponseAsync(interaction.ApplicationId, interaction.Token, message, cancellationToken);
    }

    /// <inheritdoc />
    public Task DeleteOriginalAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        return rest.DeleteOriginalResponseAsync(interaction.ApplicationId, interaction.Token, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ulong> FollowUpAsync(Interaction interaction, MessagePayload message, FileUpload? file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        return file is null
            ? rest.CreateFollowupMessageAsync(interaction.ApplicationId, interaction.Token, message, cancellationToken)
            : rest.CreateFollowupWithFileAsync(interaction.ApplicationId, interaction.Token, message, file, cancellationToken);
    }
}

/// <summary>
/// Wraps any responder so that every message sent carries <c>allowed_mentions: {parse: []}</c>: no reply
/// of the bot pings anyone, whatever a handler or a responder builds. The dispatcher always applies it.
/// </summary>
/// <param name="inner">The transport's responder.</param>
public sealed class NoMentionsResponder(IInteractionResponder inner) : IInteractionResponder
{
    /// <inheritdoc />
    public Task RespondAsync(Interaction interaction, InteractionResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        // Only message callbacks (4 and 7) carry a message; allowed_mentions is not part of the others' data.
        var carriesMessage = response.Type is InteractionCallbackType.ChannelMessageWithSource or InteractionCallbackType.UpdateMessage;
        var safe = carriesMessage
            ? response with { Data = Fit(response.Data ?? new InteractionCallbackData()) with { AllowedMentions = AllowedMentions.None } }
            : response;
        return inner.RespondAsync(interaction, safe, cancellationToken);
    }

    /// <inheritdoc />
    public Task RespondWithFileAsync(Interaction interaction, InteractionResponse response, FileUpload file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var safe = response with { Data = Fit(response.Data ?? new InteractionCallbackData()) with { AllowedMentions = AllowedMentions.None } };
        return inner.RespondWithFileAsync(interaction, safe, file, cancellationToken);
    }

    /// <inheritdoc />
    public Task EditOriginalWithFileAsync(Interaction interaction, MessagePayload message, FileUpload file, CancellationToken cancellationToken) =>
        inner.EditOriginalWithFileAsync(interaction, Safe(message), file, cancellationToken);

    /// <inheritdoc />
    public Task EditOriginalAsync(Interaction interaction, MessagePayload message, CancellationToken cancellationToken) =>
        inner.EditOriginalAsync(interaction, Safe(message), cancellationToken);

    /// <inheritdoc />
    public Task DeleteOriginalAsync(Interaction interaction, CancellationToken cancellationToken) =>
        inner.DeleteOriginalAsync(interaction, cancellationToken);

    /// <inheritdoc />
    public Task<ulong> FollowUpAsync(Interaction interaction, MessagePayload message, FileUpload? file, CancellationToken cancellationToken) =>
        inner.FollowUpAsync(interaction, Safe(message), file, cancellationToken);

    // Text over Discord's limit would have the whole message refused, and the member would see nothing:
    // cut it here, where every message passes, so no handler can get it wrong (e.g. by quoting long input).
    private static MessagePayload Safe(MessagePayload message) =>
        (message ?? throw new ArgumentNullException(nameof(message))) with { AllowedMentions = AllowedMentions.None, Content = MessageText.FitContent(message.Content) };

    private static InteractionCallbackData Fit(InteractionCallbackData data) =>
        data.Content is { Length: > MessageText.MaxContentLength } ? data with { Content = MessageText.FitContent(data.Content) } : data;
}
