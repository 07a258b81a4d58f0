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
        Assert.Equal(Today.AddDays(11), estimate.MostLikelyDate);
        Assert.Equal(Today.AddDays(6), estimate.EarliestLikelyDate);
        Assert.Equal(Today.AddDays(16), estimate.LatestLikelyDate);
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
        Assert.Null(estimate.MostLikelyDate);
    }

    [Fact]
    public void Waiting_longer_than_almost_everyone_gives_not_enough_data()
    {
        // Only 3 comparable cases finished after more than 117 days: below the threshold of 5.
        var me = Pending(Today.AddDays(-117));

        var estimate = StatsCalculator.Estimate(UniformWaits(), me, Today);

        Assert.Equal(EstimateKind.NotEnoughData, estimate.Kind);
        Assert.Equal(3, estimate.BasedOnCases);
        Assert.Equal("not enough data yet", WaitText.Describe(estimate));
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
        Assert.Equal("interview booked for 5 July 2026", WaitText.Describe(estimate));
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
