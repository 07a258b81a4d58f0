namespace Nexus.Domain.Common;

/// <summary>
/// Where instants become UTC calendar days, for what belongs to no server (the shell's fixed clock, made-up
/// data). Whatever a server's members or moderators read as "today" (the future-date rule, statistics,
/// estimates, "time so far", the review queue, prune and export) is a date in the server's time zone:
/// <see cref="Settings.ServerCalendar"/>.
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
