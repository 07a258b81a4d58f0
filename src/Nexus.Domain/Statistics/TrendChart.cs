using System.Globalization;
using System.Text;

namespace Nexus.Domain.Statistics;

/// <summary>
/// Draws the trend as a text bar chart inside a code block, for an embed field (no chart library here).
/// One line per month: label, bar of block characters, value.
/// </summary>
/// <example>
/// <code>
/// Dec 2025 ████████████▌        9 wk
/// Jan 2026 ████████████████████ >14 wk
/// Feb 2026                      not enough data
/// </code>
/// </example>
public static class TrendChart
{
    /// <summary>Discord's limit for an embed field value, which the whole block (fences included) stays within.</summary>
    public const int MaxLength = 1024;

    /// <summary>Width of the longest bar, in characters.</summary>
    public const int BarWidth = 20;

    private const string Fence = "```";
    private const string NoData = "not enough data";

    // Eighths of a block, so a bar's length is drawn to 1/8 of a character.
    private static readonly char[] Partial = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

    /// <summary>
    /// The chart as a code block of at most <see cref="MaxLength"/> characters. Bars are scaled to the
    /// longest wait shown; a "more than X" month is drawn to X and marked with "&gt;". If the points
    /// would not fit, the oldest months are left out.
    /// </summary>
    public static string Render(IReadOnlyList<TrendPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var longest = 0;
        foreach (var point in points)
        {
            if (point.Median is { } median)
            {
                longest = Math.Max(longest, median.Days);
            }
        }

        var lines = new List<string>(points.Count);
        foreach (var point in points)
        {
            lines.Add(Line(point, longest));
        }

        // Fixed-width parts make 12 months take well under half the limit; the loop guards any longer list.
        var length = Fence.Length + 1 + Fence.Length + lines.Sum(line => line.Length + 1);
        var first = 0;
        while (length > MaxLength && first < lines.Count)
        {
            length -= lines[first].Length + 1;
            first++;
        }

        var text = new StringBuilder(length);
        text.Append(Fence).Append('\n');
        for (var i = first; i < lines.Count; i++)
        {
            text.Append(lines[i]).Append('\n');
        }

        return text.Append(Fence).ToString();
    }

    private static string Line(TrendPoint point, int longest)
    {
        var label = point.Month.ToString("MMM yyyy", CultureInfo.InvariantCulture);
        if (point.Median is not { } median)
        {
            return string.Concat(label, " ", new string(' ', BarWidth), " ", NoData);
        }

        return string.Concat(label, " ", Bar(median.Days, longest), " ", WaitText.Compact(median));
    }

    private static string Bar(int days, int longest)
    {
        if (longest == 0)
        {
            return new string(' ', BarWidth);
        }

        var eighths = (int)Math.Round((double)days * BarWidth * 8 / longest, MidpointRounding.AwayFromZero);
        var full = eighths / 8;
        var bar = new StringBuilder(BarWidth);
        bar.Append('█', full);
        if (full < BarWidth)
        {
            bar.Append(Partial[eighths % 8]);
        }

        return bar.ToString().PadRight(BarWidth);
    }
}
