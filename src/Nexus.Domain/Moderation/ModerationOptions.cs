using System.ComponentModel.DataAnnotations;

namespace Nexus.Domain.Moderation;

/// <summary>
/// The thresholds of the review rules (the defaults are the issue's), bound from the <c>Moderation</c>
/// section and checked at start: a page holds at most 6 review entries because each carries three buttons (View,
/// Exclude, Dismiss), five to a row, and a message holds five rows (one of them for paging).
/// </summary>
public sealed class ModerationOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Moderation";

    /// <summary>More saves than this within one hour is a burst (default 10).</summary>
    [Range(1, 1000)]
    public int BurstChanges { get; set; } = 10;

    /// <summary>An unfinished case unchanged for this many months is stale (default 18).</summary>
    [Range(1, 240)]
    public int StaleMonths { get; set; } = 18;

    /// <summary>A stage's wait longer than this many years is impossible (default 3).</summary>
    [Range(1, 20)]
    public int MaxWaitYears { get; set; } = 3;

    /// <summary>
    /// The multiple of the interquartile range above Q3 beyond which a wait is an outlier (default 3), on the
    /// waits' logarithmic scale: waits vary by multiples, so "far out" is a ratio, not a number of days.
    /// </summary>
    [Range(0.5, 100)]
    public double OutlierIqrFactor { get; set; } = 3;

    /// <summary>
    /// A stage's outlier limit is never below this many days, and never less than this many days beyond the
    /// stage's typical (median) wait (default 30): a stage that usually takes the same day doesn't flag a wait of a day.
    /// </summary>
    [Range(1, 3650)]
    public int OutlierFloorDays { get; set; } = 30;

    /// <summary>A stage needs at least this many finished waits before outliers are judged (default 10).</summary>
    [Range(4, 100_000)]
    public int OutlierMinimumFinished { get; set; } = 10;

    /// <summary>Entries per review page (default 5; at most 6, see the class remarks).</summary>
    [Range(1, 6)]
    public int PageSize { get; set; } = 5;

    /// <summary>Entries per audit-log page (default 10).</summary>
    [Range(1, 25)]
    public int LogPageSize { get; set; } = 10;

    /// <summary>How long a removed case can be brought back before it is purged, in days (default 30).</summary>
    [Range(1, 3650)]
    public int UndoRemovalDays { get; set; } = 30;
}
