namespace Nexus.Domain.Tests.Statistics;

/// <summary>A clock the statistics tests set and move by hand (the testing package is not available here).</summary>
internal sealed class StatsTestClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public StatsTestClock(DateOnly today)
        : this(new DateTimeOffset(today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
