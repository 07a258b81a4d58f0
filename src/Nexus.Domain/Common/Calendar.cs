namespace Nexus.Domain.Common;

/// <summary>
/// Where instants become calendar days. Nexus counts days in UTC everywhere (the rules' "today", statistics,
/// moderation, the shell), so that every instance and every reader agrees on the date; this is the one place
/// that says so.
/// </summary>
public static class Calendar
{
    /// <summary>The calendar day (UTC) of <paramref name="instant"/>.</summary>
    public static DateOnly UtcDay(this DateTimeOffset instant) => DateOnly.FromDateTime(instant.UtcDateTime);

    /// <summary>Today (UTC) by <paramref name="time"/>.</summary>
    public static DateOnly Today(this TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return time.GetUtcNow().UtcDay();
    }
}
