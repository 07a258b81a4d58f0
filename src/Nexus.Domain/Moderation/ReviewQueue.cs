using System.ComponentModel.DataAnnotations;
using Nexus.Domain.Cases;
using Nexus.Domain.Settings;
using Nexus.Domain.Statistics;
using Nexus.Domain.Common;

namespace Nexus.Domain.Moderation;

/// <summary>Why a case is in the review queue.</summary>
public enum ReviewReason
{
    /// <summary>The timeline breaks a rule: milestones out of order, or in the future (<c>invalid</c>).</summary>
    Invalid = 0,

    /// <summary>A stage's wait is negative or longer than the maximum (<c>impossible-wait</c>).</summary>
    ImpossibleWait = 1,

    /// <summary>A stage's wait is far beyond this server's usual waits (<c>outlier</c>).</summary>
    Outlier = 2,

    /// <summary>Many saves within one hour (<c>burst</c>).</summary>
    Burst = 3,

    /// <summary>Unfinished and unchanged for a long time (<c>stale</c>).</summary>
    Stale = 4,
}

/// <summary>
/// One reason a case is suspicious, as facts: the application words them for moderators in their language (see
/// the sealed records deriving from this one, one per kind of finding).
/// </summary>
/// <param name="Reason">The rule that found it.</param>
/// <param name="Stage">The stage whose wait the finding is about (impossible waits and outliers), or null for the whole case.</param>
public abstract record ReviewFinding(ReviewReason Reason, Stage? Stage);

/// <summary>The timeline breaks a member rule (<see cref="ReviewReason.Invalid"/>).</summary>
/// <param name="Rule">The first rule it breaks, as the member commands would refuse it.</param>
public sealed record BrokenRuleFinding(DomainError Rule) : ReviewFinding(ReviewReason.Invalid, null);

/// <summary>A stage ends before it starts (<see cref="ReviewReason.ImpossibleWait"/>): one of the two dates is wrong.</summary>
/// <param name="Wait">The stage.</param>
/// <param name="DaysBefore">How many days its end is before its start (positive).</param>
public sealed record NegativeWaitFinding(Stage Wait, int DaysBefore) : ReviewFinding(ReviewReason.ImpossibleWait, Wait);

/// <summary>A stage's wait is longer than any real one (<see cref="ReviewReason.ImpossibleWait"/>).</summary>
/// <param name="Wait">The stage.</param>
/// <param name="Days">Its wait in days.</param>
/// <param name="MaxYears">The longest wait that can happen, in years (<see cref="ModerationOptions.MaxWaitYears"/>).</param>
public sealed record OverlongWaitFinding(Stage Wait, int Days, int MaxYears) : ReviewFinding(ReviewReason.ImpossibleWait, Wait);

/// <summary>A finished wait far beyond this server's usual ones (<see cref="ReviewReason.Outlier"/>).</summary>
/// <param name="Wait">The stage.</param>
/// <param name="Days">The wait in days.</param>
/// <param name="TypicalDays">The stage's typical (median) finished wait here, in days.</param>
public sealed record OutlierWaitFinding(Stage Wait, int Days, int TypicalDays) : ReviewFinding(ReviewReason.Outlier, Wait);

/// <summary>Many saves within one hour (<see cref="ReviewReason.Burst"/>).</summary>
/// <param name="Saves">The most saves within one hour.</param>
/// <param name="Limit">How many are allowed (<see cref="ModerationOptions.BurstChanges"/>).</param>
public sealed record BurstFinding(int Saves, int Limit) : ReviewFinding(ReviewReason.Burst, null);

/// <summary>An unfinished case unchanged for a long time (<see cref="ReviewReason.Stale"/>).</summary>
/// <param name="UnchangedSince">The date of its last change, in the server's time zone.</param>
/// <param name="Status">Its status today.</param>
public sealed record StaleFinding(DateOnly UnchangedSince, CaseStatus Status) : ReviewFinding(ReviewReason.Stale, null);

/// <summary>A suspicious case in the review queue.</summary>
/// <param name="Case">The case.</param>
/// <param name="Findings">Every reason found, in <see cref="ReviewReason"/> order.</param>
public sealed record ReviewEntry(Case Case, IReadOnlyList<ReviewFinding> Findings)
{
    /// <summary>True when one of the findings comes from <paramref name="reason"/>.</summary>
    public bool Has(ReviewReason reason) => Findings.Any(f => f.Reason == reason);

    /// <summary>
    /// What acting on the findings of <paramref name="reasons"/> excludes: the stages they name, or the whole
    /// case (<see cref="StageSet.None"/>) when one of them is about the whole case.
    /// </summary>
    public StageSet Offending(params ReviewReason[] reasons)
    {
        var stages = StageSet.None;
        foreach (var finding in Findings.Where(f => reasons.Length == 0 || reasons.Contains(f.Reason)))
        {
            if (finding.Stage is not { } stage)
            {
                return StageSet.None;
            }

            stages = stages.With(StageSet.Of(stage));
        }

        return stages;
    }
}

/// <summary>One page of the review queue.</summary>
/// <param name="Entries">The entries on this page, in case-number order.</param>
/// <param name="Page">The page number, from 1.</param>
/// <param name="TotalPages">How many pages there are (at least 1).</param>
/// <param name="TotalEntries">How many entries in all.</param>
public sealed record ReviewPage(IReadOnlyList<ReviewEntry> Entries, int Page, int TotalPages, int TotalEntries);

/// <summary>
/// The review rules: pure functions of the server's cases, their edit bursts and today. Excluded cases are
/// not reviewed (a moderator already dealt with them) and do not count towards the outlier thresholds
/// (they are not in the statistics either).
/// </summary>
public static class ReviewRules
{
    /// <summary>The review entries of <paramref name="cases"/>, in case-number order.</summary>
    /// <param name="cases">The server's cases that are not removed.</param>
    /// <param name="busiestHour">Per case id, the most saves within one hour.</param>
    /// <param name="options">The thresholds.</param>
    /// <param name="now">The current instant (stale cases are judged against it).</param>
    /// <param name="zone">
    /// The server's time zone: its date is "today" for unfinished waits and the future-date rule, as for its
    /// members, and the date a stale case is said to be unchanged since.
    /// </param>
    public static IReadOnlyList<ReviewEntry> Evaluate(
        IReadOnlyList<Case> cases, IReadOnlyDictionary<long, int> busiestHour, ModerationOptions options, DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(busiestHour);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(zone);
        var today = ServerCalendar.DayOf(now, zone);
        var counted = cases.Where(c => !c.Excluded).ToList();
        var limits = OutlierLimits(counted, options, today);
        var staleBefore = now.AddMonths(-options.StaleMonths);

        var entries = new List<ReviewEntry>();
        foreach (var c in counted.OrderBy(c => c.CaseNumber))
        {
            var findings = new List<ReviewFinding>();
            if (TimelineValidation.FirstError(c.Type, c.Timeline, today) is { } invalid)
            {
                findings.Add(new BrokenRuleFinding(invalid));
            }

            // A stage a moderator already left out of statistics has been dealt with.
            var stages = StageNames.All.Where(s => !c.ExcludedStages.Contains(s)).ToList();
            foreach (var stage in stages)
            {
                if (Wait(c.Timeline, stage) is not { } days)
                {
                    continue;
                }

                if (days < 0)
                {
                    findings.Add(new NegativeWaitFinding(stage, -days));
                }
                else if (StageStart(c.Timeline, stage) is { } start && start.AddYears(options.MaxWaitYears).DayNumber < start.DayNumber + days)
                {
                    findings.Add(new OverlongWaitFinding(stage, days, options.MaxWaitYears));
                }
            }

            foreach (var stage in stages)
            {
                var observed = StageObservation.Observe(c.Timeline, stage, today);
                if (observed.Outcome == StageOutcome.Finished && limits[(int)stage] is { } limit && observed.Days > limit.Days)
                {
                    findings.Add(new OutlierWaitFinding(stage, observed.Days, limit.TypicalDays));
                }
            }

            if (busiestHour.TryGetValue(c.Id, out var saves) && saves > options.BurstChanges)
            {
                findings.Add(new BurstFinding(saves, options.BurstChanges));
            }

            var status = c.StatusOn(today);
            if (status is not (CaseStatus.CardReceived or CaseStatus.Denied) && c.UpdatedAt < staleBefore)
            {
                findings.Add(new StaleFinding(ServerCalendar.DayOf(c.UpdatedAt, zone), status));
            }

            if (findings.Count > 0)
            {
                entries.Add(new ReviewEntry(c, findings));
            }
        }

        return entries;
    }

    /// <summary>
    /// Each stage's outlier limit, indexed by <c>(int)stage</c>; null where fewer than the minimum finished.
    /// </summary>
    /// <remarks>
    /// The fence is Q3 + factor × IQR of the finished waits on a logarithmic scale (ln(1 + days)): waits are
    /// skewed and vary by multiples, so a linear fence flags every long but real manual review, and a stage
    /// that usually takes the same day has Q3 = IQR = 0 and flags a wait of one day. The limit is then raised to
    /// at least the typical (median) wait plus <see cref="ModerationOptions.OutlierFloorDays"/>, which also
    /// keeps it above the floor, so a flagged wait is far from the usual one in days too.
    /// </remarks>
    public static OutlierLimit?[] OutlierLimits(IReadOnlyList<Case> counted, ModerationOptions options, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(counted);
        ArgumentNullException.ThrowIfNull(options);
        var limits = new OutlierLimit?[StageNames.All.Count];
        foreach (var stage in StageNames.All)
        {
            var waits = new List<int>();
            foreach (var c in counted)
            {
                var observed = StageObservation.Observe(c.Timeline, stage, today);
                if (observed.Outcome == StageOutcome.Finished && !c.ExcludedStages.Contains(stage))
                {
                    waits.Add(observed.Days);
                }
            }

            if (waits.Count < Math.Max(options.OutlierMinimumFinished, 2))
            {
                continue;
            }

            waits.Sort();
            var logs = waits.Select(w => Math.Log(1 + w)).ToList();
            var q1 = Quantile(logs, 0.25);
            var q3 = Quantile(logs, 0.75);
            var fence = Math.Exp(q3 + (options.OutlierIqrFactor * (q3 - q1))) - 1;
            var typical = (int)Math.Round(Quantile(waits.ConvertAll(w => (double)w), 0.5), MidpointRounding.AwayFromZero);
            limits[(int)stage] = new OutlierLimit((int)Math.Floor(Math.Max(fence, typical + options.OutlierFloorDays)), typical);
        }

        return limits;
    }

    /// <summary>The quantile of sorted values by linear interpolation between closest ranks (the common spreadsheet definition).</summary>
    internal static double Quantile(List<double> sorted, double p)
    {
        var position = p * (sorted.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }

    // The raw wait of a stage when both ends are recorded, negative when the end is before the start.
    // StageObservation leaves such cases out as "ignored"; here they are exactly what we look for.
    private static int? Wait(Timeline t, Stage stage) =>
        StageStart(t, stage) is { } start && StageEnd(t, stage) is { } end ? end.DayNumber - start.DayNumber : null;

    private static DateOnly? StageStart(Timeline t, Stage stage) => stage switch
    {
        Stage.AppliedToConditional or Stage.AppliedToCard => t.Applied,
        Stage.ConditionalToInterview => t.Conditional,
        Stage.InterviewToApproved => t.InterviewCompleted,
        _ => t.Approved,
    };

    private static DateOnly? StageEnd(Timeline t, Stage stage) => stage switch
    {
        Stage.AppliedToConditional => t.Conditional,
        Stage.ConditionalToInterview => t.InterviewCompleted,
        Stage.InterviewToApproved => t.Approved,
        _ => t.Card,
    };
}

/// <summary>A stage's outlier limit and its typical wait.</summary>
/// <param name="Days">A finished wait longer than this many days is an outlier.</param>
/// <param name="TypicalDays">The median finished wait, in days.</param>
public readonly record struct OutlierLimit(int Days, int TypicalDays);
