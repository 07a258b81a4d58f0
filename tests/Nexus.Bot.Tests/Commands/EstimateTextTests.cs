using Nexus.Bot.Commands.MyCase;
using Nexus.Domain.Statistics;

namespace Nexus.Bot.Tests.Commands;

/// <summary>Each sentence of the estimate, as the member reads it in the case embed.</summary>
public sealed class EstimateTextTests
{
    private static CaseEstimate Estimated(WaitQuantile median, WaitQuantile p75, double? sooner = 0.82, int waited = 183) => new(
        EstimateKind.Estimated, Stage.AppliedToConditional, waited, null,
        median, WaitQuantile.Exactly(21), p75,
        new DateOnly(2027, 6, 12), new DateOnly(2027, 5, 24), new DateOnly(2027, 7, 4), 41, true, sooner);

    [Fact]
    public void An_estimate_says_where_the_member_stands_and_when_half_and_most_got_it()
    {
        var estimate = Estimated(WaitQuantile.Exactly(40), WaitQuantile.Exactly(63));

        Assert.Equal("Next: conditional approval", EstimateText.Heading(estimate));
        Assert.Equal(
            "You have waited 6 months: longer than 82% of similar cases here.\n"
            + "Half of similar cases that waited this long got conditional approval by 12 June 2027, most by 4 July 2027 (41 cases).",
            EstimateText.Describe(estimate));
        Assert.DoesNotContain("most likely", EstimateText.Describe(estimate), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_late_end_that_is_only_a_bound_is_said_as_some_wait_much_longer()
    {
        var estimate = Estimated(WaitQuantile.Exactly(40), WaitQuantile.Exceeds(63));

        Assert.EndsWith(
            "Half of similar cases that waited this long got conditional approval by 12 June 2027; some wait much longer (41 cases).",
            EstimateText.Describe(estimate),
            StringComparison.Ordinal);
    }

    [Fact]
    public void When_half_and_most_fall_on_one_day_it_is_said_once()
    {
        var estimate = Estimated(WaitQuantile.Exactly(40), WaitQuantile.Exactly(40)) with { MostByDate = new DateOnly(2027, 6, 12) };

        Assert.EndsWith(
            "Most similar cases that waited this long got conditional approval by 12 June 2027 (41 cases).",
            EstimateText.Describe(estimate),
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_median_that_is_only_a_bound_says_most_are_still_waiting()
    {
        var estimate = Estimated(WaitQuantile.Exceeds(40), WaitQuantile.Exceeds(40));

        Assert.EndsWith(
            "Most similar cases that waited this long are still waiting: half will wait past 12 June 2027 (41 cases).",
            EstimateText.Describe(estimate),
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, 3, "You have waited 3 days; no similar case here got it sooner.")]
    [InlineData(0.004, 3, "You have waited 3 days; no similar case here got it sooner.")]
    [InlineData(0.5, 49, "You have waited 7 weeks: longer than 50% of similar cases here.")]
    [InlineData(0.993, 213, "You have waited 7 months: longer than 99% of similar cases here.")]
    [InlineData(1.0, 213, "You have waited 7 months: longer than every similar case here.")]
    public void Where_the_member_stands(double sooner, int waited, string sentence)
    {
        Assert.Equal([sentence], EstimateText.Standing(Estimated(WaitQuantile.Exactly(40), WaitQuantile.Exactly(63), sooner, waited)));
    }

    [Fact]
    public void Standing_is_left_out_without_enough_finished_cases()
    {
        Assert.Empty(EstimateText.Standing(Estimated(WaitQuantile.Exactly(40), WaitQuantile.Exactly(63), sooner: null)));
    }

    [Fact]
    public void A_case_past_every_finished_case_is_told_so_plainly_with_the_usual_wait()
    {
        var estimate = new CaseEstimate(
            EstimateKind.Overdue, Stage.ApprovedToCard, 213, null, null, null, null, null, null, null, 0, true,
            FinishedSooner: 1.0, TypicalWait: WaitQuantile.Exactly(12));

        Assert.Equal("Next: card", EstimateText.Heading(estimate));
        Assert.Equal(
            "You have waited 7 months: longer than every similar case here.\n"
            + "Most cards here arrive within 12 days of approval; yours is unusually late: check your Trusted Traveler Programs account.",
            EstimateText.Describe(estimate));
    }

    [Fact]
    public void A_stage_that_usually_takes_no_time_says_the_same_day_when_the_case_is_past_every_finished_one()
    {
        var estimate = new CaseEstimate(
            EstimateKind.Overdue, Stage.InterviewToApproved, 91, null, null, null, null, null, null, null, 0, true,
            FinishedSooner: 0.97, TypicalWait: WaitQuantile.Exactly(0));

        Assert.Equal(
            "You have waited 3 months: longer than 97% of similar cases here.\n"
            + "Most approvals here come the same day as the interview; yours is unusually late: check your Trusted Traveler Programs account.",
            EstimateText.Describe(estimate));
    }

    [Fact]
    public void A_renewal_that_most_renewals_would_skip_conditional_approval_for_is_told_the_next_step_is_approval()
    {
        var estimate = Estimated(WaitQuantile.Exactly(40), WaitQuantile.Exactly(63), sooner: 0.1, waited: 10) with { Stage = Stage.AppliedToCard, SkipsConditional = true };

        Assert.Equal("Next: approval and card", EstimateText.Heading(estimate));
        Assert.Equal(
            "Most renewals here are approved without conditional approval.\n"
            + "You have waited 10 days: longer than 10% of similar cases here.\n"
            + "Half of similar cases that waited this long had their card by 12 June 2027, most by 4 July 2027 (41 cases).",
            EstimateText.Describe(estimate));
    }

    [Fact]
    public void A_booked_interview_is_followed_by_the_dates_approval_and_the_card_usually_take()
    {
        var estimate = new CaseEstimate(
            EstimateKind.Scheduled, Stage.ConditionalToInterview, 50, new DateOnly(2026, 7, 5), null, null, null, null, null, null, 0, false,
            AfterInterview: new AfterInterview(WaitQuantile.Exactly(0), WaitQuantile.Exactly(4), WaitQuantile.Exactly(12), WaitQuantile.Exactly(14)));

        Assert.Equal("Next: interview, then approval and card", EstimateText.Heading(estimate));
        Assert.Equal(
            "Interview booked for 5 July 2026.\n"
            + "After theirs, half of similar cases were approved the same day and had their card by 17 July 2026, most by 23 July 2026.",
            EstimateText.Describe(estimate));
    }

    [Fact]
    public void A_booked_interview_without_data_on_approval_says_so()
    {
        var estimate = new CaseEstimate(EstimateKind.Scheduled, Stage.ConditionalToInterview, 50, new DateOnly(2026, 7, 5), null, null, null, null, null, null, 0, false);

        Assert.Equal(
            "Interview booked for 5 July 2026.\nNot enough data yet on how soon approval follows an interview here.",
            EstimateText.Describe(estimate));
    }

    [Fact]
    public void Without_enough_data_the_estimate_says_what_it_needs()
    {
        var estimate = new CaseEstimate(EstimateKind.NotEnoughData, Stage.AppliedToConditional, 100, null, null, null, null, null, null, null, 3, false);

        Assert.Equal("Not enough data yet: an estimate needs 5 similar cases here that finished this step.", EstimateText.Describe(estimate));
    }
}
