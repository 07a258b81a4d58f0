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

    /// <summary>
    /// The case has waited longer than (almost) every comparable case that finished the stage, so there is no
    /// remaining wait to give; <see cref="CaseEstimate.TypicalWait"/> says how long the stage usually takes.
    /// </summary>
    Overdue = 5,
}

/// <summary>How long the steps after a booked interview took comparable cases (see <see cref="CaseEstimate.AfterInterview"/>).</summary>
/// <param name="ApprovalMedian">Median wait from the completed interview to approval, when enough cases finished.</param>
/// <param name="ApprovalP75">75th percentile of that wait.</param>
/// <param name="CardMedian">Median wait from approval to the card, when enough cases finished.</param>
/// <param name="CardP75">75th percentile of that wait.</param>
public sealed record AfterInterview(WaitQuantile? ApprovalMedian, WaitQuantile? ApprovalP75, WaitQuantile? CardMedian, WaitQuantile? CardP75);

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
/// <param name="HalfByDate">Today plus the median remaining wait ("after" that date when it is a lower bound).</param>
/// <param name="QuarterByDate">Today plus the 25th percentile.</param>
/// <param name="MostByDate">Today plus the 75th percentile.</param>
/// <param name="BasedOnCases">Comparable cases that waited longer than this one so far: the cases behind the estimate.</param>
/// <param name="MatchedStatus">True when the comparable cases share the member's applicant status as well as the type.</param>
/// <param name="FinishedSooner">The share (0–1) of comparable cases that finished the stage in fewer days than
/// this case has waited: where the member stands. Null below <see cref="StatsCalculator.MinimumFinished"/> finished cases.</param>
/// <param name="TypicalWait">The stage's 75th percentile among comparable cases ("most within …"), for <see cref="EstimateKind.Overdue"/>.</param>
/// <param name="SkipsConditional">True for a renewal in review where most renewals here were approved without
/// conditional approval: then <paramref name="Stage"/> is the whole process (to the card), not the wait for conditional approval.</param>
/// <param name="AfterInterview">For a booked interview, how long approval and the card took comparable cases after theirs.</param>
public sealed record CaseEstimate(
    EstimateKind Kind,
    Stage? Stage,
    int WaitedDays,
    DateOnly? ScheduledDate,
    WaitQuantile? RemainingMedian,
    WaitQuantile? RemainingP25,
    WaitQuantile? RemainingP75,
    DateOnly? HalfByDate,
    DateOnly? QuarterByDate,
    DateOnly? MostByDate,
    int BasedOnCases,
    bool MatchedStatus,
    double? FinishedSooner = null,
    WaitQuantile? TypicalWait = null,
    bool SkipsConditional = false,
    AfterInterview? AfterInterview = null);

/// <summary>Where one case stands: which stage it waits in and since when.</summary>
internal readonly record struct CasePosition(EstimateKind Kind, Stage? Stage, int WaitedDays, DateOnly? ScheduledDate)
{
    /// <summary>
    /// A case with too few finished cases behind it is overdue (rather than short of data) once it has waited
    /// longer than this share of comparable cases. Censoring keeps a backlog from looking overdue: while most
    /// cases are still waiting, few finished sooner.
    /// </summary>
    public const double OverdueShare = 0.9;

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
    /// The estimate from the snapshots of same-type-and-status and same-type cases. The member's own case may
    /// be among them: censored at exactly the wait so far w, it is at risk only up to day w, so it leaves
    /// S(t) / S(w) for t &gt; w unchanged.
    /// </summary>
    public CaseEstimate From(ApplicationType type, StatsSnapshot sameStatus, StatsSnapshot sameType, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(sameStatus);
        ArgumentNullException.ThrowIfNull(sameType);
        if (Kind == EstimateKind.Scheduled)
        {
            return WithoutData() with { AfterInterview = AfterInterviewOf(sameStatus, sameType) };
        }

        if (Kind != EstimateKind.Estimated || Stage is not { } stage)
        {
            return WithoutData();
        }

        // A renewal in review is told about the step most renewals here took next: when most were approved
        // without conditional approval, the wait that matters is the one to the card.
        var skips = type == ApplicationType.Renewal && stage == Statistics.Stage.AppliedToConditional
            && sameType.SkippedConditional > sameType.Curve(stage).Finished;
        if (skips)
        {
            stage = Statistics.Stage.AppliedToCard;
        }

        return Estimate(stage, sameStatus.Curve(stage), sameType.Curve(stage), today) with { SkipsConditional = skips };
    }

    private CaseEstimate Estimate(Stage stage, KaplanMeierCurve sameStatus, KaplanMeierCurve sameType, DateOnly today)
    {
        // What matters is how the cases that waited longer than this one went on: those are the cases
        // behind the estimate, and the threshold applies to how many of them finished.
        var longer = WaitedDays + 1;
        var matched = sameStatus.FinishedFrom(longer) >= StatsCalculator.MinimumFinished;
        var curve = matched ? sameStatus : sameType;
        var basedOn = curve.AtRiskOn(longer);

        // Where the member stands, and how long the stage usually takes, from the closest group with enough
        // finished cases.
        var overall = sameStatus.Finished >= StatsCalculator.MinimumFinished ? sameStatus
            : sameType.Finished >= StatsCalculator.MinimumFinished ? sameType
            : null;
        double? sooner = overall is null ? null : WaitedDays == 0 ? 0 : 1 - overall.SurvivalAfter(WaitedDays - 1);
        var median = curve.FinishedFrom(longer) >= StatsCalculator.MinimumFinished ? curve.Remaining(0.5, WaitedDays) : null;
        if (median is null)
        {
            // Enough cases finished, but (almost) none after waiting this long: the case is late, and saying how
            // long the stage usually takes is more use than "not enough data".
            var kind = overall is not null && sooner >= OverdueShare ? EstimateKind.Overdue : EstimateKind.NotEnoughData;
            return new(kind, stage, WaitedDays, null, null, null, null, null, null, null, basedOn, matched, sooner, overall?.Quantile(0.75));
        }

        var p25 = curve.Remaining(0.25, WaitedDays);
        var p75 = curve.Remaining(0.75, WaitedDays);
        return new(
            EstimateKind.Estimated,
            stage,
            WaitedDays,
            null,
            median,
            p25,
            p75,
            today.AddDays(median.WholeDays),
            p25 is null ? null : today.AddDays(p25.WholeDays),
            p75 is null ? null : today.AddDays(p75.WholeDays),
            basedOn,
            matched,
            sooner);
    }

    // The steps after the interview, from the same-status cases when enough finished each step, else the
    // same-type ones; unconditional, since the member has not started waiting for them yet.
    private static AfterInterview AfterInterviewOf(StatsSnapshot sameStatus, StatsSnapshot sameType)
    {
        var approval = Enough(sameStatus.Curve(Statistics.Stage.InterviewToApproved)) ?? Enough(sameType.Curve(Statistics.Stage.InterviewToApproved));
        var card = Enough(sameStatus.Curve(Statistics.Stage.ApprovedToCard)) ?? Enough(sameType.Curve(Statistics.Stage.ApprovedToCard));
        return new AfterInterview(approval?.Quantile(0.5), approval?.Quantile(0.75), card?.Quantile(0.5), card?.Quantile(0.75));
    }

    private static KaplanMeierCurve? Enough(KaplanMeierCurve curve) => curve.Finished >= StatsCalculator.MinimumFinished ? curve : null;
}
