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

    [Theory]
    [InlineData(9, false, "9 d")]
    [InlineData(63, false, "9 wk")]
    [InlineData(100, true, ">14 wk")]
    public void The_compact_form_for_charts_uses_days_or_weeks(int days, bool moreThan, string expected) =>
        Assert.Equal(expected, WaitText.Compact(new WaitQuantile(days, moreThan)));
}
