using System.Collections.Concurrent;
using Nexus.Discord.Models;
using Nexus.Discord.Rest;

namespace Nexus.Discord.Tests.Support;

/// <summary>Records every REST call the reply path makes; nothing reaches Discord.</summary>
public sealed class FakeDiscordRestClient : IDiscordRestClient
{
    private readonly TaskCompletionSource _firstEdit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstCallback = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];

    public ConcurrentQueue<string> Calls { get; } = new();

    public ConcurrentQueue<InteractionResponse> Callbacks { get; } = new();

    public ConcurrentQueue<MessagePayload> Edits { get; } = new();

    public ConcurrentQueue<MessagePayload> FollowUps { get; } = new();

    public ConcurrentQueue<FileUpload> Files { get; } = new();

    /// <summary>Completes when the original response is first edited.</summary>
    public Task FirstEdit => _firstEdit.Task;

    /// <summary>Completes when the first initial response is posted.</summary>
    public Task FirstCallback => _firstCallback.Task;

    /// <summary>Completes once at least <paramref name="count"/> calls have been made.</summary>
    public Task WaitForCallsAsync(int count)
    {
        lock (_waiters)
        {
            if (Calls.Count >= count)
            {
                return Task.CompletedTask;
            }

            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, waiter));
            return waiter.Task;
        }
    }

    public Task<GatewayBotInfo> GetGatewayBotAsync(CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The reply path never asks for the gateway.");

    public Task BulkOverwriteGlobalCommandsAsync(ulong applicationId, IReadOnlyList<ApplicationCommandJson> commands, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The reply path never registers commands.");

    public Task BulkOverwriteGuildCommandsAsync(ulong applicationId, ulong guildId, IReadOnlyList<ApplicationCommandJson> commands, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The reply path never registers commands.");

    public Task CreateInteractionResponseAsync(ulong interactionId, string interactionToken, InteractionResponse response, CancellationToken cancellationToken)
    {
        Record($"callback {interactionId} {(int)response.Type}");
        Callbacks.Enqueue(response);
        _firstCallback.TrySetResult();
        return Task.CompletedTask;
    }

    public Task CreateInteractionResponseWithFileAsync(ulong interactionId, string interactionToken, InteractionResponse response, FileUpload file, CancellationToken cancellationToken)
    {
        Record($"callback-file {interactionId} {(int)response.Type} {file.FileName}");
        Callbacks.Enqueue(response);
        Files.Enqueue(file);
        _firstCallback.TrySetResult();
        return Task.CompletedTask;
    }

    public Task EditOriginalResponseWithFileAsync(ulong applicationId, string interactionToken, MessagePayload message, FileUpload file, CancellationToken cancellationToken)
    {
        Record($"edit-file {applicationId} {file.FileName}");
        Edits.Enqueue(message);
        Files.Enqueue(file);
        _firstEdit.TrySetResult();
        return Task.CompletedTask;
    }

    public Task EditOriginalResponseAsync(ulong applicationId, string interactionToken, MessagePayload message, CancellationToken cancellationToken)
    {
        Record($"edit {applicationId}");
        Edits.Enqueue(message);
        _firstEdit.TrySetResult();
        return Task.CompletedTask;
    }

    public Task DeleteOriginalResponseAsync(ulong applicationId, string interactionToken, CancellationToken cancellationToken)
    {
        Record($"delete {applicationId}");
        return Task.CompletedTask;
    }

    public Task<ulong> CreateFollowupMessageAsync(ulong applicationId, string interactionToken, MessagePayload message, CancellationToken cancellationToken)
    {
        Record($"followup {applicationId}");
        FollowUps.Enqueue(message);
        return Task.FromResult((ulong)FollowUps.Count);
    }

    public Task<ulong> CreateDmChannelAsync(ulong recipientId, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The reply path never opens DMs.");

    public Task<ulong> CreateMessageAsync(ulong channelId, MessagePayload message, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The reply path never posts channel messages.");

    public Task<ulong> CreateFollowupWithFileAsync(ulong applicationId, string interactionToken, MessagePayload message, FileUpload file, CancellationToken cancellationToken)
    {
        Record($"followup-file {applicationId} {file.FileName}");
        FollowUps.Enqueue(message);
        Files.Enqueue(file);
        return Task.FromResult((ulong)FollowUps.Count);
    }

    private void Record(string call)
    {
        lock (_waiters)
        {
            Calls.Enqueue(call);
            foreach (var waiter in _waiters.Where(w => w.Count <= Calls.Count).ToList())
            {
                waiter.Done.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }
}
