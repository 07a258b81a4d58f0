using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace Nexus.Benchmarks;

/// <summary>What one request came back with.</summary>
internal enum Outcome
{
    /// <summary>200 with the expected first response (PONG, or a message).</summary>
    Ok,

    /// <summary>200 with a deferral (type 5): the handler ran past Discord:Dispatch:DeferAfter.</summary>
    Deferred,

    /// <summary>Anything else: another status, a generic error reply, a transport failure.</summary>
    Error,
}

/// <summary>Sends signed requests to the bot's endpoint over keep-alive connections and times them.</summary>
internal sealed class LoadClient : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _client;

    public LoadClient(Uri baseAddress, int connections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        _client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Sends one request; returns its outcome and the elapsed Stopwatch ticks.</summary>
    public async Task<(Outcome Outcome, long Ticks)> SendAsync(SignedRequest request)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, "interactions");
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.ContentType = Json;
            message.Headers.TryAddWithoutValidation("X-Signature-Ed25519", request.Signature);
            message.Headers.TryAddWithoutValidation("X-Signature-Timestamp", request.Timestamp);
            using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseContentRead);
            var body = await response.Content.ReadAsByteArrayAsync();
            var ticks = Stopwatch.GetTimestamp() - start;
            return (Classify(response.StatusCode, body), ticks);
        }
        catch (HttpRequestException)
        {
            return (Outcome.Error, Stopwatch.GetTimestamp() - start);
        }
        catch (TaskCanceledException)
        {
            return (Outcome.Error, Stopwatch.GetTimestamp() - start);
        }
    }

    private static Outcome Classify(HttpStatusCode status, byte[] body)
    {
        if (status != HttpStatusCode.OK || body.Length < 10)
        {
            return Outcome.Error;
        }

        // {"type":N,... : the first response type is the 9th byte.
        var type = body[8];
        if (type == (byte)'5')
        {
            return Outcome.Deferred;
        }

        // The dispatcher's answer to an exception (a reference id for a moderator) counts as an error.
        return body.AsSpan().IndexOf("Something went wrong"u8) >= 0 ? Outcome.Error : Outcome.Ok;
    }

    public void Dispose() => _client.Dispose();
}

/// <summary>Latency figures in milliseconds from Stopwatch ticks.</summary>
internal sealed record Latency(int Count, double P50, double P95, double P99, double Max, double Mean)
{
    public static Latency Of(IReadOnlyCollection<long> ticks)
    {
        if (ticks.Count == 0)
        {
            return new Latency(0, 0, 0, 0, 0, 0);
        }

        var sorted = ticks.Order().ToArray();
        double Ms(long t) => t * 1000.0 / Stopwatch.Frequency;
        double At(double q) => Ms(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)]);
        return new Latency(sorted.Length, At(0.50), At(0.95), At(0.99), Ms(sorted[^1]), sorted.Average(t => Ms(t)));
    }
}
