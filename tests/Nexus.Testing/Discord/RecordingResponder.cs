using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Json;
using Nexus.Discord.Models;
using Nexus.Discord.Rest;
using Xunit;

namespace Nexus.Testing;

/// <summary>
/// The reply path of one interaction in memory, for every test project: records each call the dispatcher
/// makes (<see cref="Calls"/>, e.g. <c>respond 5</c>, <c>edit</c>, <c>followup file cases.csv</c>) and what it
/// carried, as a shell would render it. <see cref="Refuse"/> makes every call fail after it is recorded, as
/// Discord does once it no longer knows the interaction.
/// </summary>
public sealed class RecordingResponder : IInteractionResponder
{
    /// <summary>Every call, in order.</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>Initial responses (callbacks).</summary>
    public ConcurrentQueue<InteractionResponse> Responses { get; } = new();

    /// <summary>Edits of the original response.</summary>
    public ConcurrentQueue<MessagePayload> Edits { get; } = new();

    /// <summary>Follow-up messages.</summary>
    public ConcurrentQueue<MessagePayload> FollowUps { get; } = new();

    /// <summary>Every file sent, with a response, an edit or a follow-up, in order.</summary>
    public ConcurrentQueue<FileUpload> Files { get; } = new();

    /// <summary>When set, each call is recorded and then fails with the exception it returns.</summary>
    public Func<string, Exception>? Refuse { get; set; }

    /// <summary>The one initial response.</summary>
    public InteractionResponse Single => Assert.Single(Responses);

    /// <summary>The one initial response as the JSON sent to Discord.</summary>
    public string SingleJson => JsonSerializer.Serialize(Single, DiscordJsonContext.Default.InteractionResponse);

    /// <inheritdoc />
    public Task RespondAsync(Interaction interaction, InteractionResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        Responses.Enqueue(response);
        return Record(string.Create(CultureInfo.InvariantCulture, $"respond {(int)response.Type}"));
    }

    /// <inheritdoc />
    public Task RespondWithFileAsync(Interaction interaction, InteractionResponse response, FileUpload file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(file);
        Responses.Enqueue(response);
        Files.Enqueue(file);
        return Record(string.Create(CultureInfo.InvariantCulture, $"respond {(int)response.Type} file {file.FileName}"));
    }

    /// <inheritdoc />
    public Task EditOriginalAsync(Interaction interaction, MessagePayload message, CancellationToken cancellationToken)
    {
        Edits.Enqueue(message);
        return Record("edit");
    }

    /// <inheritdoc />
    public Task EditOriginalWithFileAsync(Interaction interaction, MessagePayload message, FileUpload file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        Edits.Enqueue(message);
        Files.Enqueue(file);
        return Record("edit file " + file.FileName);
    }

    /// <inheritdoc />
    public Task DeleteOriginalAsync(Interaction interaction, CancellationToken cancellationToken) => Record("delete");

    /// <inheritdoc />
    public async Task<ulong> FollowUpAsync(Interaction interaction, MessagePayload message, FileUpload? file, CancellationToken cancellationToken)
    {
        FollowUps.Enqueue(message);
        if (file is not null)
        {
            Files.Enqueue(file);
        }

        await Record(file is null ? "followup" : "followup file " + file.FileName);
        return (ulong)FollowUps.Count;
    }

    private Task Record(string call)
    {
        Calls.Enqueue(call);
        return Refuse is { } refuse ? Task.FromException(refuse(call)) : Task.CompletedTask;
    }
}
