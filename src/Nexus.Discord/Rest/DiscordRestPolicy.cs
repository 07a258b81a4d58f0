namespace Nexus.Discord.Rest;

/// <summary>
/// Retry bounds of the REST client. Defaults suit a bot; tests shrink them. Retries never loop without a
/// wait, and every wait goes through the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class DiscordRestPolicy
{
    /// <summary>How many 429 answers one call waits out before it fails with the last 429.</summary>
    public int MaxRateLimitRetries { get; set; } = 5;

    /// <summary>How many times an idempotent call is retried after a 5xx or a network failure.</summary>
    public int MaxServerErrorRetries { get; set; } = 3;

    /// <summary>The first 5xx backoff; each retry doubles it up to <see cref="ServerErrorMaxDelay"/>.</summary>
    public TimeSpan ServerErrorBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest 5xx backoff.</summary>
    public TimeSpan ServerErrorMaxDelay { get; set; } = TimeSpan.FromSeconds(16);

    /// <summary>
    /// Requests per second across all routes except interaction routes. Discord's documented global limit
    /// is 50 per second per bot; staying at it (not above) is what avoids global 429s.
    /// </summary>
    public int GlobalRequestsPerSecond { get; set; } = 50;

    /// <summary>The wait used when a 429 carries neither <c>retry_after</c> nor <c>Retry-After</c>.</summary>
    public TimeSpan DefaultRetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The backoff before 5xx retry number <paramref name="attempt"/> (0-based).</summary>
    internal TimeSpan ServerErrorDelay(int attempt)
    {
        var ticks = ServerErrorBaseDelay.Ticks * (1L << Math.Min(attempt, 20));
        return TimeSpan.FromTicks(Math.Min(ticks, ServerErrorMaxDelay.Ticks));
    }
}
