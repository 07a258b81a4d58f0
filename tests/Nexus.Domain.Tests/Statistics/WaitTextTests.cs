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

    [Fact]
    public void An_estimate_is_described_with_its_range_date_and_number_of_cases()
    {
        var estimate = new CaseEstimate(
            EstimateKind.Estimated, Stage.AppliedToConditional, 100, null,
            WaitQuantile.Exactly(40), WaitQuantile.Exactly(21), WaitQuantile.Exactly(63),
            new DateOnly(2027, 6, 12), new DateOnly(2027, 5, 24), new DateOnly(2027, 7, 4), 41, true);

        Assert.Equal("likely between 3 weeks and 9 weeks from now, most likely around 12 June 2027; based on 41 cases", WaitText.Describe(estimate));
    }

    [Fact]
    public void An_estimate_beyond_the_data_says_after_and_more_than()
    {
        var lateOnly = new CaseEstimate(
            EstimateKind.Estimated, Stage.AppliedToConditional, 100, null,
            WaitQuantile.Exceeds(30), WaitQuantile.Exactly(10), WaitQuantile.Exceeds(30),
            new DateOnly(2027, 7, 12), new DateOnly(2027, 6, 22), new DateOnly(2027, 7, 12), 12, false);
        var allBounds = lateOnly with { RemainingP25 = WaitQuantile.Exceeds(30) };

        Assert.Equal("likely between 10 days and more than 4 weeks from now, most likely after 12 July 2027; based on 12 cases", WaitText.Describe(lateOnly));
        Assert.Equal("most likely after 12 July 2027; based on 12 cases", WaitText.Describe(allBounds));
    }

    [Fact]
    public void An_estimate_without_data_says_so()
    {
        var estimate = new CaseEstimate(EstimateKind.NotEnoughData, Stage.AppliedToConditional, 100, null, null, null, null, null, null, null, 3, false);

        Assert.Equal("not enough data yet", WaitText.Describe(estimate));
    }
}
