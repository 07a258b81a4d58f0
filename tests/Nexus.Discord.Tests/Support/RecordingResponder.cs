using System.Collections.Concurrent;
using System.Text.Json;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Json;
using Nexus.Discord.Models;
using Nexus.Discord.Rest;

namespace Nexus.Discord.Tests.Support;

/// <summary>A responder that records what the dispatcher sends, as a shell's would render it.</summary>
public sealed class RecordingResponder : IInteractionResponder
{
    public ConcurrentQueue<string> Calls { get; } = new();

    public ConcurrentQueue<InteractionResponse> Responses { get; } = new();

    public ConcurrentQueue<MessagePayload> Edits { get; } = new();

    public ConcurrentQueue<MessagePayload> FollowUps { get; } = new();

    public InteractionResponse Single => Assert.Single(Responses);

    public string SingleJson => JsonSerializer.Serialize(Single, DiscordJsonContext.Default.InteractionResponse);

    public Task RespondAsync(Interaction interaction, InteractionResponse response, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"respond {(int)response.Type}");
        Responses.Enqueue(response);
        return Task.CompletedTask;
    }

    public Task RespondWithFileAsync(Interaction interaction, InteractionResponse response, FileUpload file, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"respond {(int)response.Type} file {file.FileName}");
        Responses.Enqueue(response);
        return Task.CompletedTask;
    }

    public Task EditOriginalWithFileAsync(Interaction interaction, MessagePayload message, FileUpload file, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"edit file {file.FileName}");
        Edits.Enqueue(message);
        return Task.CompletedTask;
    }

    public Task EditOriginalAsync(Interaction interaction, MessagePayload message, CancellationToken cancellationToken)
    {
        Calls.Enqueue("edit");
        Edits.Enqueue(message);
        return Task.CompletedTask;
    }

    public Task DeleteOriginalAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        Calls.Enqueue("delete");
        return Task.CompletedTask;
    }

    public Task<ulong> FollowUpAsync(Interaction interaction, MessagePayload message, FileUpload? file, CancellationToken cancellationToken)
    {
        Calls.Enqueue(file is null ? "followup" : $"followup-file {file.FileName}");
        FollowUps.Enqueue(message);
        return Task.FromResult((ulong)FollowUps.Count);
    }
}
