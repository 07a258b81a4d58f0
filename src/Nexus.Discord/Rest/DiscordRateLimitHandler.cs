using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Nexus.Discord.Rest;

/// <summary>
/// Applies Discord's rate limits to every request: waits for the route's bucket and the global limit,
/// records the <c>X-RateLimit-*</c> headers, waits out a 429 (bounded), and retries idempotent requests
/// after a 5xx or a network failure with bounded exponential backoff. Every wait uses the injected
/// <see cref="TimeProvider"/> and honours cancellation.
/// </summary>
/// <param name="limiter">The process-wide rate limit state.</param>
/// <param name="policy">Retry bounds.</param>
/// <param name="time">The clock every wait goes through.</param>
/// <param name="logger">Logs routes by template only, never by URL (interaction tokens are in URLs).</param>
public sealed partial class DiscordRateLimitHandler(
    DiscordRateLimiter limiter,
    DiscordRestPolicy policy,
    TimeProvider time,
    ILogger<DiscordRateLimitHandler> logger) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var route = DiscordRoute.Of(request);
        var rateLimitRetries = 0;
        var serverRetries = 0;
        while (true)
        {
            TimeSpan backoff;
            using (var lease = await limiter.AcquireAsync(route, cancellationToken).ConfigureAwait(false))
            {
                HttpResponseMessage? response = null;
                try
                {
                    response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                }
                catch (HttpRequestException) when (route.RetrySafe && serverRetries < policy.MaxServerErrorRetries)
                {
                    // A network failure: handled below like a 5xx.
                }

                if (response is null)
                {
                    backoff = policy.ServerErrorDelay(serverRetries++);
                    LogNetworkRetry(logger, route.Display, serverRetries, backoff.TotalSeconds);
                }
                else
                {
                    lease.Observe(ReadHeaders(response, time));
                    if (response.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        var (retryAfter, global) = await ReadRetryAfterAsync(response, cancellationToken).ConfigureAwait(false);
                        if (global)
                        {
                            limiter.PauseGlobally(retryAfter);
                        }
                        else
                        {
                            lease.Block(retryAfter);
                        }

                        if (rateLimitRetries >= policy.MaxRateLimitRetries)
                        {
                            LogRateLimitGaveUp(logger, route.Display, rateLimitRetries);
                            return response;
                        }

                        rateLimitRetries++;
                        LogRateLimited(logger, route.Display, retryAfter.TotalSeconds, global, rateLimitRetries);
                        response.Dispose();

                        // The wait itself happens in the next AcquireAsync, which sees the block or the pause.
                        continue;
                    }

                    if ((int)response.StatusCode < 500 || !route.RetrySafe || serverRetries >= policy.MaxServerErrorRetries)
                    {
                        return response;
                    }

                    backoff = policy.ServerErrorDelay(serverRetries++);
                    LogServerErrorRetry(logger, route.Display, (int)response.StatusCode, serverRetries, backoff.TotalSeconds);
                    response.Dispose();
                }
            }

            // Backoff outside the lease: other requests of the bucket are not held up by our failure.
            await Task.Delay(backoff, time, cancellationToken).ConfigureAwait(false);
        }
    }

    internal static RateLimitHeaders ReadHeaders(HttpResponseMessage response, TimeProvider time)
    {
        var headers = response.Headers;
        var hash = First(headers, "X-RateLimit-Bucket");
        int? remaining = int.TryParse(First(headers, "X-RateLimit-Remaining"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : null;
        TimeSpan? resetAfter = null;

        // Reset-After is relative, so it is immune to clock skew between us and Discord: prefer it.
        if (TryParseSeconds(First(headers, "X-RateLimit-Reset-After"), out var after))
        {
            resetAfter = after;
        }
        else if (double.TryParse(First(headers, "X-RateLimit-Reset"), NumberStyles.Float, CultureInfo.InvariantCulture, out var epochSeconds))
        {
            var reset = DateTimeOffset.UnixEpoch + TimeSpan.FromSeconds(epochSeconds);
            var delta = reset - time.GetUtcNow();
            resetAfter = delta > TimeSpan.Zero ? delta : TimeSpan.Zero;
        }

        return new RateLimitHeaders(hash, remaining, resetAfter);
    }

    private async Task<(TimeSpan RetryAfter, bool Global)> ReadRetryAfterAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var global = string.Equals(First(response.Headers, "X-RateLimit-Global"), "true", StringComparison.OrdinalIgnoreCase);
        TimeSpan? retryAfter = null;
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (bytes.Length > 0)
            {
                var body = JsonSerializer.Deserialize(bytes, DiscordRestJsonContext.Default.RateLimitBody);
                if (body is not null)
                {
                    global |= body.Global == true;
                    if (body.RetryAfter is { } seconds && seconds >= 0)
                    {
                        retryAfter = TimeSpan.FromSeconds(seconds);
                    }
                }
            }
        }
        catch (JsonException)
        {
            // A 429 from a proxy (Cloudflare) may carry HTML: fall back to the header.
        }

        if (retryAfter is null && TryParseSeconds(First(response.Headers, "Retry-After"), out var header))
        {
            retryAfter = header;
        }

        return (retryAfter ?? policy.DefaultRetryAfter, global);
    }

    private static bool TryParseSeconds(string? text, out TimeSpan value)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && seconds < TimeSpan.MaxValue.TotalSeconds)
        {
            value = TimeSpan.FromSeconds(seconds);
            return true;
        }

        value = default;
        return false;
    }

    private static string? First(System.Net.Http.Headers.HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Discord rate limited {Route}: waiting {RetryAfterSeconds:0.###} s (global: {Global}, retry {Retry})")]
    private static partial void LogRateLimited(ILogger logger, string route, double retryAfterSeconds, bool global, int retry);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "Discord rate limited {Route} {Retries} times in a row: giving up on this call")]
    private static partial void LogRateLimitGaveUp(ILogger logger, string route, int retries);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Discord answered {Route} with {Status}: retry {Retry} in {DelaySeconds:0.###} s")]
    private static partial void LogServerErrorRetry(ILogger logger, string route, int status, int retry, double delaySeconds);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Network failure on Discord {Route}: retry {Retry} in {DelaySeconds:0.###} s")]
    private static partial void LogNetworkRetry(ILogger logger, string route, int retry, double delaySeconds);
}
