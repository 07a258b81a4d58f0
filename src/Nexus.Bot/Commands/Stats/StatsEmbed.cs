using System.Globalization;
using Nexus.Bot.Commands.Common;
using Nexus.Discord.Models;
using Nexus.Domain.Cases;
using Nexus.Domain.Common;
using Nexus.Domain.Statistics;

namespace Nexus.Bot.Commands.Stats;

/// <summary>
/// Builds the <c>/stats</c> embed for a phone: "now processing" as the description, one compact block per
/// stage with enough data ("**10 weeks** · most 7–18 weeks" and the counts), one line for the stages
/// without, the chart as the embed's image, and the filters with the method in the footer. Without a chart
/// the text trend takes its place, when at least 3 months have data.
/// </summary>
public static class StatsEmbed
{
    /// <summary>The embed; <paramref name="chartFile"/> is the name of the chart sent with it, or null for none.</summary>
    public static Embed Build(StatsReport report, EnrolmentCentres centres, string? chartFile = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(centres);
        var ready = report.Stages.Where(s => s.HasEnoughData && s.Median is not null).ToList();
        var fields = ready.Select(s => new EmbedField(s.Stage.Display(), StageText(s))).ToList();

        var lines = new List<string>();
        if (NowProcessingText(report.NowProcessing) is { } now)
        {
            lines.Add(now);
        }

        if (ready.Count == 0)
        {
            lines.Add(NotEnoughText(report));
        }
        else if (ready.Count < report.Stages.Count)
        {
            var missing = report.Stages.Where(s => !ready.Contains(s)).Select(s => s.Stage.Display());
            lines.Add($"Too few finished cases yet for {string.Join(", ", missing)}.");
        }

        if (chartFile is null && TrendText.Render(report.Trend) is { } trend)
        {
            fields.Add(new EmbedField(TrendText.Title, trend));
        }

        return new Embed
        {
            Title = "How long NEXUS takes here",
            Description = lines.Count == 0 ? null : string.Join('\n', lines),
            Color = EmbedColours.Neutral,
            Fields = fields,
            Image = chartFile is null ? null : EmbedImage.Attachment(chartFile),
            Footer = new EmbedFooter(EmbedLimits.Fit(FooterText(report, centres), EmbedLimits.Footer)),
        };
    }

    /// <summary>
    /// One stage in two short lines, every wait of a line in the median's unit: "**10 weeks** · most 7–18
    /// weeks", with "(uncertain: 5–10 months)" when the median's 95% interval is wide, then the counts and
    /// the labelled average of finished cases.
    /// </summary>
    public static string StageText(StageStats stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        if (stage.Median is not { } median)
        {
            return string.Create(CultureInfo.InvariantCulture, $"Too few finished cases yet · {stage.Finished} done, {stage.StillWaiting} waiting");
        }

        var unit = WaitText.UnitOf(median);
        var headline = "**" + Capitalise(WaitText.Format(median, unit)) + "**";
        if (stage.MedianInterval is { } interval && IsWide(median, interval)
            && WaitText.Range(interval.Low, interval.High, unit) is var uncertain && uncertain.Contains('–', StringComparison.Ordinal))
        {
            headline += $" (uncertain: {uncertain})";
        }

        if (stage.P25 is { } early && stage.P75 is { } late && !median.MoreThan)
        {
            var range = WaitText.Range(early, late, unit);
            if (range != WaitText.Format(median, unit) && range != "about " + WaitText.Format(median, unit))
            {
                headline += " · most " + range;
            }
        }

        // The average sits with the finished cases it is of: it leaves out everyone still waiting, so it is never
        // the expected wait. One line of about 36 characters, which a phone shows without wrapping.
        var counts = stage.AverageFinishedDays is { } average && stage.StillWaiting > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{stage.Finished} done (avg {WaitText.Format(WaitQuantile.Exactly(average), unit)}) · {stage.StillWaiting} waiting")
            : string.Create(CultureInfo.InvariantCulture, $"{stage.Finished} done, {stage.StillWaiting} waiting");

        return headline + "\n" + counts;
    }

    /// <summary>
    /// True when the median's 95% interval is worth showing: open-ended, or spanning at least half the
    /// median itself (about "7 months, but anywhere from 5 to 10").
    /// </summary>
    public static bool IsWide(WaitQuantile median, WaitInterval interval)
    {
        ArgumentNullException.ThrowIfNull(median);
        ArgumentNullException.ThrowIfNull(interval);
        var width = interval.High.Days - interval.Low.Days;
        return !median.MoreThan && (interval.High.MoreThan || (width > 0 && width >= median.Days / 2));
    }

    /// <summary>Which application months are getting conditional approvals lately, in one line; null without enough data.</summary>
    public static string? NowProcessingText(NowProcessing now)
    {
        ArgumentNullException.ThrowIfNull(now);
        if (!now.HasEnoughData || now.MedianApplicationMonth is not { } median)
        {
            return null;
        }

        var range = now is { EarliestApplicationMonth: { } first, LatestApplicationMonth: { } last } && first != last
            ? $" ({ShortMonth(first)}–{ShortMonth(last)})"
            : string.Empty;
        return $"Now approving: mostly applications from **{Month(median)}** or earlier{range}.";
    }

    /// <summary>
    /// The one line for a filter where no stage has enough finished cases, suggesting the filters to widen:
    /// the period when one was chosen, then status and centre when given.
    /// </summary>
    public static string NotEnoughText(StatsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var filter = report.Filter;
        var wider = new List<string>();
        if (!filter.PeriodDefaulted)
        {
            wider.Add("`period:all`");
        }

        if (filter.Status is not null)
        {
            wider.Add("without `status`");
        }

        if (filter.CentreCode is not null)
        {
            wider.Add("without `centre`");
        }

        if (wider.Count == 0)
        {
            wider.Add("`period:all`");
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"Not enough finished cases for these filters yet (each stage needs {report.MinimumFinished}). Try {string.Join(" or ", wider)}.");
    }

    /// <summary>What the figures cover (the number of cases and every filter, defaults included) and how they are computed.</summary>
    public static string FooterText(StatsReport report, EnrolmentCentres centres)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(centres);
        var filter = report.Filter;
        var cases = report.Stages.Count == 0 ? 0 : report.Stages.Max(s => s.Cases);
        var type = filter.Type == ApplicationType.Renewal ? "renewals" : "initial applications";
        if (filter.TypeDefaulted)
        {
            type += " (add type:renewal for renewals)";
        }

        var centre = filter.CentreCode is null ? "all centres" : centres.Find(filter.CentreCode)?.Name ?? filter.CentreCode;
        var scope = string.Join(
            " · ",
            Quantity.Of("case", cases),
            type,
            filter.Status?.Display() ?? "all statuses",
            centre,
            $"applied {ShortDate(filter.AppliedSince)} to {ShortDate(filter.AppliedUntil)}");
        return scope + "\nBold: the median, counting people still waiting. Most: the middle half.";
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Month(DateOnly month) => month.ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    private static string ShortMonth(DateOnly month) => month.ToString("MMM yyyy", CultureInfo.InvariantCulture);

    private static string ShortDate(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
