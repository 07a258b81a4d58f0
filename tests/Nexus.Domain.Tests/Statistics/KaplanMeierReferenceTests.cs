using Xunit.Abstractions;
using Nexus.Domain.Statistics;

namespace Nexus.Domain.Tests.Statistics;

/// <summary>
/// Quantiles and their 95% intervals against R's <c>survival</c> package (3.5-3):
/// <c>quantile(survfit(Surv(t, e) ~ 1, conf.type = "log-log"), c(.25, .5, .75))</c>, run once by hand and
/// written here as fixed numbers (R is not needed to run these tests). Where R answers NA ("not reached"),
/// Nexus answers "more than X" instead, X being the longest wait at least 5 cases reached.
/// </summary>
public sealed class KaplanMeierReferenceTests(ITestOutputHelper output)
{
    private static KaplanMeierCurve Curve(int[] days, int[] finished) =>
        KaplanMeierCurve.FromObservations(days.Zip(finished, (d, f) => (d, f == 1)));

    private static KaplanMeierCurve AllFinished(params int[] days) => Curve(days, [.. days.Select(_ => 1)]);

    [Fact]
    public void With_nobody_waiting_the_quartiles_are_those_of_R_and_the_median_is_the_sample_median()
    {
        // 20 finished waits; the sample median is (150 + 191) / 2 = 170.5.
        // R: quantile 83.5 170.5 260; lower 12 77 191; upper 133 250 330.
        var curve = AllFinished(12, 25, 40, 58, 77, 90, 101, 120, 133, 150, 191, 204, 220, 236, 250, 270, 288, 301, 330, 365);

        Assert.Equal(WaitQuantile.Exactly(83.5), curve.Quantile(0.25));
        Assert.Equal(WaitQuantile.Exactly(170.5), curve.Quantile(0.5));
        Assert.Equal(WaitQuantile.Exactly(260), curve.Quantile(0.75));
        Assert.Equal(new WaitInterval(WaitQuantile.Exactly(12), WaitQuantile.Exactly(133)), curve.QuantileInterval(0.25));
        Assert.Equal(new WaitInterval(WaitQuantile.Exactly(77), WaitQuantile.Exactly(250)), curve.QuantileInterval(0.5));
        Assert.Equal(new WaitInterval(WaitQuantile.Exactly(191), WaitQuantile.Exactly(330)), curve.QuantileInterval(0.75));
    }

    [Fact]
    public void Four_cases_at_30_days_and_four_at_200_have_a_median_halfway_between()
    {
        // R: quantile 30 115 200, lower 30 30 30. R leaves the upper ends undefined (the curve reaches 0 at
        // day 200, where the log(−log) band is not defined); Nexus closes the band at 0 there, so they are 200.
        var curve = AllFinished(30, 30, 30, 30, 200, 200, 200, 200);

        Assert.Equal(WaitQuantile.Exactly(30), curve.Quantile(0.25));
        Assert.Equal(WaitQuantile.Exactly(115), curve.Quantile(0.5));
        Assert.Equal(WaitQuantile.Exactly(200), curve.Quantile(0.75));
        Assert.Equal(new WaitInterval(WaitQuantile.Exactly(30), WaitQuantile.Exactly(200)), curve.QuantileInterval(0.5));
    }

    [Fact]
    public void Censored_waits_and_ties_match_R()
    {
        // R: quantile 15 30 50; lower 5 12 30; upper 30 NA NA.
        int[] days = [5, 8, 8, 12, 15, 15, 20, 22, 22, 30, 35, 40, 41, 50, 60];
        int[] done = [1, 1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 0];
        var curve = Curve(days, done);

        Assert.Equal(WaitQuantile.Exactly(15), curve.Quantile(0.25));
        Assert.Equal(WaitQuantile.Exactly(30), curve.Quantile(0.5));
        Assert.Equal(WaitQuantile.Exactly(50), curve.Quantile(0.75));
        Assert.Equal(new WaitInterval(WaitQuantile.Exactly(5), WaitQuantile.Exactly(30)), curve.QuantileInterval(0.25));
        // NA in R: the upper band never reaches one half. The five longest waits are 60, 50, 41, 40 and 35.
        Assert.Equal(new WaitInterval(WaitQuantile.Exactly(12), WaitQuantile.Exceeds(35)), curve.QuantileInterval(0.5));
    }

    [Fact]
    public void A_curve_that_ends_exactly_on_one_half_takes_the_midpoint_up_to_the_longest_wait()
    {
        // Finished 10, 20, 30, 40; four still waiting at 50. S = 0.5 from day 40 to the end (day 50).
        // R: quantile 25 45 NA; lower 10 10 30.
        var curve = Curve([10, 20, 30, 40, 50, 50, 50, 50], [1, 1, 1, 1, 0, 0, 0, 0]);

        Assert.Equal(WaitQuantile.Exactly(25), curve.Quantile(0.25));
        Assert.Equal(WaitQuantile.Exactly(45), curve.Quantile(0.5));
        // Five cases waited 40 days or more (40 and the four at 50): "more than 40 days".
        Assert.Equal(WaitQuantile.Exceeds(40), curve.Quantile(0.75));
        Assert.Equal(WaitQuantile.Exactly(10), curve.QuantileInterval(0.5)!.Low);
    }

    [Fact]
    public void A_mid_sized_censored_cohort_matches_R_with_its_intervals()
    {
        // R: quantile 29 58 90; lower 3 29 61; upper 44 90 NA.
        int[] days = [3, 7, 9, 14, 14, 18, 21, 25, 29, 33, 33, 38, 44, 47, 52, 58, 61, 66, 70, 75, 81, 90, 95, 101, 120];
        int[] done = [1, 1, 1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 0];
        var curve = Curve(days, done);

        Assert.Equal(WaitQuantile.Exactly(29), curve.Quantile(0.25));
        Assert.Equal(WaitQuantile.Exactly(58), curve.Quantile(0.5));
        Assert.Equal(WaitQuantile.Exactly(90), curve.Quantile(0.75));
        Assert.Equal(new WaitInterval(WaitQuantile.Exactly(3), WaitQuantile.Exactly(44)), curve.QuantileInterval(0.25));
        Assert.Equal(new WaitInterval(WaitQuantile.Exactly(29), WaitQuantile.Exactly(90)), curve.QuantileInterval(0.5));
        Assert.Equal(WaitQuantile.Exactly(61), curve.QuantileInterval(0.75)!.Low);
    }

    [Fact]
    public void One_forgotten_case_does_not_set_the_more_than_bound()
    {
        // The 16-case example: 5 finished at 10 days, 10 still waiting 41–50 days, and one case started
        // 487 days (16 months) ago that nobody updated. S = 11/16 after day 10 and never reaches one half.
        // The bound is the longest wait at least 5 cases reached: 47 days (47, 48, 49, 50 and the 487).
        int[] days = [10, 10, 10, 10, 10, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 487];
        int[] done = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        var curve = Curve(days, done);

        var median = curve.Quantile(0.5);

        Assert.Equal(WaitQuantile.Exceeds(47), median);
        Assert.Equal("more than 6 weeks", WaitText.Format(median!));
        // Without the forgotten case the bound is 46 days (46–50): the one case moved it by a day, not by 14 months.
        var without = Curve(days[..^1], done[..^1]);
        Assert.Equal(WaitQuantile.Exceeds(46), without.Quantile(0.5));
    }

    [Fact]
    public void The_more_than_bound_never_shrinks_as_everyone_keeps_waiting()
    {
        // The same cohort seen on 400 consecutive days: every waiting case waits one day more each day.
        int[] start = [41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 487];
        var previous = 0.0;
        for (var day = 0; day < 400; day++)
        {
            var observations = Enumerable.Repeat((10, true), 5).Concat(start.Select(s => (s + day, false)));
            var median = KaplanMeierCurve.FromObservations(observations).Quantile(0.5)!;

            Assert.True(median.MoreThan);
            Assert.True(median.Days >= previous, $"day {day}: {median.Days} after {previous}");
            previous = median.Days;
        }
    }

    [Fact]
    public void The_95_percent_interval_covers_the_true_median_in_at_least_90_percent_of_200_cohorts()
    {
        // 200 synthetic cohorts of 100 cases, seeded: exponential waits with a true median of 60.5 days,
        // counted in whole days (so the true median of the day counts is 60), and uniform censoring
        // (still waiting) tuned per cohort to between 35% and 55%; a cohort whose censoring falls outside
        // 30–60% is drawn again, so all 200 are within it.
        var random = new Random(20261202);
        const double trueMedian = 60.5;
        const int trueDays = 60;
        var rate = Math.Log(2) / trueMedian;
        var covered = 0;
        for (var cohort = 0; cohort < 200; cohort++)
        {
            var observations = Cohort(random, rate);
            while (observations.Count(o => !o.Finished) is < 30 or > 60)
            {
                observations = Cohort(random, rate);
            }

            var interval = KaplanMeierCurve.FromObservations(observations).QuantileInterval(0.5)!;
            var lowOk = interval.Low.MoreThan ? interval.Low.Days < trueDays : interval.Low.Days <= trueDays;
            var highOk = interval.High.MoreThan || interval.High.Days >= trueDays;
            if (lowOk && highOk)
            {
                covered++;
            }
        }

        output.WriteLine($"The interval covered the true median in {covered} of 200 cohorts.");
        Assert.True(covered >= 180, $"covered {covered} of 200");
        Assert.True(covered < 200, "an interval that always covers says nothing: it should miss about 5% of the time");
    }

    private static List<(int Days, bool Finished)> Cohort(Random random, double rate)
    {
        var limit = CensoringLimit(rate, 0.35 + (0.2 * random.NextDouble()));
        var observations = new List<(int Days, bool Finished)>(100);
        for (var i = 0; i < 100; i++)
        {
            var wait = -Math.Log(1 - random.NextDouble()) / rate;
            var seen = random.NextDouble() * limit;
            observations.Add(wait <= seen ? ((int)wait, true) : ((int)seen, false));
        }

        return observations;
    }

    // The upper end of uniform censoring times that censors `share` of exponential waits:
    // P(wait > C) = (1 − e^(−λc)) / (λc), solved for c by bisection (it falls as c grows).
    private static double CensoringLimit(double rate, double share)
    {
        double low = 1e-6, high = 1e6;
        for (var i = 0; i < 200; i++)
        {
            var mid = (low + high) / 2;
            var censored = (1 - Math.Exp(-rate * mid)) / (rate * mid);
            if (censored > share)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return (low + high) / 2;
    }
}
