using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Nexus.Testing;

/// <summary>One request as the stub saw it, captured when it was sent, and when that was on the stub's clock.</summary>
public sealed record RecordedRequest(
    HttpMethod Method,
    string Path,
    string? Authorization,
    string? UserAgent,
    string? ContentType,
    byte[] Body,
    HttpContent? Content,
    DateTimeOffset At)
{
    /// <summary>The body as UTF-8 text.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>The body as JSON, or null when there is none.</summary>
    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);
}

/// <summary>
/// Discord's REST API in place of the network, as the primary handler of the client under test, for every
/// test project. Records every request; answers with what the test scripts in <see cref="Respond"/>, or, where
/// that gives null, as Discord would for the calls Nexus makes: <c>GET /gateway/bot</c> a gateway URL, a
/// callback or a DELETE 204, a PUT of commands <c>[]</c>, anything else a message.
/// </summary>
public sealed class StubDiscordHandler(Func<RecordedRequest, int, HttpResponseMessage?>? respond = null) : HttpMessageHandler
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private int _count;

    /// <summary>The test's answer to a request (with its 0-based index); null for Discord's ordinary answer.</summary>
    public Func<RecordedRequest, int, HttpResponseMessage?> Respond { get; set; } = respond ?? ((_, _) => null);

    /// <summary>The clock that stamps each request.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Every request so far, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>How many requests arrived.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>A JSON response with optional headers.</summary>
    public static HttpResponseMessage Json(HttpStatusCode status, string json, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    /// <summary>Discord's answer to a call Nexus makes, when the test scripts none.</summary>
    public static HttpResponseMessage Ordinary(RecordedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Path.EndsWith("/gateway/bot", StringComparison.Ordinal))
        {
            return Json(HttpStatusCode.OK, """{"url":"wss://gateway.test","shards":1,"session_start_limit":{"total":1000,"remaining":1000,"reset_after":0,"max_concurrency":1}}""");
        }

        if (request.Path.EndsWith("/callback", StringComparison.Ordinal) || request.Method == HttpMethod.Delete)
        {
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        }

        return request.Method == HttpMethod.Put ? Json(HttpStatusCode.OK, "[]") : Json(HttpStatusCode.OK, """{"id":"1","channel_id":"2"}""");
    }

    /// <summary>Waits until a request matching <paramref name="match"/> has arrived; fails the test after 20 s.</summary>
    public async Task<RecordedRequest> WaitForAsync(Func<RecordedRequest, bool> match)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            if (_requests.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            try
            {
                await _arrived.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Xunit.Assert.Fail("No matching request reached the stub Discord within 20 s.");
                throw;
            }
        }
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var recorded = new RecordedRequest(
            request.Method,
            request.RequestUri!.AbsolutePath,
            request.Headers.Authorization?.ToString(),
            request.Headers.TryGetValues("User-Agent", out var agents) ? string.Join(" ", agents) : null,
            request.Content?.Headers.ContentType?.ToString(),
            body,
            request.Content,
            Clock.GetUtcNow());
        _requests.Enqueue(recorded);
        var index = Interlocked.Increment(ref _count) - 1;
        _arrived.Release();
        return Respond(recorded, index) ?? Ordinary(recorded);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _arrived.Dispose();
        }

        base.Dispose(disposing);
    }
}
