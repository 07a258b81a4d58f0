namespace Nexus.Discord.Gateway;

/// <summary>The session's timing choices (Discord fixes the others). Tests may shorten them.</summary>
public sealed class GatewayReconnectPolicy
{
    /// <summary>The first reconnect backoff after a failure; it doubles with each failure in a row.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest reconnect backoff.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Discord's documented wait before re-identifying after INVALID_SESSION: random, at least this.</summary>
    public TimeSpan InvalidSessionMinDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Discord's documented wait before re-identifying after INVALID_SESSION: random, at most this.</summary>
    public TimeSpan InvalidSessionMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long to wait for HELLO after connecting before treating the connection as dead.</summary>
    public TimeSpan HelloTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The backoff after <paramref name="failures"/> failures in a row, with jitter in [50 %, 100 %].</summary>
    internal TimeSpan Backoff(int failures, double random)
    {
        var ticks = InitialBackoff.Ticks * (1L << Math.Clamp(failures, 0, 20));
        var capped = Math.Min(ticks, MaxBackoff.Ticks);
        return TimeSpan.FromTicks((long)(capped * (0.5 + (random / 2))));
    }

    /// <summary>The INVALID_SESSION wait for a random number in [0, 1).</summary>
    internal TimeSpan InvalidSessionDelay(double random) =>
        InvalidSessionMinDelay + ((InvalidSessionMaxDelay - InvalidSessionMinDelay) * random);
}
