using System.Globalization;
using Nexus.Bot.Commands.Common;
using Nexus.Discord.Models;
using Nexus.Domain.Common;
using Nexus.Domain.Cases;
using Nexus.Domain.Statistics;

namespace Nexus.Bot.Commands.Stats;

/// <summary>
/// Builds the <c>/stats</c> embed: per stage the median (the headline), the middle 50%, the average of
/// finished cases, and how many finished and are still waiting; then "now processing" and the trend chart.
/// The filters and the number of cases go in the footer.
/// </summary>
public static class StatsEmbed
{
    /// <summary>The embed.</summary>
    public static Embed Build(StatsReport report, EnrolmentCentres centres)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(centres);
        var fields = report.Stages.Select(s => new EmbedField(s.Stage.Display(), StageText(s, report.MinimumFinished))).ToList();
        fields.Add(new EmbedField("Now processing", NowProcessingText(report.NowProcessing, report.MinimumFinished)));
        fields.Add(new EmbedField("Trend: median wait for conditional approval, by application month", TrendChart.Render(report.Trend)));

        return new Embed
        {
            Title = "How long NEXUS takes here",
            Description = "The **median** is the headline: half of the cases waited less, half longer. It counts the cases still waiting too, "
                + "so a backlog shows up. The middle 50% is the range between the quickest and the slowest quarter.",
            Color = EmbedColours.Neutral,
            Fields = fields,
            Footer = new EmbedFooter(EmbedLimits.Fit(FooterText(report, centres), EmbedLimits.Footer)),
        };
    }

    /// <summary>One stage's figures, or "not enough data yet" with the counts so far.</summary>
    public static string StageText(StageStats stage, int minimumFinished)
    {
        ArgumentNullException.ThrowIfNull(stage);
        var counts = string.Create(CultureInfo.InvariantCulture, $"{stage.Finished} finished · {stage.StillWaiting} still waiting");
        if (!stage.HasEnoughData || stage.Median is null)
        {
            return string.Create(CultureInfo.InvariantCulture, $"Not enough data yet (needs {minimumFinished} finished cases)\n{counts}");
        }

        var lines = new List<string> { $"**Median: {WaitText.Format(stage.Median)}**" };
        if (stage.P25 is { } early && stage.P75 is { } late)
        {
            lines.Add($"Middle 50%: {WaitText.Format(early)} to {WaitText.Format(late)}");
        }

        if (stage.AverageFinishedDays is { } average)
        {
            lines.Add($"Average of finished cases: {WaitText.Days((int)Math.Round(average, MidpointRounding.AwayFromZero))}");
        }

        lines.Add(counts);
        return string.Join('\n', lines);
    }

    /// <summary>Which application months are getting conditional approvals lately.</summary>
    public static string NowProcessingText(NowProcessing now, int minimumFinished)
    {
        ArgumentNullException.ThrowIfNull(now);
        var approvals = Quantity.Of("conditional approval", now.ConditionalApprovals);
        if (!now.HasEnoughData || now.MedianApplicationMonth is not { } median)
        {
            return string.Create(CultureInfo.InvariantCulture, $"Not enough data yet: {approvals} in the last 30 days (needs {minimumFinished}).");
        }

        var range = now is { EarliestApplicationMonth: { } first, LatestApplicationMonth: { } last }
            ? $" (from {Month(first)} to {Month(last)})"
            : string.Empty;
        return $"The {approvals} of the last 30 days went mostly to applications from **{Month(median)}** or earlier{range}.";
    }

    /// <summary>What the figures cover: the number of cases and every filter, defaults included.</summary>
    public static string FooterText(StatsReport report, EnrolmentCentres centres)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(centres);
        var filter = report.Filter;
        var cases = report.Stages.Count == 0 ? 0 : report.Stages.Max(s => s.Cases);
        var type = filter.Type == ApplicationType.Renewal ? "renewals" : "initial applications";
        if (filter.TypeDefaulted)
        {
            type += " (renewals apart: add type:renewal)";
        }

        var centre = filter.CentreCode is null ? "all centres" : centres.Find(filter.CentreCode)?.Name ?? filter.CentreCode;
        return string.Join(
            " · ",
            "Based on " + Quantity.Of("case", cases),
            type,
            filter.Status?.Display() ?? "all statuses",
            centre,
            $"applied {WaitText.Date(filter.AppliedSince)} to {WaitText.Date(filter.AppliedUntil)}");
    }

    private static string Month(DateOnly month) => month.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
}
