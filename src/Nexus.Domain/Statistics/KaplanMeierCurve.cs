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
    // Values within this distance of a target count as reaching it, so that a curve that falls to exactly
    // one half through floating-point products (e.g. 0.4999999999) is not misread.
    private const double Tolerance = 1e-9;

    private readonly double[] _survival;
    private readonly int[] _atRisk;
    private readonly int[] _eventsFrom;

    private KaplanMeierCurve(double[] survival, int[] atRisk, int[] eventsFrom, int observations, int finished)
    {
        _survival = survival;
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
        var atRisk = new int[last + 1];
        var eventsFrom = new int[last + 1];
        var s = 1.0;
        var n = total;
        for (var t = 0; t <= last; t++)
        {
            var e = t < events.Length ? events[t] : 0;
            var c = t < censored.Length ? censored[t] : 0;
            atRisk[t] = n;
            if (e > 0)
            {
                s *= 1.0 - ((double)e / n);
            }

            survival[t] = s;
            // Events first, then censorings: both leave the risk set only after day t.
            n -= e + c;
        }

        var remaining = 0;
        for (var t = last; t >= 0; t--)
        {
            remaining += t < events.Length ? events[t] : 0;
            eventsFrom[t] = remaining;
        }

        return new KaplanMeierCurve(survival, atRisk, eventsFrom, total, finished);
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
    public double SurvivalAfter(int days)
    {
        if (days < 0 || _survival.Length == 0)
        {
            return 1.0;
        }

        return _survival[Math.Min(days, _survival.Length - 1)];
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
    /// which the curve falls to 1 − <paramref name="probability"/> or below (0.5 gives the median). When it
    /// never does, "more than the longest wait observed". Null when there are no observations.
    /// </summary>
    public WaitQuantile? Quantile(double probability)
    {
        CheckProbability(probability);
        return FirstBelow((1.0 - probability) * 1.0, 0, 0);
    }

    /// <summary>
    /// For someone who has waited <paramref name="waitedDays"/> days and not finished, the further wait by
    /// which a share <paramref name="probability"/> of such people have finished, from the conditional curve
    /// S(t | T &gt; w) = S(t) / S(w). At least one day. Null when the data says nothing past that point
    /// (nobody observed longer, or everyone observed had finished by then).
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
            : FirstBelow((1.0 - probability) * alreadyWaiting, waitedDays + 1, waitedDays);
    }

    private static void CheckProbability(double probability)
    {
        if (probability is <= 0 or >= 1 || double.IsNaN(probability))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "Must be strictly between 0 and 1.");
        }
    }

    private WaitQuantile? FirstBelow(double target, int from, int offset)
    {
        var longest = LongestObservedDays;
        if (longest < from)
        {
            return null;
        }

        for (var t = from; t <= longest; t++)
        {
            if (_survival[t] <= target + Tolerance)
            {
                return WaitQuantile.Exactly(t - offset);
            }
        }

        return WaitQuantile.Exceeds(longest - offset);
    }
}
