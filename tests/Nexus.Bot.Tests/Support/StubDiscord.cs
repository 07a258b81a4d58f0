using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Nexus.Bot.Tests.Support;

/// <summary>One REST call the bot made, and when it arrived (on the stub's clock).</summary>
public sealed record RestCall(HttpMethod Method, string Path, string Body)
{
    public DateTimeOffset At { get; init; }

    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);
}

/// <summary>
/// Discord's REST API as far as the bot uses it here, in place of the network: <c>GET /gateway/bot</c>
/// answers a gateway URL; everything else answers 200 with an empty message or 204. Records every call.
/// </summary>
public sealed class StubDiscord : HttpMessageHandler
{
    private readonly ConcurrentQueue<RestCall> _calls = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public IReadOnlyList<RestCall> Calls => [.. _calls];

    /// <summary>The clock that stamps each call.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>When set and it returns a response, that response is sent instead (429s, 5xx): fault injection.</summary>
    public Func<RestCall, HttpResponseMessage?>? Fault { get; set; }

    /// <summary>Waits until a call matching <paramref name="match"/> has been made.</summary>
    public async Task<RestCall> WaitForAsync(Func<RestCall, bool> match)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var found = _calls.FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            await _arrived.WaitAsync(timeout.Token);
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        var call = new RestCall(request.Method, path, body) { At = Clock.GetUtcNow() };
        _calls.Enqueue(call);
        _arrived.Release();
        if (Fault?.Invoke(call) is { } faulted)
        {
            return faulted;
        }

        if (path.EndsWith("/gateway/bot", StringComparison.Ordinal))
        {
            return Json("""{"url":"wss://gateway.test","shards":1,"session_start_limit":{"total":1000,"remaining":1000,"reset_after":0,"max_concurrency":1}}""");
        }

        if (path.EndsWith("/callback", StringComparison.Ordinal) || request.Method == HttpMethod.Delete)
        {
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        }

        return request.Method == HttpMethod.Put ? Json("[]") : Json("""{"id":"1","channel_id":"2"}""");
    }

    private static HttpResponseMessage Json(string json) =>
        new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _arrived.Dispose();
        }

        base.Dispose(disposing);
    }
}
