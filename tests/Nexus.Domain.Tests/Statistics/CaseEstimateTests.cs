using Nexus.Domain.Cases;
using Nexus.Domain.Statistics;
using static Nexus.Domain.Tests.Statistics.StatsCases;

namespace Nexus.Domain.Tests.Statistics;

public sealed class CaseEstimateTests
{
    private static readonly DateOnly Today = new(2026, 6, 15);

    // 61 Canadian citizens who waited exactly 60, 61, ..., 120 days for conditional approval, all long done.
    // S(t) = (120 - t) / 61 for 60 <= t <= 120, so the unconditional median is the first t with
    // (120 - t) <= 30.5: 90 days.
    private static List<CaseFacts> UniformWaits(ApplicantStatus status = ApplicantStatus.CaCitizen)
    {
        var cases = new List<CaseFacts>();
        for (var wait = 60; wait <= 120; wait++)
        {
            cases.Add(FinishedCa(Today.AddDays(-200 - wait), wait, status));
        }

        return cases;
    }

    [Fact]
    public void Someone_who_has_waited_long_is_told_a_shorter_remaining_wait_than_the_unconditional_median()
    {
        // Waited 100 days. The 20 cases that waited longer finished on days 101..120: S(100) = 20/61.
        // Median remaining: (120 - t) = 10 exactly from day 110 until the next finish on day 111, so the
        // midpoint, 110.5: 10.5 more days (the date rounds it up). 25%: (120 - t) = 15 on days 105–106,
        // 5.5 more days. 75%: (120 - t) = 5 on days 115–116, 15.5 more days.
        var cases = UniformWaits();
        var me = Pending(Today.AddDays(-100));
        cases.Add(me);

        var unconditional = StatsCalculator.Compute(cases, StatsFilter.Default, Today).For(Stage.AppliedToConditional).Median;
        var estimate = StatsCalculator.Estimate(cases, me, Today);

        // With this case waiting 100 days among them, S(t) = (121 - t) / 62 up to day 100: exactly one half
        // from day 90 until the next finish on day 91, so the unconditional median is 90.5.
        Assert.Equal(WaitQuantile.Exactly(90.5), unconditional);
        Assert.Equal(EstimateKind.Estimated, estimate.Kind);
        Assert.Equal(Stage.AppliedToConditional, estimate.Stage);
        Assert.Equal(100, estimate.WaitedDays);
        Assert.Equal(WaitQuantile.Exactly(10.5), estimate.RemainingMedian);
        Assert.True(estimate.RemainingMedian!.Days < unconditional!.Days);
        Assert.Equal(WaitQuantile.Exactly(5.5), estimate.RemainingP25);
        Assert.Equal(WaitQuantile.Exactly(15.5), estimate.RemainingP75);
        Assert.Equal(Today.AddDays(11), estimate.HalfByDate);
        Assert.Equal(Today.AddDays(6), estimate.QuarterByDate);
        Assert.Equal(Today.AddDays(16), estimate.MostByDate);
        Assert.Equal(20, estimate.BasedOnCases);
        Assert.True(estimate.MatchedStatus);
    }

    [Fact]
    public void Too_few_of_the_same_status_falls_back_to_the_same_type()
    {
        var cases = UniformWaits();
        cases.Add(FinishedCa(Today.AddDays(-300), 100, ApplicantStatus.UsCitizen));
        var me = Pending(Today.AddDays(-100), ApplicantStatus.UsCitizen);

        var estimate = StatsCalculator.Estimate(cases, me, Today);

        Assert.Equal(EstimateKind.Estimated, estimate.Kind);
        Assert.False(estimate.MatchedStatus);
        Assert.Equal(WaitQuantile.Exactly(10.5), estimate.RemainingMedian);
    }

    [Fact]
    public void Renewals_are_not_compared_with_initial_applications()
    {
        var me = Pending(Today.AddDays(-100), type: ApplicationType.Renewal);

        var estimate = StatsCalculator.Estimate(UniformWaits(), me, Today);

        Assert.Equal(EstimateKind.NotEnoughData, estimate.Kind);
        Assert.Null(estimate.RemainingMedian);
        Assert.Null(estimate.HalfByDate);
    }

    [Fact]
    public void Waiting_longer_than_almost_everyone_is_overdue_with_the_usual_wait()
    {
        // Only 3 comparable cases finished after more than 117 days: below the threshold of 5. 57 of the 61
        // finished in at most 116 days, and three in four within 105 days (first t with (120 - t) / 61 <= 0.25).
        var me = Pending(Today.AddDays(-117));

        var estimate = StatsCalculator.Estimate(UniformWaits(), me, Today);

        Assert.Equal(EstimateKind.Overdue, estimate.Kind);
        Assert.Equal(3, estimate.BasedOnCases);
        Assert.Equal(57.0 / 61, estimate.FinishedSooner!.Value, 6);
        Assert.Equal(WaitQuantile.Exactly(105), estimate.TypicalWait);
        Assert.Null(estimate.RemainingMedian);
    }

    [Fact]
    public void A_backlog_of_cases_still_waiting_is_short_of_data_not_overdue()
    {
        // 5 finished at 30 days, 20 still waiting at 40-59 days: someone at 60 days waited longer than the
        // finished ones, but most comparable cases are still waiting, so few finished sooner.
        var cases = new List<CaseFacts>();
        for (var i = 0; i < 5; i++)
        {
            cases.Add(FinishedCa(Today.AddDays(-100), 30));
        }

        for (var i = 0; i < 20; i++)
        {
            cases.Add(Pending(Today.AddDays(-40 - i)));
        }

        var estimate = StatsCalculator.Estimate(cases, Pending(Today.AddDays(-60)), Today);

        Assert.Equal(EstimateKind.NotEnoughData, estimate.Kind);
        Assert.Equal(0.2, estimate.FinishedSooner!.Value, 6);
    }

    [Fact]
    public void Where_the_member_stands_is_the_share_that_finished_in_fewer_days()
    {
        // Waited 100 days: the 40 cases that waited 60..99 days finished sooner, of 61.
        var estimate = StatsCalculator.Estimate(UniformWaits(), Pending(Today.AddDays(-100)), Today);

        Assert.Equal(40.0 / 61, estimate.FinishedSooner!.Value, 6);
    }

    [Fact]
    public void A_renewal_in_review_where_most_renewals_skip_conditional_approval_is_estimated_to_the_card()
    {
        // 6 renewals approved straight from review (card 30 days after applying), 1 with conditional approval.
        var cases = new List<CaseFacts>();
        for (var i = 0; i < 6; i++)
        {
            var applied = Today.AddDays(-100 - i);
            cases.Add(new CaseFacts(i + 1, ApplicationType.Renewal, ApplicantStatus.CaCitizen, null, new Timeline(applied, Approved: applied.AddDays(20), Card: applied.AddDays(30))));
        }

        var withConditional = Today.AddDays(-90);
        cases.Add(new CaseFacts(50, ApplicationType.Renewal, ApplicantStatus.CaCitizen, null, new Timeline(withConditional, Conditional: withConditional.AddDays(10))));
        var me = new CaseFacts(99, ApplicationType.Renewal, ApplicantStatus.CaCitizen, null, new Timeline(Today.AddDays(-10)));

        var estimate = StatsCalculator.Estimate(cases, me, Today);

        Assert.True(estimate.SkipsConditional);
        Assert.Equal(Stage.AppliedToCard, estimate.Stage);
        Assert.Equal(EstimateKind.Estimated, estimate.Kind);
        Assert.Equal(WaitQuantile.Exactly(20), estimate.RemainingMedian);
    }

    [Fact]
    public void An_initial_application_in_review_waits_for_conditional_approval_whatever_renewals_do()
    {
        var estimate = StatsCalculator.Estimate(UniformWaits(), Pending(Today.AddDays(-10)), Today);

        Assert.False(estimate.SkipsConditional);
        Assert.Equal(Stage.AppliedToConditional, estimate.Stage);
    }

    [Fact]
    public void A_booked_interview_is_reported_as_scheduled()
    {
        var booked = Today.AddDays(20);
        var me = Case(new Timeline(Today.AddDays(-200), Conditional: Today.AddDays(-50), InterviewCa: booked, InterviewUs: booked));

        var estimate = StatsCalculator.Estimate(UniformWaits(), me, Today);

        Assert.Equal(EstimateKind.Scheduled, estimate.Kind);
        Assert.Equal(Stage.ConditionalToInterview, estimate.Stage);
        Assert.Equal(booked, estimate.ScheduledDate);
    }

    [Fact]
    public void A_booked_interview_gets_the_waits_of_the_steps_after_it()
    {
        // 6 cases: interview to approval 0, 0, 0, 2, 4, 6 days; approval to card 10..15 days.
        var cases = new List<CaseFacts>();
        int[] approvalWaits = [0, 0, 0, 2, 4, 6];
        for (var i = 0; i < approvalWaits.Length; i++)
        {
            var interview = Today.AddDays(-100);
            var approved = interview.AddDays(approvalWaits[i]);
            cases.Add(Case(new Timeline(Today.AddDays(-300), Today.AddDays(-200), interview, interview, approved, approved.AddDays(10 + i))));
        }

        var booked = Today.AddDays(20);
        var me = Case(new Timeline(Today.AddDays(-200), Conditional: Today.AddDays(-50), InterviewCa: booked, InterviewUs: booked));

        var estimate = StatsCalculator.Estimate(cases, me, Today);

        Assert.Equal(EstimateKind.Scheduled, estimate.Kind);
        // Half the approvals came the same day and the curve sits at exactly one half until day 2, so the median
        // is that interval's midpoint, 1 day; likewise the card's median is 12.5 days (between 12 and 13).
        Assert.Equal(new AfterInterview(WaitQuantile.Exactly(1), WaitQuantile.Exactly(4), WaitQuantile.Exactly(12.5), WaitQuantile.Exactly(14)), estimate.AfterInterview);
    }

    [Fact]
    public void Each_position_estimates_the_next_stage()
    {
        var interviewed = Today.AddDays(-3);
        Assert.Equal(Stage.InterviewToApproved, StatsCalculator.Estimate([], Case(new Timeline(Today.AddDays(-200), Today.AddDays(-100), interviewed, interviewed)), Today).Stage);
        Assert.Equal(Stage.ApprovedToCard, StatsCalculator.Estimate([], Case(new Timeline(Today.AddDays(-200), Approved: Today.AddDays(-3))), Today).Stage);
        Assert.Equal(Stage.ConditionalToInterview, StatsCalculator.Estimate([], Case(new Timeline(Today.AddDays(-200), Today.AddDays(-100))), Today).Stage);
        Assert.Equal(EstimateKind.Complete, StatsCalculator.Estimate([], Case(new Timeline(Today.AddDays(-200), Approved: Today.AddDays(-30), Card: Today.AddDays(-3))), Today).Kind);
        Assert.Equal(EstimateKind.Denied, StatsCalculator.Estimate([], Case(new Timeline(Today.AddDays(-200), Denied: Today.AddDays(-3))), Today).Kind);
    }
}
