using System.Globalization;
using Nexus.Bot.Localization;
using Nexus.Domain.Statistics;

namespace Nexus.Bot.Commands.MyCase;

/// <summary>
/// The estimate of a case in plain sentences: where the member stands ("You have waited 6 months: longer than
/// 82% of similar cases here"), then when half and most of the similar cases that waited as long got the next
/// milestone. Never "most likely": the figures are quantiles of the remaining wait, not a likeliest day.
/// </summary>
public static class EstimateText
{
    /// <summary>The field heading: what the member waits for next.</summary>
    public static string Heading(CaseEstimate estimate)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        return estimate switch
        {
            { Kind: EstimateKind.Scheduled } => Strings.Estimate_NextInterview,
            { SkipsConditional: true } => Strings.Estimate_NextApproval,
            { Stage: { } stage } => Text.Format(Strings.Estimate_Next, Names.EndOf(stage)),
            _ => Strings.Estimate_NextMilestone,
        };
    }

    /// <summary>The estimate's sentences, one per line.</summary>
    public static string Describe(CaseEstimate estimate)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        var lines = new List<string>();
        if (estimate.SkipsConditional)
        {
            lines.Add(Strings.Estimate_SkipsConditional);
        }

        switch (estimate.Kind)
        {
            case EstimateKind.Scheduled when estimate.ScheduledDate is { } booked:
                lines.Add(Text.Format(Strings.Estimate_Booked, Words.Date(booked)));
                lines.Add(AfterInterview(estimate.AfterInterview, booked));
                break;
            case EstimateKind.Estimated when estimate is { Stage: { } stage, RemainingMedian: { } median, HalfByDate: { } half }:
                lines.AddRange(Standing(estimate));
                lines.Add((median.MoreThan, estimate) switch
                {
                    (true, _) => Text.Format(Strings.Estimate_StillWaiting, Words.Date(half), Basis(estimate)),
                    (false, { RemainingP75: { MoreThan: false }, MostByDate: { } most }) when most == half =>
                        Text.Format(Sentence(stage, Strings.Estimate_MostBy_Conditional, Strings.Estimate_MostBy_Interview, Strings.Estimate_MostBy_Approved, Strings.Estimate_MostBy_Card), Words.Date(half), Basis(estimate)),
                    (false, { RemainingP75: { MoreThan: false }, MostByDate: { } most }) =>
                        Text.Format(Sentence(stage, Strings.Estimate_HalfMost_Conditional, Strings.Estimate_HalfMost_Interview, Strings.Estimate_HalfMost_Approved, Strings.Estimate_HalfMost_Card), Words.Date(half), Words.Date(most), Basis(estimate)),
                    _ => Text.Format(Sentence(stage, Strings.Estimate_HalfSome_Conditional, Strings.Estimate_HalfSome_Interview, Strings.Estimate_HalfSome_Approved, Strings.Estimate_HalfSome_Card), Words.Date(half), Basis(estimate)),
                });
                break;
            case EstimateKind.Overdue when estimate.Stage is { } stage:
                lines.AddRange(Standing(estimate));
                if (estimate.TypicalWait is { MoreThan: false } typical)
                {
                    // "within same day of the interview" is not a sentence: a stage that usually takes no time says so.
                    lines.Add(typical.WholeDays == 0
                        ? Text.Format(Sentence(stage, Strings.Estimate_LateSameDay_Conditional, Strings.Estimate_LateSameDay_Interview, Strings.Estimate_LateSameDay_Approved, Strings.Estimate_LateSameDay_Card), Since(stage))
                        : Text.Format(Sentence(stage, Strings.Estimate_Late_Conditional, Strings.Estimate_Late_Interview, Strings.Estimate_Late_Approved, Strings.Estimate_Late_Card), Words.Wait(typical), Since(stage)));
                }
                else
                {
                    lines.Add(Strings.Estimate_LateUnknown);
                }

                break;
            case EstimateKind.Complete or EstimateKind.Denied:
                // The case embed says these once, in its own words.
                break;
            default:
                lines.AddRange(Standing(estimate));
                lines.Add(Text.Format(Strings.Estimate_NotEnough, StatsCalculator.MinimumFinished));
                break;
        }

        return string.Join("\n", lines);
    }

    /// <summary>"You have waited 6 months: longer than 82% of similar cases here." (nothing when unknown).</summary>
    public static IEnumerable<string> Standing(CaseEstimate estimate)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        if (estimate.FinishedSooner is not { } share)
        {
            yield break;
        }

        var waited = Words.Wait(estimate.WaitedDays);
        var percent = (int)Math.Round(share * 100, MidpointRounding.AwayFromZero);
        yield return share switch
        {
            >= 0.995 => Text.Format(Strings.Estimate_LongerThanAll, waited),
            _ when percent == 0 => Text.Format(Strings.Estimate_NoneSooner, waited),
            // 99.5% rounds to 100 but is not everyone.
            _ => Text.Format(Strings.Estimate_LongerThan, waited, Math.Min(percent, 99)),
        };
    }

    // A sum of quantiles (each possibly a half day) rounded once, as WaitQuantile.WholeDays rounds one.
    private static int WholeDays(double days) => (int)Math.Round(days, MidpointRounding.AwayFromZero);

    private static string AfterInterview(AfterInterview? after, DateOnly booked)
    {
        if (after is not { ApprovalMedian: { MoreThan: false } approval })
        {
            return Strings.Estimate_AfterInterviewUnknown;
        }

        var sameDay = approval.WholeDays == 0;
        if (after.CardMedian is not { MoreThan: false } card)
        {
            return sameDay ? Strings.Estimate_AfterSameDay : Text.Format(Strings.Estimate_AfterWithin, Words.Wait(approval));
        }

        // Quantiles of two steps added up: not exactly the quantiles of the sum, but close for waits this
        // steady, and the only figure members ask for ("when will the card come?").
        var half = booked.AddDays(WholeDays(approval.Days + card.Days));
        if (after is { ApprovalP75: { MoreThan: false } lateApproval, CardP75: { MoreThan: false } lateCard })
        {
            var most = Words.Date(booked.AddDays(WholeDays(lateApproval.Days + lateCard.Days)));
            return sameDay
                ? Text.Format(Strings.Estimate_AfterSameDayCardMost, Words.Date(half), most)
                : Text.Format(Strings.Estimate_AfterWithinCardMost, Words.Wait(approval), Words.Date(half), most);
        }

        return sameDay
            ? Text.Format(Strings.Estimate_AfterSameDayCard, Words.Date(half))
            : Text.Format(Strings.Estimate_AfterWithinCard, Words.Wait(approval), Words.Date(half));
    }

    private static string Basis(CaseEstimate estimate) =>
        Words.Count(estimate.BasedOnCases, Strings.Count_Case_One, Strings.Count_Case_Other);

    // One whole sentence per stage: the verb and its subject differ by stage, and in French they agree.
    private static string Sentence(Stage stage, string conditional, string interview, string approved, string card) => stage switch
    {
        Stage.AppliedToConditional => conditional,
        Stage.ConditionalToInterview => interview,
        Stage.InterviewToApproved => approved,
        _ => card,
    };

    private static string Since(Stage stage) => stage switch
    {
        Stage.AppliedToConditional or Stage.AppliedToCard => Strings.Estimate_Since_Application,
        Stage.ConditionalToInterview => Strings.Estimate_Since_Conditional,
        Stage.InterviewToApproved => Strings.Estimate_Since_Interview,
        _ => Strings.Estimate_Since_Approval,
    };
}
