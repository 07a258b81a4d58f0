using Nexus.Domain.Statistics;

namespace Nexus.Domain.Tests.Statistics;

public sealed class WaitTextTests
{
    [Theory]
    [InlineData(0, "0 days")]
    [InlineData(1, "1 day")]
    [InlineData(3, "3 days")]
    [InlineData(13, "13 days")]
    [InlineData(14, "2 weeks")]
    [InlineData(49, "7 weeks")]
    [InlineData(52, "7 weeks")]
    [InlineData(90, "13 weeks")]
    [InlineData(91, "3 months")]
    [InlineData(152, "5 months")]
    [InlineData(365, "12 months")]
    public void Waits_are_written_in_days_then_weeks_then_months(int days, string expected) =>
        Assert.Equal(expected, WaitText.Days(days));

    [Theory]
    [InlineData(10, "more than 10 days")]
    [InlineData(52, "more than 7 weeks")]
    [InlineData(55, "more than 7 weeks")] // 7.9 weeks: rounding up to 8 would overstate the bound
    [InlineData(120, "more than 3 months")]
    public void Lower_bounds_say_more_than_and_round_down(int days, string expected) =>
        Assert.Equal(expected, WaitText.MoreThan(days));

    [Fact]
    public void A_quantile_is_written_with_more_than_only_when_it_is_a_bound()
    {
        Assert.Equal("7 weeks", WaitText.Format(WaitQuantile.Exactly(49)));
        Assert.Equal("more than 7 weeks", WaitText.Format(WaitQuantile.Exceeds(49)));
        Assert.Equal("7 weeks", WaitQuantile.Exactly(49).ToString());
    }

    [Fact]
    public void No_wait_reads_same_day()
    {
        Assert.Equal("same day", WaitText.Format(WaitQuantile.Exactly(0)));
        Assert.Equal("same day", WaitText.Range(WaitQuantile.Exactly(0), WaitQuantile.Exactly(0), WaitUnit.Days));
        Assert.Equal("more than 0 days", WaitText.Format(WaitQuantile.Exceeds(0)));
    }

    [Fact]
    public void A_more_than_bound_never_reads_smaller_as_it_grows()
    {
        // Compared in days: what each text claims ("more than 12 weeks" claims 84 days).
        var previous = 0.0;
        for (var days = 0; days <= 800; days++)
        {
            var bound = WaitQuantile.Exceeds(days);
            var unit = WaitText.UnitOf(bound);
            var claimed = WaitText.Count(days, unit, roundDown: true) * (unit switch { WaitUnit.Days => 1, WaitUnit.Weeks => 7, _ => WaitText.DaysPerMonth });

            Assert.True(claimed >= previous, $"{days} days: {WaitText.Format(bound)} claims {claimed}, less than {previous}");
            Assert.True(claimed <= days, $"{days} days: {WaitText.Format(bound)} claims more than is known");
            previous = claimed;
        }

        Assert.Equal("more than 12 weeks", WaitText.MoreThan(90));
        Assert.Equal("more than 13 weeks", WaitText.MoreThan(91));
        Assert.Equal("more than 3 months", WaitText.MoreThan(92));
    }

    [Theory]
    [InlineData(49, false, 126, false, WaitUnit.Weeks, "7–18 weeks")]
    [InlineData(49, false, 210, true, WaitUnit.Weeks, "7–30+ weeks")]
    [InlineData(62, false, 64, false, WaitUnit.Weeks, "about 9 weeks")]
    [InlineData(40, false, 152, false, WaitUnit.Months, "1–5 months")]
    [InlineData(0, false, 3, false, WaitUnit.Days, "0–3 days")]
    [InlineData(7, false, 7, false, WaitUnit.Weeks, "about 1 week")]
    public void A_range_is_written_in_one_unit(double low, bool lowMore, double high, bool highMore, WaitUnit unit, string expected) =>
        Assert.Equal(expected, WaitText.Range(new WaitQuantile(low, lowMore), new WaitQuantile(high, highMore), unit));

    [Fact]
    public void A_half_day_median_rounds_like_any_wait()
    {
        Assert.Equal("6 months", WaitText.Format(WaitQuantile.Exactly(170.5)));
        Assert.Equal("3 days", WaitText.Format(WaitQuantile.Exactly(2.5)));
    }
}
