namespace Nexus.Domain.Statistics;

/// <summary>
/// The Kaplan–Meier estimate of how long a wait lasts, from waits that finished (events) and waits still
/// running or cut short (right-censored), all in whole days.
/// </summary>
/// <remarks>
/// Because waits are whole days, the curve is built by counting events and censorings per day rather than
/// by sorting: O(n + longest wait) time and O(longest wait) memory. At day t, with n(t) cases still at risk
/// (neither finished nor censored before t) and d(t) finishing on t, S(t) = S(t − 1) · (1 − d(t) / n(t)).
/// Cases censored on day t are still at risk on day t: by convention events come before censorings at
/// the same time, because someone still waiting after t days has certainly not finished within t days.
/// S(t) is the estimated share of waits longer than t days.
/// </remarks>
public sealed class KaplanMeierCurve
{
    /// <summary>
    /// A "more than X" bound needs at least this many cases that waited X days or longer, so that one case
    /// nobody updated cannot set it alone (see docs/statistics.md, "Forgotten cases").
    /// </summary>
    public const int BoundSupport = 5;

    /// <summary>The normal quantile of a two-sided 95% interval.</summary>
    private const double Z95 = 1.959963984540054;

    // Values within this distance of a target count as reaching it, so that a curve that falls to exactly
    // one half through floating-point products (e.g. 0.4999999999) is not misread; R's survival package
    // uses the same tolerance, sqrt(machine epsilon), for the same reason.
    private const double Tolerance = 1.4901161193847656e-8;

    private readonly double[] _survival;
    private readonly double[] _greenwood;
    private readonly int[] _atRisk;
    private readonly int[] _eventsFrom;
    private Bands? _bands;

    private KaplanMeierCurve(double[] survival, double[] greenwood, int[] atRisk, int[] eventsFrom, int observations, int finished)
    {
        _survival = survival;
        _greenwood = greenwood;
        _atRisk = atRisk;
        _eventsFrom = eventsFrom;
        Observations = observations;
        Finished = finished;
    }

    /// <summary>How many waits the curve is built from.</summary>
    public int Observations { get; }

    /// <summary>How many of them finished (events).</summary>
    public int Finished { get; }

    /// <summary>How many of them are censored (still waiting, or left before finishing).</summary>
    public int Censored => Observations - Finished;

    /// <summary>The longest wait observed, finished or not; -1 when there are no observations.</summary>
    public int LongestObservedDays => _survival.Length - 1;

    /// <summary>
    /// The longest wait that at least <see cref="BoundSupport"/> cases reached (finished or not): the X of
    /// "more than X". The longest observed wait when there are fewer observations than that; -1 when none.
    /// </summary>
    public int SupportedDays => BoundFrom(0);

    /// <summary>
    /// Builds the curve from per-day counts: <paramref name="events"/>[t] waits finished after exactly t days
    /// and <paramref name="censored"/>[t] were last seen unfinished after t days. The arrays may be longer
    /// than the longest wait; trailing zeros are ignored.
    /// </summary>
    public static KaplanMeierCurve FromCounts(ReadOnlySpan<int> events, ReadOnlySpan<int> censored)
    {
        var length = Math.Max(events.Length, censored.Length);
        var last = -1;
        var total = 0;
        var finished = 0;
        for (var t = 0; t < length; t++)
        {
            var e = t < events.Length ? events[t] : 0;
            var c = t < censored.Length ? censored[t] : 0;
            if (e < 0 || c < 0)
            {
                throw new ArgumentException("Counts cannot be negative.", e < 0 ? nameof(events) : nameof(censored));
            }

            if (e + c > 0)
            {
                last = t;
            }

            total += e + c;
            finished += e;
        }

        var survival = new double[last + 1];
        var greenwood = new double[last + 1];
        var atRisk = new int[last + 1];
        var eventsFrom = new int[last + 1];
        var s = 1.0;
        var sum = 0.0;
        var n = total;
        for (var t = 0; t <= last; t++)
        {
            var e = t < events.Length ? events[t] : 0;
            var c = t < censored.Length ? censored[t] : 0;
            atRisk[t] = n;
            if (e > 0)
            {
                s *= 1.0 - ((double)e / n);
                // Greenwood's sum d / (n (n − d)); infinite once everyone left has finished (S = 0).
                sum = e < n ? sum + ((double)e / ((double)n * (n - e))) : double.PositiveInfinity;
            }

            survival[t] = s;
            greenwood[t] = sum;
            // Events first, then censorings: both leave the risk set only after day t.
            n -= e + c;
        }

        var remaining = 0;
        for (var t = last; t >= 0; t--)
        {
            remaining += t < events.Length ? events[t] : 0;
            eventsFrom[t] = remaining;
        }

        return new KaplanMeierCurve(survival, greenwood, atRisk, eventsFrom, total, finished);
    }

    /// <summary>Builds the curve from individual waits (convenient for small sets; counts them per day).</summary>
    public static KaplanMeierCurve FromObservations(IEnumerable<(int Days, bool Finished)> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var events = new List<int>();
        var censored = new List<int>();
        foreach (var (days, done) in observations)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(days);
            while (events.Count <= days)
            {
                events.Add(0);
                censored.Add(0);
            }

            if (done)
            {
                events[days]++;
            }
            else
            {
                censored[days]++;
            }
        }

        return FromCounts(events.ToArray(), censored.ToArray());
    }

    /// <summary>
    /// S(<paramref name="days"/>): the estimated share of waits longer than <paramref name="days"/> days.
    /// Beyond the longest observation the curve is unknown; this returns its last value there.
    /// </summary>
    public double SurvivalAfter(int days) => At(_survival, days);

    /// <summary>
    /// The 95% pointwise confidence interval of <see cref="SurvivalAfter"/>, from Greenwood's variance on the
    /// log(−log) scale (which keeps both ends between 0 and 1 and holds its level with few cases).
    /// </summary>
    public (double Lower, double Upper) SurvivalIntervalAfter(int days)
    {
        var bands = GetBands();
        return (At(bands.Lower, days), At(bands.Upper, days));
    }

    /// <summary>
    /// The curve as steps for a chart: (0, 1) and then one point per day on which it falls, up to
    /// <see cref="SupportedDays"/> (where fewer than <see cref="BoundSupport"/> cases remain, the curve says
    /// little), ending with a point on that day. Empty when there are no observations.
    /// </summary>
    public IReadOnlyList<SurvivalPoint> Steps()
    {
        var end = SupportedDays;
        if (end < 0)
        {
            return [];
        }

        var points = new List<SurvivalPoint> { new(0, 1.0) };
        var last = 1.0;
        for (var t = 0; t <= end; t++)
        {
            if (_survival[t] < last)
            {
                last = _survival[t];
                points.Add(new SurvivalPoint(t, last));
            }
        }

        if (points[^1].Day < end)
        {
            points.Add(new SurvivalPoint(end, last));
        }

        return points;
    }

    /// <summary>How many cases were still waiting at the start of day <paramref name="days"/> (had waited at least that long).</summary>
    public int AtRiskOn(int days)
    {
        if (days <= 0)
        {
            return Observations;
        }

        return days < _atRisk.Length ? _atRisk[days] : 0;
    }

    /// <summary>How many waits finished after <paramref name="days"/> days or more.</summary>
    public int FinishedFrom(int days)
    {
        if (days <= 0)
        {
            return Finished;
        }

        return days < _eventsFrom.Length ? _eventsFrom[days] : 0;
    }

    /// <summary>
    /// The wait by which a share <paramref name="probability"/> of cases have finished: the first day on
    /// which the curve falls to 1 − <paramref name="probability"/> or below (0.5 gives the median). Where the
    /// curve sits exactly at that level over an interval, the midpoint of the interval, as R's
    /// <c>survival</c> package does (so with nobody still waiting the median is the ordinary sample median).
    /// When the curve never falls that far, "more than <see cref="SupportedDays"/>". Null when there are no
    /// observations.
    /// </summary>
    public WaitQuantile? Quantile(double probability)
    {
        CheckProbability(probability);
        return Read(_survival, 1.0 - probability, 0, 0);
    }

    /// <summary>
    /// The 95% confidence interval of the wait <see cref="Quantile"/> reads (Brookmeyer–Crowley): the days
    /// on which 1 − <paramref name="probability"/> lies inside the curve's pointwise 95% interval
    /// (<see cref="SurvivalIntervalAfter"/>), each end read with the same midpoint rule. The late end is
    /// "more than X" when the upper band never falls that far. Null when there are no observations.
    /// </summary>
    public WaitInterval? QuantileInterval(double probability)
    {
        CheckProbability(probability);
        var bands = GetBands();
        var target = 1.0 - probability;
        return Read(bands.Lower, target, 0, 0) is { } low && Read(bands.Upper, target, 0, 0) is { } high
            ? new WaitInterval(low, high)
            : null;
    }

    /// <summary>
    /// For someone who has waited <paramref name="waitedDays"/> days and not finished, the further wait by
    /// which a share <paramref name="probability"/> of such people have finished, from the conditional curve
    /// S(t | T &gt; w) = S(t) / S(w), with the same midpoint rule as <see cref="Quantile"/>. Null when the
    /// data says nothing past that point (nobody observed longer, or everyone observed had finished by then).
    /// </summary>
    public WaitQuantile? Remaining(double probability, int waitedDays)
    {
        CheckProbability(probability);
        ArgumentOutOfRangeException.ThrowIfNegative(waitedDays);
        if (LongestObservedDays <= waitedDays)
        {
            return null;
        }

        var alreadyWaiting = _survival[waitedDays];
        return alreadyWaiting <= Tolerance
            ? null
            : Read(_survival, (1.0 - probability) * alreadyWaiting, waitedDays + 1, waitedDays);
    }

    private static double At(double[] curve, int days)
    {
        if (days < 0 || curve.Length == 0)
        {
            return 1.0;
        }

        return curve[Math.Min(days, curve.Length - 1)];
    }

    private static void CheckProbability(double probability)
    {
        if (probability is <= 0 or >= 1 || double.IsNaN(probability))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "Must be strictly between 0 and 1.");
        }
    }

    // Reads the first day from `from` on which `curve` falls to `target`, with R's midpoint rule for a curve
    // that sits exactly at the target: halfway between that day and the day it next falls (or the longest
    // wait observed, when it never falls again). Days are counted from `offset`.
    private WaitQuantile? Read(double[] curve, double target, int from, int offset)
    {
        var longest = LongestObservedDays;
        if (longest < from)
        {
            return null;
        }

        for (var t = from; t <= longest; t++)
        {
            if (curve[t] > target + Tolerance)
            {
                continue;
            }

            if (curve[t] < target - Tolerance)
            {
                return WaitQuantile.Exactly(t - offset);
            }

            var next = t + 1;
            while (next <= longest && curve[next] >= curve[t] - Tolerance)
            {
                next++;
            }

            return WaitQuantile.Exactly(((t + Math.Min(next, longest)) / 2.0) - offset);
        }

        return WaitQuantile.Exceeds(Math.Max(BoundFrom(from), from) - offset);
    }

    // The longest wait that at least BoundSupport cases reached, among those who had waited `from` days: the
    // case count at risk only falls with the day, so it is the last day it is still at the support.
    private int BoundFrom(int from)
    {
        var longest = LongestObservedDays;
        if (longest < 0 || AtRiskOn(from) < BoundSupport)
        {
            return longest;
        }

        var t = longest;
        while (t > from && _atRisk[t] < BoundSupport)
        {
            t--;
        }

        return t;
    }

    // The pointwise 95% bands, worked out on first use: most curves (trend months, estimates) never need them.
    // Two threads may both work them out; either result is the same, and one reference is published whole.
    private Bands GetBands()
    {
        if (_bands is { } ready)
        {
            return ready;
        }

        var lower = new double[_survival.Length];
        var upper = new double[_survival.Length];
        for (var t = 0; t < _survival.Length; t++)
        {
            var s = _survival[t];
            if (s >= 1.0 || s <= 0.0 || double.IsInfinity(_greenwood[t]))
            {
                lower[t] = s >= 1.0 ? 1.0 : 0.0;
                upper[t] = s >= 1.0 ? 1.0 : s <= 0.0 ? 0.0 : 1.0;
                continue;
            }

            // On the log(−log S) scale the standard error is sqrt(Σ) / |log S|; back on the S scale the ends
            // are S raised to exp(±z·se): the larger exponent gives the lower end.
            var log = Math.Log(s);
            var spread = Z95 * Math.Sqrt(_greenwood[t]) / Math.Abs(log);
            lower[t] = Math.Pow(s, Math.Exp(spread));
            upper[t] = Math.Pow(s, Math.Exp(-spread));
        }

        var bands = new Bands(lower, upper);
        _bands = bands;
        return bands;
    }

    private sealed record Bands(double[] Lower, double[] Upper);
}

/// <summary>One step of a survival curve: from <paramref name="Day"/> on, a share <paramref name="StillWaiting"/> is still waiting.</summary>
/// <param name="Day">Days since the stage started.</param>
/// <param name="StillWaiting">The estimated share still waiting after that many days, between 0 and 1.</param>
public readonly record struct SurvivalPoint(int Day, double StillWaiting);

/// <summary>A 95% confidence interval of a wait, in days; either end may be "more than X".</summary>
/// <param name="Low">The early end.</param>
/// <param name="High">The late end, often "more than X" when many are still waiting.</param>
public sealed record WaitInterval(WaitQuantile Low, WaitQuantile High);
