using Nexus.Discord.Dispatch;
using Nexus.Discord.Models;
using Nexus.Discord.Rest;

namespace Nexus.Discord.Http;

/// <summary>
/// The reply path of one HTTP-delivered interaction: the initial response becomes the HTTP response body
/// (the endpoint awaits <see cref="InitialResponse"/>); later messages go through REST with the token.
/// <see cref="RespondAsync"/> returns only once the body has been written, so an edit of the original can
/// never reach Discord before the response it edits. The body is JSON only, so a first answer with a file
/// is a deferred response in the body and then the original edited with the message and the file.
/// </summary>
public sealed class HttpInteractionResponder(RestInteractionResponder rest) : IInteractionResponder
{
    private readonly TaskCompletionSource<InteractionResponse> _response = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the initial response.</summary>
    public Task<InteractionResponse> InitialResponse => _response.Task;

    /// <summary>The endpoint calls this once the body has been sent (or failed to be).</summary>
    public void MarkWritten(Exception? failure = null)
    {
        if (failure is null)
        {
            _written.TrySetResult();
        }
        else
        {
            _written.TrySetException(failure);
        }
    }

    /// <inheritdoc />
    public async Task RespondAsync(Interaction interaction, InteractionResponse response, CancellationToken cancellationToken)
    {
        if (!_response.TrySetResult(response))
        {
            throw new InvalidOperationException("The interaction already has its initial response.");
        }

        await _written.Task.WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task RespondWithFileAsync(Interaction interaction, InteractionResponse response, FileUpload file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var data = response.Data ?? new InteractionCallbackData();
        await RespondAsync(interaction, new InteractionResponse(InteractionCallbackType.DeferredChannelMessageWithSource, data.Flags is { } flags ? new InteractionCallbackData { Flags = flags } : null), cancellationToken);
        // Edits may not set flags: the defer already made the message ephemeral or public.
        var message = new MessagePayload
        {
            Content = data.Content,
            Embeds = data.Embeds,
            Components = data.Components,
            AllowedMentions = data.AllowedMentions ?? AllowedMentions.None,
            Attachments = data.Attachments,
        };
        await rest.EditOriginalWithFileAsync(interaction, message, file, cancellationToken);
    }

    /// <inheritdoc />
    public Task EditOriginalWithFileAsync(Interaction interaction, MessagePayload message, FileUpload file, CancellationToken cancellationToken) =>
        rest.EditOriginalWithFileAsync(interaction, message, file, cancellationToken);

    /// <inheritdoc />
    public Task EditOriginalAsync(Interaction interaction, MessagePayload message, CancellationToken cancellationToken) =>
        rest.EditOriginalAsync(interaction, message, cancellationToken);

    /// <inheritdoc />
    public Task DeleteOriginalAsync(Interaction interaction, CancellationToken cancellationToken) =>
        rest.DeleteOriginalAsync(interaction, cancellationToken);

    /// <inheritdoc />
    public Task<ulong> FollowUpAsync(Interaction interaction, MessagePayload message, FileUpload? file, CancellationToken cancellationToken) =>
        rest.FollowUpAsync(interaction, message, file, cancellationToken);
}
