using System.Globalization;
using Nexus.Domain.Common;
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
            { Kind: EstimateKind.Scheduled } => "Next: interview, then approval and card",
            { SkipsConditional: true } => "Next: approval and card",
            { Stage: { } stage } => $"Next: {stage.EndDisplay()}",
            _ => "Next milestone",
        };
    }

    /// <summary>The estimate's sentences, one per line.</summary>
    public static string Describe(CaseEstimate estimate)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        var lines = new List<string>();
        if (estimate.SkipsConditional)
        {
            lines.Add("Most renewals here are approved without conditional approval.");
        }

        switch (estimate.Kind)
        {
            case EstimateKind.Scheduled when estimate.ScheduledDate is { } booked:
                lines.Add($"Interview booked for {WaitText.Date(booked)}.");
                lines.Add(AfterInterview(estimate.AfterInterview, booked));
                break;
            case EstimateKind.Estimated when estimate is { Stage: { } stage, RemainingMedian: { } median, HalfByDate: { } half }:
                lines.AddRange(Standing(estimate));
                lines.Add((median.MoreThan, estimate) switch
                {
                    (true, _) => $"Most similar cases that waited this long are still waiting: half will wait past {WaitText.Date(half)}{Basis(estimate)}.",
                    (false, { RemainingP75: { MoreThan: false }, MostByDate: { } most }) when most == half =>
                        $"Most similar cases that waited this long {Reached(stage)} by {WaitText.Date(half)}{Basis(estimate)}.",
                    (false, { RemainingP75: { MoreThan: false }, MostByDate: { } most }) =>
                        $"Half of similar cases that waited this long {Reached(stage)} by {WaitText.Date(half)}, most by {WaitText.Date(most)}{Basis(estimate)}.",
                    _ => $"Half of similar cases that waited this long {Reached(stage)} by {WaitText.Date(half)}; some wait much longer{Basis(estimate)}.",
                });
                break;
            case EstimateKind.Overdue when estimate.Stage is { } stage:
                lines.AddRange(Standing(estimate));
                if (estimate.TypicalWait is { MoreThan: false } typical)
                {
                    // "within same day of the interview" is not English: a stage that usually takes no time says so.
                    var usually = typical.WholeDays == 0 ? $"the same day as {Since(stage)}" : $"within {WaitText.Format(typical)} of {Since(stage)}";
                    lines.Add($"{Usual(stage)} {usually}; yours is unusually late: check your Trusted Traveler Programs account.");
                }
                else
                {
                    lines.Add("Yours is unusually late: check your Trusted Traveler Programs account.");
                }

                break;
            case EstimateKind.Complete or EstimateKind.Denied:
                // The case embed says these once, in its own words.
                break;
            default:
                lines.AddRange(Standing(estimate));
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"Not enough data yet: an estimate needs {StatsCalculator.MinimumFinished} similar cases here that finished this step."));
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

        var waited = WaitText.Days(estimate.WaitedDays);
        var percent = (int)Math.Round(share * 100, MidpointRounding.AwayFromZero);
        yield return share switch
        {
            >= 0.995 => $"You have waited {waited}: longer than every similar case here.",
            _ when percent == 0 => $"You have waited {waited}; no similar case here got it sooner.",
            // 99.5% rounds to 100 but is not everyone.
            _ => string.Create(CultureInfo.InvariantCulture, $"You have waited {waited}: longer than {Math.Min(percent, 99)}% of similar cases here."),
        };
    }

    // A sum of quantiles (each possibly a half day) rounded once, as WaitQuantile.WholeDays rounds one.
    private static int WholeDays(double days) => (int)Math.Round(days, MidpointRounding.AwayFromZero);

    private static string AfterInterview(AfterInterview? after, DateOnly booked)
    {
        if (after is not { ApprovalMedian: { MoreThan: false } approval })
        {
            return "Not enough data yet on how soon approval follows an interview here.";
        }

        var approved = approval.WholeDays == 0 ? "were approved the same day" : $"were approved within {WaitText.Format(approval)}";
        if (after.CardMedian is not { MoreThan: false } card)
        {
            return $"After theirs, half of similar cases {approved}.";
        }

        // Quantiles of two steps added up: not exactly the quantiles of the sum, but close for waits this
        // steady, and the only figure members ask for ("when will the card come?").
        var half = booked.AddDays(WholeDays(approval.Days + card.Days));
        var most = after is { ApprovalP75: { MoreThan: false } lateApproval, CardP75: { MoreThan: false } lateCard }
            ? $", most by {WaitText.Date(booked.AddDays(WholeDays(lateApproval.Days + lateCard.Days)))}"
            : string.Empty;
        return $"After theirs, half of similar cases {approved} and had their card by {WaitText.Date(half)}{most}.";
    }

    private static string Basis(CaseEstimate estimate) =>
        $" ({Quantity.Of("case", estimate.BasedOnCases)})";

    private static string Reached(Stage stage) => stage switch
    {
        Stage.AppliedToConditional => "got conditional approval",
        Stage.ConditionalToInterview => "had their interview",
        Stage.InterviewToApproved => "were approved",
        _ => "had their card",
    };

    private static string Usual(Stage stage) => stage switch
    {
        Stage.AppliedToConditional => "Most conditional approvals here come",
        Stage.ConditionalToInterview => "Most interviews here happen",
        Stage.InterviewToApproved => "Most approvals here come",
        _ => "Most cards here arrive",
    };

    private static string Since(Stage stage) => stage switch
    {
        Stage.AppliedToConditional or Stage.AppliedToCard => "the application",
        Stage.ConditionalToInterview => "conditional approval",
        Stage.InterviewToApproved => "the interview",
        _ => "approval",
    };
}
