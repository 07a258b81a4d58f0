using Nexus.Domain.Cases;

namespace Nexus.Domain.Statistics;

/// <summary>
/// Computes the statistics of one server's cases for one filter, as of one day. Pure: no clock, no I/O.
/// One pass over the cases and one pass over each curve's days, so O(cases + longest wait).
/// </summary>
public static class StatsCalculator
{
    /// <summary>Below this many finished cases a stage (or trend month) shows "not enough data yet" and no numbers.</summary>
    public const int MinimumFinished = 5;

    /// <summary>How many days back "now processing" looks for conditional approvals, today included.</summary>
    public const int NowProcessingDays = 30;

    /// <summary>How many application months the trend covers, the current month included.</summary>
    public const int TrendMonths = 12;

    // An array rather than the read-only list, for the per-case loop.
    private static readonly Stage[] AllStages = [.. StageNames.All];

    /// <summary>The statistics of <paramref name="cases"/> for <paramref name="filter"/> as of <paramref name="today"/>.</summary>
    public static StatsReport Compute(IReadOnlyList<CaseFacts> cases, StatsFilter filter, DateOnly today, long version = 0) =>
        ComputeSnapshot(CaseTable.From(cases), filter, today, version).Report;

    /// <summary>The statistics of the cases in <paramref name="table"/> for <paramref name="filter"/> as of <paramref name="today"/>.</summary>
    public static StatsReport Compute(CaseTable table, StatsFilter filter, DateOnly today, long version = 0) =>
        ComputeSnapshot(table, filter, today, version).Report;

    /// <summary>
    /// The estimate for the next milestone of <paramref name="myCase"/>, from the comparable cases among
    /// <paramref name="cases"/> (see <see cref="CaseEstimate"/>).
    /// </summary>
    public static CaseEstimate Estimate(IReadOnlyList<CaseFacts> cases, CaseFacts myCase, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(myCase);
        var position = CasePosition.Of(myCase.Timeline, today);
        if (position.Stage is null)
        {
            return position.WithoutData();
        }

        var table = CaseTable.From(cases);
        var sameStatus = ComputeSnapshot(table, new StatsFilter(myCase.Type, myCase.Status), today, 0);
        var sameType = ComputeSnapshot(table, new StatsFilter(myCase.Type), today, 0);
        return position.From(myCase.Type, sameStatus, sameType, today);
    }

    internal static StatsSnapshot ComputeSnapshot(CaseTable table, StatsFilter filter, DateOnly today, long version)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(filter);
        var applied = filter.Resolve(today);
        var stages = AllStages;
        var tallies = new StageTally[stages.Length];
        for (var i = 0; i < tallies.Length; i++)
        {
            tallies[i] = new StageTally();
        }

        var thisMonth = MonthIndex(today);
        var firstTrendMonth = thisMonth - TrendMonths + 1;
        var trend = new TrendTally[TrendMonths];
        for (var i = 0; i < trend.Length; i++)
        {
            trend[i] = new TrendTally();
        }

        // Everything compared per case is an integer: day numbers, and the attributes as the table stores them.
        var day = today.DayNumber;
        var since = applied.AppliedSince.DayNumber;
        var until = applied.AppliedUntil.DayNumber;
        var trendFrom = MonthStart(firstTrendMonth).DayNumber;
        var windowStart = today.AddDays(-(NowProcessingDays - 1));
        var windowFrom = windowStart.DayNumber;
        var type = (byte)applied.Type;
        var status = applied.Status is { } s ? (byte)s : -1;
        var centres = CentreMatches(table, applied.CentreCode);
        var recentApplications = new List<int>();
        var skippedConditional = 0;

        // A hole left by a removal has a type no filter asks for, so the type check skips it too.
        foreach (ref readonly var entry in table.Entries)
        {
            if (entry.Type != type || (status >= 0 && (entry.Status & CaseTable.Entry.StatusMask) != status)
                || (centres is not null && (entry.Centre < 0 || !centres[entry.Centre])))
            {
                continue;
            }

            ref readonly var days = ref entry.Days;

            // A stage a moderator left out of this case's statistics (bit (int)stage above the status) is skipped;
            // the conditional-approval stage also feeds the trend and "now processing", so they skip it too.
            var excluded = entry.Status >> 3;
            var conditionalCounts = (excluded & 1) == 0;
            var toConditional = StageObservation.Observe(days, Stage.AppliedToConditional, day);
            if (days.Applied >= since && days.Applied <= until)
            {
                if (conditionalCounts)
                {
                    tallies[(int)Stage.AppliedToConditional].Add(toConditional);
                    if (toConditional.Outcome == StageOutcome.Skipped)
                    {
                        skippedConditional++;
                    }
                }

                for (var i = 0; i < stages.Length; i++)
                {
                    if (stages[i] != Stage.AppliedToConditional && (excluded & (1 << i)) == 0)
                    {
                        tallies[i].Add(StageObservation.Observe(days, stages[i], day));
                    }
                }
            }

            if (!conditionalCounts)
            {
                continue;
            }

            // The trend keeps its own window (the last 12 application months) whatever period was asked for.
            if (days.Applied >= trendFrom)
            {
                var month = MonthIndex(DateOnly.FromDayNumber(days.Applied)) - firstTrendMonth;
                if (month < TrendMonths)
                {
                    trend[month].Add(toConditional);
                }
            }

            // "Now processing" is about what the agencies approve today, whenever those cases applied.
            if (days.Conditional != CaseDays.None && days.Conditional >= windowFrom && days.Conditional <= day && days.Conditional >= days.Applied)
            {
                recentApplications.Add(MonthIndex(DateOnly.FromDayNumber(days.Applied)));
            }
        }

        var stageStats = new StageStats[stages.Length];
        var curves = new KaplanMeierCurve[stages.Length];
        for (var i = 0; i < stages.Length; i++)
        {
            curves[i] = tallies[i].Counts.ToCurve();
            stageStats[i] = tallies[i].ToStats(stages[i], curves[i]);
        }

        var trendPoints = new TrendPoint[TrendMonths];
        for (var i = 0; i < TrendMonths; i++)
        {
            trendPoints[i] = trend[i].ToPoint(MonthStart(firstTrendMonth + i));
        }

        var report = new StatsReport(
            today,
            version,
            applied,
            MinimumFinished,
            stageStats,
            NowProcessingOf(recentApplications, windowStart, today),
            trendPoints);
        return new StatsSnapshot(report, curves, skippedConditional);
    }

    // Which of the table's centre indexes the filter's centre matches (codes compared trimmed, ignoring case),
    // or null when no centre was asked for; worked out once per computation, not once per case.
    private static bool[]? CentreMatches(CaseTable table, string? centre)
    {
        if (centre is null)
        {
            return null;
        }

        var centres = table.Centres;
        var matches = new bool[centres.Count];
        for (var i = 0; i < matches.Length; i++)
        {
            matches[i] = string.Equals(centres[i].Trim(), centre, StringComparison.OrdinalIgnoreCase);
        }

        return matches;
    }

    private static NowProcessing NowProcessingOf(List<int> months, DateOnly windowStart, DateOnly today)
    {
        if (months.Count < MinimumFinished)
        {
            return new NowProcessing(windowStart, today, months.Count, false, null, null, null);
        }

        var min = int.MaxValue;
        var max = int.MinValue;
        foreach (var month in months)
        {
            min = Math.Min(min, month);
            max = Math.Max(max, month);
        }

        // Counting by month instead of sorting keeps this linear; the lower median is taken so the month
        // named is one that really occurs.
        var perMonth = new int[max - min + 1];
        foreach (var month in months)
        {
            perMonth[month - min]++;
        }

        var rank = (months.Count + 1) / 2;
        var median = min;
        for (var i = 0; i < perMonth.Length; i++)
        {
            rank -= perMonth[i];
            if (rank <= 0)
            {
                median = min + i;
                break;
            }
        }

        return new NowProcessing(windowStart, today, months.Count, true, MonthStart(median), MonthStart(min), MonthStart(max));
    }

    private static int MonthIndex(DateOnly date) => (date.Year * 12) + date.Month - 1;

    private static DateOnly MonthStart(int index) => new(index / 12, (index % 12) + 1, 1);

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 1, MidpointRounding.AwayFromZero) : null;

    private sealed class StageTally
    {
        public DayCounts Counts { get; } = new();

        private long _finishedDays;
        private int _finished;
        private int _waiting;
        private int _left;
        private int _ignored;
        private int _longestWaiting = -1;

        public void Add(StageObservation observation)
        {
            switch (observation.Outcome)
            {
                case StageOutcome.Finished:
                    _finished++;
                    _finishedDays += observation.Days;
                    Counts.Add(observation.Days, finished: true);
                    break;
                case StageOutcome.Waiting:
                    _waiting++;
                    _longestWaiting = Math.Max(_longestWaiting, observation.Days);
                    Counts.Add(observation.Days, finished: false);
                    break;
                case StageOutcome.Left:
                    _left++;
                    Counts.Add(observation.Days, finished: false);
                    break;
                case StageOutcome.Ignored:
                    _ignored++;
                    break;
                default:
                    break;
            }
        }

        public StageStats ToStats(Stage stage, KaplanMeierCurve curve)
        {
            var enough = _finished >= MinimumFinished;
            return new StageStats(
                stage,
                enough,
                enough ? curve.Quantile(0.5) : null,
                enough ? curve.Quantile(0.25) : null,
                enough ? curve.Quantile(0.75) : null,
                enough ? curve.QuantileInterval(0.5) : null,
                enough ? Round((double)_finishedDays / _finished) : null,
                _finished,
                _waiting,
                _left,
                _longestWaiting >= 0 ? _longestWaiting : null,
                _ignored)
            {
                Curve = enough ? curve.Steps() : [],
            };
        }
    }

    private sealed class TrendTally
    {
        private readonly DayCounts _counts = new();
        private int _finished;
        private int _waiting;
        private int _cases;

        public void Add(StageObservation observation)
        {
            if (!observation.Counts)
            {
                return;
            }

            _cases++;
            var finished = observation.Outcome == StageOutcome.Finished;
            if (finished)
            {
                _finished++;
            }
            else if (observation.Outcome == StageOutcome.Waiting)
            {
                _waiting++;
            }

            _counts.Add(observation.Days, finished);
        }

        public TrendPoint ToPoint(DateOnly month) => new(
            month,
            _finished >= MinimumFinished ? _counts.ToCurve().Quantile(0.5) : null,
            _cases,
            _finished,
            _waiting);
    }
}

/// <summary>A computed report together with the curves behind it, which estimates for one case reuse.</summary>
/// <param name="report">The report.</param>
/// <param name="curves">One curve per stage, indexed by <c>(int)stage</c>.</param>
/// <param name="skippedConditional">Cases that went past review without conditional approval (renewals approved outright).</param>
internal sealed class StatsSnapshot(StatsReport report, KaplanMeierCurve[] curves, int skippedConditional = 0)
{
    public StatsReport Report { get; } = report;

    /// <summary>Cases that went past review without conditional approval: what most renewals do.</summary>
    public int SkippedConditional { get; } = skippedConditional;

    public KaplanMeierCurve Curve(Stage stage) => curves[(int)stage];
}
