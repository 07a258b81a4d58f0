namespace Nexus.Domain.Statistics;

/// <summary>
/// Everything <c>/stats</c> and <c>stats --json</c> show for one server and one filter, as of one day.
/// Plain data: serialises directly to JSON.
/// </summary>
/// <param name="Today">The day the figures are computed for.</param>
/// <param name="Version">The server's data version the figures were computed from.</param>
/// <param name="Filter">The filter, defaults filled in.</param>
/// <param name="MinimumFinished">Fewer finished cases than this and a stage shows no numbers ("not enough data yet").</param>
/// <param name="Stages">One entry per stage, in <see cref="StageNames.All"/> order.</param>
/// <param name="NowProcessing">Which application months are getting conditional approvals lately.</param>
/// <param name="Trend">Median applied→conditional wait per application month, the last 12 months, oldest first.</param>
public sealed record StatsReport(
    DateOnly Today,
    long Version,
    AppliedFilter Filter,
    int MinimumFinished,
    IReadOnlyList<StageStats> Stages,
    NowProcessing NowProcessing,
    IReadOnlyList<TrendPoint> Trend)
{
    /// <summary>The figures of one stage.</summary>
    public StageStats For(Stage stage)
    {
        foreach (var stats in Stages)
        {
            if (stats.Stage == stage)
            {
                return stats;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(stage), stage, "Not a stage of this report.");
    }
}

/// <summary>The wait figures of one stage.</summary>
/// <param name="Stage">The stage.</param>
/// <param name="HasEnoughData">False when fewer than the minimum finished: then every wait figure is null ("not enough data yet").</param>
/// <param name="Median">Kaplan–Meier median wait (the headline), possibly "more than X".</param>
/// <param name="P25">Kaplan–Meier 25th percentile: a quarter of waits are shorter.</param>
/// <param name="P75">Kaplan–Meier 75th percentile: a quarter of waits are longer (often "more than X").</param>
/// <param name="MedianInterval">95% confidence interval of the median (Brookmeyer–Crowley, Greenwood's variance on
/// the log(−log) scale): how sure the headline is. Wide when few cases finished.</param>
/// <param name="AverageFinishedDays">Plain average of the finished waits only, rounded to 0.1 day. It ignores
/// everyone still waiting, so it understates waits whenever there is a backlog.</param>
/// <param name="Finished">Cases that finished the stage.</param>
/// <param name="StillWaiting">Cases in the stage today.</param>
/// <param name="LeftWithoutFinishing">Cases denied during the stage (counted as censored at the denial).</param>
/// <param name="LongestCurrentWaitDays">The longest wait of anyone still waiting, or null when nobody is.</param>
/// <param name="Ignored">Cases left out because their dates are impossible (in the future, or out of order).</param>
public sealed record StageStats(
    Stage Stage,
    bool HasEnoughData,
    WaitQuantile? Median,
    WaitQuantile? P25,
    WaitQuantile? P75,
    WaitInterval? MedianInterval,
    double? AverageFinishedDays,
    int Finished,
    int StillWaiting,
    int LeftWithoutFinishing,
    int? LongestCurrentWaitDays,
    int Ignored)
{
    /// <summary>Every case the figures are based on: finished, still waiting or left.</summary>
    public int Cases => Finished + StillWaiting + LeftWithoutFinishing;

    /// <summary>
    /// The Kaplan–Meier curve ("share still waiting after so many days") as steps, for a chart; empty
    /// without enough data. It stops where fewer than 5 cases remain.
    /// </summary>
    public IReadOnlyList<SurvivalPoint> Curve { get; init; } = [];

    /// <summary>Equal when every figure and every step of the curve are equal (the curve compared point by point).</summary>
    public bool Equals(StageStats? other) =>
        other is not null
        && Stage == other.Stage && HasEnoughData == other.HasEnoughData && Median == other.Median && P25 == other.P25 && P75 == other.P75
        && MedianInterval == other.MedianInterval && AverageFinishedDays == other.AverageFinishedDays && Finished == other.Finished
        && StillWaiting == other.StillWaiting && LeftWithoutFinishing == other.LeftWithoutFinishing
        && LongestCurrentWaitDays == other.LongestCurrentWaitDays && Ignored == other.Ignored && Curve.SequenceEqual(other.Curve);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Stage, Median, Finished, StillWaiting, Curve.Count);
}

/// <summary>
/// "Now processing": among the cases that received conditional approval in the last 30 days (today
/// included), when they had applied. The median application month is the headline: half of recent
/// approvals went to applications from that month or earlier.
/// </summary>
/// <param name="WindowStart">First day of the 30-day window.</param>
/// <param name="WindowEnd">Last day of the window (today).</param>
/// <param name="ConditionalApprovals">Conditional approvals in the window.</param>
/// <param name="HasEnoughData">False below the minimum: then the months are null.</param>
/// <param name="MedianApplicationMonth">First day of the month of the median application date.</param>
/// <param name="EarliestApplicationMonth">First day of the month of the earliest application approved in the window.</param>
/// <param name="LatestApplicationMonth">First day of the month of the latest application approved in the window.</param>
public sealed record NowProcessing(
    DateOnly WindowStart,
    DateOnly WindowEnd,
    int ConditionalApprovals,
    bool HasEnoughData,
    DateOnly? MedianApplicationMonth,
    DateOnly? EarliestApplicationMonth,
    DateOnly? LatestApplicationMonth);

/// <summary>The applied→conditional wait of the cases that applied in one month.</summary>
/// <param name="Month">First day of the application month.</param>
/// <param name="Median">Kaplan–Meier median, possibly "more than X"; null when fewer than the minimum finished.</param>
/// <param name="Cases">Cases that applied that month (and count for the stage).</param>
/// <param name="Finished">How many of them have conditional approval.</param>
/// <param name="StillWaiting">How many are still waiting for it.</param>
public sealed record TrendPoint(DateOnly Month, WaitQuantile? Median, int Cases, int Finished, int StillWaiting);
