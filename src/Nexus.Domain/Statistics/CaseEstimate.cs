using Nexus.Domain.Cases;

namespace Nexus.Domain.Statistics;

/// <summary>What kind of answer an estimate for one case is.</summary>
public enum EstimateKind
{
    /// <summary>An estimate from comparable cases: see the remaining-wait figures and dates.</summary>
    Estimated = 0,

    /// <summary>Too few comparable cases finished after waiting this long; no number is given.</summary>
    NotEnoughData = 1,

    /// <summary>The interview is booked: the next milestone's date is known (<see cref="CaseEstimate.ScheduledDate"/>).</summary>
    Scheduled = 2,

    /// <summary>The card has been received; nothing left to estimate.</summary>
    Complete = 3,

    /// <summary>The case was denied; nothing left to estimate.</summary>
    Denied = 4,
}

/// <summary>
/// When the next milestone of one case is likely, given how long it has already waited: the median and
/// the 25–75% range of the remaining wait among comparable cases that waited longer than this one
/// so far (Kaplan–Meier, conditional on the wait so far: S(t | T &gt; w) = S(t) / S(w)), as days from today and as dates.
/// </summary>
/// <remarks>
/// Comparable cases are the same application type and the same applicant status, applied in the last 24
/// months; when fewer than <see cref="StatsCalculator.MinimumFinished"/> of those finished the stage after
/// waiting longer, the status is dropped (same type only). A renewal still waiting for its first
/// decision is estimated against renewals that did get conditional approval, since those that were
/// approved outright have no wait for it.
/// </remarks>
/// <param name="Kind">What kind of answer this is; the other figures depend on it.</param>
/// <param name="Stage">The stage the case is in, or null when complete or denied.</param>
/// <param name="WaitedDays">Days already waited in that stage.</param>
/// <param name="ScheduledDate">The booked interview date, when <see cref="EstimateKind.Scheduled"/>.</param>
/// <param name="RemainingMedian">Median remaining wait in days from today (possibly "more than X").</param>
/// <param name="RemainingP25">25th percentile of the remaining wait: the early end of the likely range.</param>
/// <param name="RemainingP75">75th percentile of the remaining wait: the late end of the likely range (often "more than X").</param>
/// <param name="MostLikelyDate">Today plus the median remaining wait ("after" that date when it is a lower bound).</param>
/// <param name="EarliestLikelyDate">Today plus the 25th percentile.</param>
/// <param name="LatestLikelyDate">Today plus the 75th percentile.</param>
/// <param name="BasedOnCases">Comparable cases that waited longer than this one so far: the cases behind the estimate.</param>
/// <param name="MatchedStatus">True when the comparable cases share the member's applicant status as well as the type.</param>
public sealed record CaseEstimate(
    EstimateKind Kind,
    Stage? Stage,
    int WaitedDays,
    DateOnly? ScheduledDate,
    WaitQuantile? RemainingMedian,
    WaitQuantile? RemainingP25,
    WaitQuantile? RemainingP75,
    DateOnly? MostLikelyDate,
    DateOnly? EarliestLikelyDate,
    DateOnly? LatestLikelyDate,
    int BasedOnCases,
    bool MatchedStatus);

/// <summary>Where one case stands: which stage it waits in and since when.</summary>
internal readonly record struct CasePosition(EstimateKind Kind, Stage? Stage, int WaitedDays, DateOnly? ScheduledDate)
{
    public static CasePosition Of(Timeline timeline, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        if (timeline.Denied is not null)
        {
            return new(EstimateKind.Denied, null, 0, null);
        }

        if (timeline.Card is not null)
        {
            return new(EstimateKind.Complete, null, 0, null);
        }

        var interviewDone = timeline.InterviewCompleted;
        var (stage, start) = (timeline.Approved, interviewDone, timeline.Conditional) switch
        {
            ({ } approved, _, _) => (Statistics.Stage.ApprovedToCard, approved),
            (null, { } done, _) when done <= today => (Statistics.Stage.InterviewToApproved, done),
            (null, _, { } conditional) => (Statistics.Stage.ConditionalToInterview, conditional),
            _ => (Statistics.Stage.AppliedToConditional, timeline.Applied),
        };

        if (stage == Statistics.Stage.ConditionalToInterview && interviewDone is { } booked && booked > today)
        {
            return new(EstimateKind.Scheduled, stage, today.DayNumber - start.DayNumber, booked);
        }

        // A start in the future is a typo the rules should have refused; there is nothing honest to say.
        return start > today
            ? new(EstimateKind.NotEnoughData, stage, 0, null)
            : new(EstimateKind.Estimated, stage, today.DayNumber - start.DayNumber, null);
    }

    /// <summary>The answer when no data is needed or usable.</summary>
    public CaseEstimate WithoutData() =>
        new(Kind, Stage, WaitedDays, ScheduledDate, null, null, null, null, null, null, 0, false);

    /// <summary>
    /// The estimate from the curves of same-type-and-status and same-type cases. The member's own case may
    /// be among them: censored at exactly the wait so far w, it is at risk only up to day w, so it leaves
    /// S(t) / S(w) for t &gt; w unchanged.
    /// </summary>
    public CaseEstimate From(KaplanMeierCurve sameStatus, KaplanMeierCurve sameType, DateOnly today)
    {
        if (Kind != EstimateKind.Estimated || Stage is null)
        {
            return WithoutData();
        }

        // What matters is how the cases that waited longer than this one went on: those are the cases
        // behind the estimate, and the threshold applies to how many of them finished.
        var longer = WaitedDays + 1;
        var matched = sameStatus.FinishedFrom(longer) >= StatsCalculator.MinimumFinished;
        var curve = matched ? sameStatus : sameType;
        var basedOn = curve.AtRiskOn(longer);
        var median = curve.FinishedFrom(longer) >= StatsCalculator.MinimumFinished ? curve.Remaining(0.5, WaitedDays) : null;
        if (median is null)
        {
            return new(EstimateKind.NotEnoughData, Stage, WaitedDays, null, null, null, null, null, null, null, basedOn, matched);
        }

        var p25 = curve.Remaining(0.25, WaitedDays);
        var p75 = curve.Remaining(0.75, WaitedDays);
        return new(
            EstimateKind.Estimated,
            Stage,
            WaitedDays,
            null,
            median,
            p25,
            p75,
            today.AddDays(median.WholeDays),
            p25 is null ? null : today.AddDays(p25.WholeDays),
            p75 is null ? null : today.AddDays(p75.WholeDays),
            basedOn,
            matched);
    }
}
