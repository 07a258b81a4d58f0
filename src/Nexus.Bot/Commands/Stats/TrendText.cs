using System.Globalization;
using System.Text;
using Nexus.Bot.Localization;
using Nexus.Domain.Statistics;

namespace Nexus.Bot.Commands.Stats;

/// <summary>
/// The trend as a text bar chart in a code block, for when no chart image can be drawn: one short line per
/// application month that has a median, narrow enough not to wrap on a phone (at most
/// <see cref="MaxLineLength"/> characters), every value in one unit.
/// </summary>
/// <example>
/// <code>
/// Dec 25 ███████▌   9 wk
/// Jan 26 ██████████ >12 wk
/// </code>
/// </example>
public static class TrendText
{
    /// <summary>The field's name, in the current language.</summary>
    public static string Title => Strings.Stats_TrendTitle;

    /// <summary>Fewer months with a median than this and there is no trend worth drawing.</summary>
    public const int MinimumMonths = 3;

    /// <summary>Width of the bar area, in characters.</summary>
    public const int BarWidth = 10;

    /// <summary>The longest line: a 6-character month, the bar and a value such as "&gt;12 mo", with spaces.</summary>
    public const int MaxLineLength = 26;

    private const string Fence = "```";

    // Eighths of a block, so a bar's length is drawn to 1/8 of a character.
    private static readonly char[] Partial = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

    /// <summary>
    /// The chart as a code block (well within an embed field's 1,024 characters), or null when fewer than
    /// <see cref="MinimumMonths"/> months have a median. Months without one are left out. The bars share a
    /// scale that runs to a round number at or above the longest median (a "more than X" month drawn to X and
    /// marked "&gt;"), so no bar is stretched to fill the width on its own.
    /// </summary>
    public static string? Render(IReadOnlyList<TrendPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var shown = points.Where(p => p.Median is not null).ToList();
        if (shown.Count < MinimumMonths)
        {
            return null;
        }

        var longest = shown.Max(p => p.Median!.Days);
        var unit = WaitText.UnitOf(WaitQuantile.Exactly(longest));
        var scale = ScaleEnd(longest, unit);
        var text = new StringBuilder();
        text.Append(Fence).Append('\n');
        foreach (var point in shown)
        {
            var median = point.Median!;
            text.Append(point.Month.ToString("MMM yy", Languages.Current))
                .Append(' ')
                .Append(Bar(median.Days, scale))
                .Append(' ')
                .Append(Value(median, unit))
                .Append('\n');
        }

        return text.Append(Fence).ToString();
    }

    // The end of the scale: the longest median rounded up to whole steps of the unit (a week, four weeks, three months).
    private static double ScaleEnd(double longest, WaitUnit unit)
    {
        var step = unit switch
        {
            WaitUnit.Days => 7.0,
            WaitUnit.Weeks => 28.0,
            _ => 3 * WaitText.DaysPerMonth,
        };
        return Math.Max(step, Math.Ceiling(longest / step) * step);
    }

    private static string Value(WaitQuantile median, WaitUnit unit)
    {
        var count = WaitText.Count(median.Days, unit, median.MoreThan);
        var value = Text.Format(unit switch
        {
            WaitUnit.Days => Strings.Trend_Days,
            WaitUnit.Weeks => Strings.Trend_Weeks,
            _ => Strings.Trend_Months,
        }, count);
        return (median.MoreThan ? ">" : string.Empty) + value;
    }

    private static string Bar(double days, double scale)
    {
        var eighths = (int)Math.Round(days * BarWidth * 8 / scale, MidpointRounding.AwayFromZero);
        var full = Math.Min(eighths / 8, BarWidth);
        var bar = new StringBuilder(BarWidth);
        bar.Append('█', full);
        if (full < BarWidth && eighths % 8 > 0)
        {
            bar.Append(Partial[eighths % 8]);
        }

        return bar.ToString().PadRight(BarWidth);
    }
}
