using Nexus.Domain.Statistics;

namespace Nexus.Domain.Tests.Statistics;

public sealed class KaplanMeierCurveTests
{
    private static KaplanMeierCurve Curve(params (int Days, bool Finished)[] observations) =>
        KaplanMeierCurve.FromObservations(observations);

    [Fact]
    public void Ties_and_a_censoring_on_the_day_of_events_follow_the_hand_computation()
    {
        // Finished: 2, 3, 3, 6, 9. Still waiting (censored): 3, 5, 8. n = 8.
        //   day 2: at risk 8, 1 finishes   S = 7/8               = 0.875
        //   day 3: at risk 7 (the case censored on day 3 is still at risk: events before censorings),
        //          2 finish                S = 0.875 * 5/7       = 0.625
        //          then 3 leave (2 finished + 1 censored): 4 at risk
        //   day 5: 1 censored, 3 at risk after
        //   day 6: at risk 3, 1 finishes   S = 0.625 * 2/3       = 0.41667
        //   day 8: 1 censored, 1 at risk after
        //   day 9: at risk 1, 1 finishes   S = 0
        // p25: first S <= 0.75 is day 3; median: first S <= 0.5 is day 6; p75: first S <= 0.25 is day 9.
        // (Censoring before the event on day 3 would give 0.875 * 4/6 = 0.5833 there instead.)
        var curve = Curve((2, true), (3, true), (3, true), (3, false), (5, false), (6, true), (8, false), (9, true));

        Assert.Equal(0.875, curve.SurvivalAfter(2), 12);
        Assert.Equal(0.625, curve.SurvivalAfter(3), 12);
        Assert.Equal(0.625, curve.SurvivalAfter(5), 12);
        Assert.Equal(0.625 * 2 / 3, curve.SurvivalAfter(6), 12);
        Assert.Equal(0.0, curve.SurvivalAfter(9), 12);
        Assert.Equal(WaitQuantile.Exactly(3), curve.Quantile(0.25));
        Assert.Equal(WaitQuantile.Exactly(6), curve.Quantile(0.5));
        Assert.Equal(WaitQuantile.Exactly(9), curve.Quantile(0.75));
        Assert.Equal(8, curve.Observations);
        Assert.Equal(5, curve.Finished);
        Assert.Equal(3, curve.Censored);
        Assert.Equal(4, curve.AtRiskOn(5));
    }

    [Fact]
    public void A_curve_sitting_exactly_on_one_half_takes_the_midpoint_of_that_stretch()
    {
        // Finished 1, 2, 3, 4 with no censoring: S = 3/4, 2/4, 1/4, 0. S sits at 0.5 exactly from day 2
        // until it falls on day 3, so the median is 2.5, the sample median of 1, 2, 3, 4; likewise p25 is
        // 1.5 (S = 0.75 from day 1 to 2) and p75 3.5.
        var curve = Curve((1, true), (2, true), (3, true), (4, true));

        Assert.Equal(WaitQuantile.Exactly(1.5), curve.Quantile(0.25));
        Assert.Equal(WaitQuantile.Exactly(2.5), curve.Quantile(0.5));
        Assert.Equal(WaitQuantile.Exactly(3.5), curve.Quantile(0.75));
    }

    [Fact]
    public void All_censored_gives_more_than_the_longest_wait_for_every_quantile()
    {
        var curve = Curve((10, false), (20, false), (30, false));

        Assert.Equal(WaitQuantile.Exceeds(30), curve.Quantile(0.25));
        Assert.Equal(WaitQuantile.Exceeds(30), curve.Quantile(0.5));
        Assert.Equal(1.0, curve.SurvivalAfter(30));
        Assert.Equal(0, curve.Finished);
    }

    [Fact]
    public void A_curve_that_stops_above_one_half_reports_more_than_the_longest_wait_seen()
    {
        // Finished 1 and 2, six still waiting at 10 days. S(1) = 7/8, S(2) = 7/8 * 6/7 = 0.75, then flat.
        // S sits at 0.75 from day 2 to the end, so p25 is the midpoint of days 2 and 10 (as R has it); the
        // median is never reached: "more than 10 days", not a guess.
        var curve = Curve((1, true), (2, true), (10, false), (10, false), (10, false), (10, false), (10, false), (10, false));

        Assert.Equal(WaitQuantile.Exactly(6), curve.Quantile(0.25));
        Assert.Equal(WaitQuantile.Exceeds(10), curve.Quantile(0.5));
        Assert.Equal(10, curve.LongestObservedDays);
    }

    [Fact]
    public void No_observations_give_no_quantile()
    {
        var curve = KaplanMeierCurve.FromCounts([], []);

        Assert.Null(curve.Quantile(0.5));
        Assert.Null(curve.Remaining(0.5, 0));
        Assert.Equal(-1, curve.LongestObservedDays);
    }

    [Fact]
    public void Remaining_wait_is_read_from_the_curve_conditional_on_the_wait_so_far()
    {
        // Finished 10, 20, ..., 100 (ten cases): S drops by 0.1 every ten days; S(50) = 0.5 until day 60,
        // so the median is 55, the sample median.
        // Waited 55 days: S(55) = 0.5 (60..100 remain). Half of those are done when S <= 0.25:
        // S(70) = 0.3, S(80) = 0.2, so day 80, 25 more days. Hand check: of 60, 70, 80, 90, 100 the median is 80.
        // Waited exactly 50 days and not done: the case finishing on day 50 is not like this one,
        // so S(50) = 0.5 again and the answer is day 80, 30 more days.
        var curve = Curve([.. Enumerable.Range(1, 10).Select(i => (i * 10, true))]);

        Assert.Equal(WaitQuantile.Exactly(55), curve.Quantile(0.5));
        Assert.Equal(WaitQuantile.Exactly(25), curve.Remaining(0.5, 55));
        Assert.Equal(WaitQuantile.Exactly(30), curve.Remaining(0.5, 50));
        // 25% of the remaining (S <= 0.375): day 70, 15 more days; 75% (S <= 0.125): day 90, 35 more.
        Assert.Equal(WaitQuantile.Exactly(15), curve.Remaining(0.25, 55));
        Assert.Equal(WaitQuantile.Exactly(35), curve.Remaining(0.75, 55));
        Assert.Equal(WaitQuantile.Exactly(55), curve.Remaining(0.5, 0));
    }

    [Fact]
    public void Remaining_wait_past_everything_observed_is_unknown()
    {
        var curve = Curve((10, true), (20, true), (30, false));

        Assert.Null(curve.Remaining(0.5, 30));
        Assert.Null(curve.Remaining(0.5, 45));
    }

    [Fact]
    public void Counting_builds_the_same_curve_as_individual_observations()
    {
        // events[t] and censored[t] per day, same data as the hand-computed example above.
        int[] events = [0, 0, 1, 2, 0, 0, 1, 0, 0, 1, 0, 0];
        int[] censored = [0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0];

        var curve = KaplanMeierCurve.FromCounts(events, censored);

        Assert.Equal(9, curve.LongestObservedDays);
        Assert.Equal(0.625, curve.SurvivalAfter(4), 12);
        Assert.Equal(WaitQuantile.Exactly(6), curve.Quantile(0.5));
    }
}
