using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Nexus.Domain.Cases;
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

/// <summary>One reason a case is suspicious, with a short text for moderators.</summary>
/// <param name="Reason">The rule that found it.</param>
/// <param name="Text">A short explanation, e.g. "Applied → conditional approval: 41 weeks, beyond 19 weeks (Q3 + 3×IQR)".</param>
public sealed record ReviewFinding(ReviewReason Reason, string Text);

/// <summary>A suspicious case in the review queue.</summary>
/// <param name="Case">The case.</param>
/// <param name="Findings">Every reason found, in <see cref="ReviewReason"/> order.</param>
public sealed record ReviewEntry(Case Case, IReadOnlyList<ReviewFinding> Findings)
{
    /// <summary>True when one of the findings comes from <paramref name="reason"/>.</summary>
    public bool Has(ReviewReason reason) => Findings.Any(f => f.Reason == reason);
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
    public static IReadOnlyList<ReviewEntry> Evaluate(
        IReadOnlyList<Case> cases, IReadOnlyDictionary<long, int> busiestHour, ModerationOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(busiestHour);
        ArgumentNullException.ThrowIfNull(options);
        var today = now.UtcDay();
        var counted = cases.Where(c => !c.Excluded).ToList();
        var fences = OutlierFences(counted, options, today);
        var staleBefore = now.AddMonths(-options.StaleMonths);

        var entries = new List<ReviewEntry>();
        foreach (var c in counted.OrderBy(c => c.CaseNumber))
        {
            var findings = new List<ReviewFinding>();
            if (TimelineValidation.FirstError(c.Type, c.Timeline, today) is { } invalid)
            {
                findings.Add(new(ReviewReason.Invalid, invalid.Message));
            }

            foreach (var stage in StageNames.All)
            {
                if (Wait(c.Timeline, stage) is not { } days)
                {
                    continue;
                }

                if (days < 0)
                {
                    findings.Add(new(ReviewReason.ImpossibleWait, Invariant($"{stage.Display()}: negative wait ({days} days).")));
                }
                else if (StageStart(c.Timeline, stage) is { } start && start.AddYears(options.MaxWaitYears).DayNumber < start.DayNumber + days)
                {
                    findings.Add(new(ReviewReason.ImpossibleWait, Invariant($"{stage.Display()}: {WaitText.Days(days)}, more than {options.MaxWaitYears} years.")));
                }
            }

            foreach (var stage in StageNames.All)
            {
                var observed = StageObservation.Observe(c.Timeline, stage, today);
                if (observed.Outcome == StageOutcome.Finished && fences[(int)stage] is { } fence && observed.Days > fence)
                {
                    findings.Add(new(ReviewReason.Outlier, Invariant(
                        $"{stage.Display()}: {WaitText.Days(observed.Days)} ({observed.Days} days), beyond this server's limit of {fence:0} days (Q3 + {options.OutlierIqrFactor}×IQR).")));
                }
            }

            if (busiestHour.TryGetValue(c.Id, out var saves) && saves > options.BurstChanges)
            {
                findings.Add(new(ReviewReason.Burst, Invariant($"{saves} changes within one hour (more than {options.BurstChanges}).")));
            }

            var status = c.StatusOn(today);
            if (status is not (CaseStatus.CardReceived or CaseStatus.Denied) && c.UpdatedAt < staleBefore)
            {
                findings.Add(new(ReviewReason.Stale, Invariant(
                    $"Unchanged since {WaitText.Date(c.UpdatedAt.UtcDay())} and still {status.Display().ToLowerInvariant()}.")));
            }

            if (findings.Count > 0)
            {
                entries.Add(new ReviewEntry(c, findings));
            }
        }

        return entries;
    }

    /// <summary>
    /// The outlier fence of each stage (Q3 + factor × IQR of the finished waits), indexed by <c>(int)stage</c>;
    /// null where fewer than the minimum finished.
    /// </summary>
    public static double?[] OutlierFences(IReadOnlyList<Case> counted, ModerationOptions options, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(counted);
        ArgumentNullException.ThrowIfNull(options);
        var fences = new double?[StageNames.All.Count];
        foreach (var stage in StageNames.All)
        {
            var waits = new List<int>();
            foreach (var c in counted)
            {
                var observed = StageObservation.Observe(c.Timeline, stage, today);
                if (observed.Outcome == StageOutcome.Finished)
                {
                    waits.Add(observed.Days);
                }
            }

            if (waits.Count < Math.Max(options.OutlierMinimumFinished, 2))
            {
                continue;
            }

            waits.Sort();
            var q1 = Quantile(waits, 0.25);
            var q3 = Quantile(waits, 0.75);
            fences[(int)stage] = q3 + (options.OutlierIqrFactor * (q3 - q1));
        }

        return fences;
    }

    /// <summary>The quantile of sorted values by linear interpolation between closest ranks (the common spreadsheet definition).</summary>
    internal static double Quantile(List<int> sorted, double p)
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

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
