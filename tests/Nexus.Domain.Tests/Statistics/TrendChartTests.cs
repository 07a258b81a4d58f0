using Nexus.Domain.Statistics;

namespace Nexus.Domain.Tests.Statistics;

public sealed class TrendChartTests
{
    private static TrendPoint Point(int monthsAfterJuly2025, WaitQuantile? median) =>
        new(new DateOnly(2025, 7, 1).AddMonths(monthsAfterJuly2025), median, 10, 5, 5);

    [Fact]
    public void Bars_are_scaled_to_the_longest_median_and_bounds_are_marked()
    {
        var chart = TrendChart.Render([Point(0, WaitQuantile.Exactly(70)), Point(1, WaitQuantile.Exactly(35)), Point(2, WaitQuantile.Exceeds(70)), Point(3, null)]);

        var lines = chart.Split('\n');
        Assert.Equal("```", lines[0]);
        Assert.Equal("Jul 2025 " + new string('█', 20) + " 10 wk", lines[1]);
        Assert.Equal("Aug 2025 " + new string('█', 10) + new string(' ', 10) + " 5 wk", lines[2]);
        Assert.Equal("Sep 2025 " + new string('█', 20) + " >10 wk", lines[3]);
        Assert.Equal("Oct 2025 " + new string(' ', 20) + " not enough data", lines[4]);
        Assert.Equal("```", lines[5]);
    }

    [Fact]
    public void A_partial_block_shows_fractions_of_a_character()
    {
        // 45 of 80 days: 20 * 45 / 80 = 11.25 characters = 11 full blocks and a quarter block.
        var chart = TrendChart.Render([Point(0, WaitQuantile.Exactly(80)), Point(1, WaitQuantile.Exactly(45))]);

        Assert.Contains("Aug 2025 " + new string('█', 11) + "▎" + new string(' ', 8) + " 6 wk", chart, StringComparison.Ordinal);
    }

    [Fact]
    public void Twelve_months_of_the_widest_values_fit_an_embed_field()
    {
        var points = Enumerable.Range(0, 12).Select(i => Point(i, i % 2 == 0 ? WaitQuantile.Exceeds(99_999) : null)).ToList();

        var chart = TrendChart.Render(points);

        Assert.True(chart.Length <= TrendChart.MaxLength, $"{chart.Length} characters");
        Assert.Equal(12 + 2, chart.Split('\n').Length);
    }

    [Fact]
    public void Too_many_months_drop_the_oldest_to_stay_within_the_limit()
    {
        var points = Enumerable.Range(0, 200).Select(i => Point(i, WaitQuantile.Exceeds(99_999))).ToList();

        var chart = TrendChart.Render(points);

        Assert.True(chart.Length <= TrendChart.MaxLength, $"{chart.Length} characters");
        Assert.StartsWith("```\n", chart, StringComparison.Ordinal);
        Assert.EndsWith("\n```", chart, StringComparison.Ordinal);
        Assert.Contains(points[^1].Month.ToString("MMM yyyy", System.Globalization.CultureInfo.InvariantCulture), chart, StringComparison.Ordinal);
        Assert.DoesNotContain("Jul 2025", chart, StringComparison.Ordinal);
    }

    [Fact]
    public void A_computed_trend_renders_within_the_limit()
    {
        var today = new DateOnly(2026, 6, 15);
        var cases = new List<Nexus.Domain.Cases.CaseFacts>();
        for (var month = 0; month < 12; month++)
        {
            for (var i = 0; i < 8; i++)
            {
                cases.Add(StatsCases.FinishedCa(today.AddMonths(-month - 6), 20 + (month * 15) + i));
            }
        }

        var report = StatsCalculator.Compute(cases, StatsFilter.Default, today);
        var chart = TrendChart.Render(report.Trend);

        Assert.True(chart.Length <= TrendChart.MaxLength);
        Assert.Equal(12, chart.Split('\n').Length - 2);
    }
}
