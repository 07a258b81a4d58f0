using System.Globalization;
using Nexus.Bot.Commands.Common;
using Nexus.Bot.Localization;
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
        var fields = ready.Select(s => new EmbedField(Names.Of(s.Stage), StageText(s))).ToList();

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
            var missing = report.Stages.Where(s => !ready.Contains(s)).Select(s => Names.Of(s.Stage));
            lines.Add(Text.Format(Strings.Stats_TooFewFor, string.Join(", ", missing)));
        }

        if (chartFile is null && TrendText.Render(report.Trend) is { } trend)
        {
            fields.Add(new EmbedField(TrendText.Title, trend));
        }

        return new Embed
        {
            Title = Strings.Stats_Title,
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
            return Text.Format(Strings.Stats_TooFewStage, stage.Finished, stage.StillWaiting);
        }

        var unit = WaitText.UnitOf(median);
        var headline = "**" + Capitalise(Words.Wait(median, unit)) + "**";
        var uncertain = stage.MedianInterval is { } interval && IsWide(median, interval) && IsRange(interval.Low, interval.High, unit)
            ? Words.Range(interval.Low, interval.High, unit)
            : null;

        string? most = null;
        if (stage.P25 is { } early && stage.P75 is { } late && !median.MoreThan)
        {
            // The middle half is worth a mention only when it says more than the median does.
            var range = Words.Range(early, late, unit);
            var alone = Words.Wait(median, unit);
            most = range != alone && range != Words.Current.About(alone) ? range : null;
        }

        var first = (uncertain, most) switch
        {
            (null, null) => headline,
            (null, { }) => Text.Format(Strings.Stats_HeadlineMost, headline, most),
            ({ }, null) => Text.Format(Strings.Stats_HeadlineUncertain, headline, uncertain),
            _ => Text.Format(Strings.Stats_HeadlineUncertainMost, headline, uncertain, most),
        };

        // The average sits with the finished cases it is of: it leaves out everyone still waiting, so it is never
        // the expected wait. One line of about 36 characters, which a phone shows without wrapping.
        var counts = stage.AverageFinishedDays is { } average && stage.StillWaiting > 0
            ? Text.Format(Strings.Stats_CountsAverage, stage.Finished, stage.StillWaiting, Words.Wait(WaitQuantile.Exactly(average), unit))
            : Text.Format(Strings.Stats_Counts, stage.Finished, stage.StillWaiting);
        return first + "\n" + counts;
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

        return now is { EarliestApplicationMonth: { } first, LatestApplicationMonth: { } last } && first != last
            ? Text.Format(Strings.Stats_NowApprovingRange, Words.Month(median), ShortMonth(first), ShortMonth(last))
            : Text.Format(Strings.Stats_NowApproving, Words.Month(median));
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
            wider.Add(Strings.Stats_PeriodAll);
        }

        if (filter.Status is not null)
        {
            wider.Add(Strings.Stats_WithoutStatus);
        }

        if (filter.CentreCode is not null)
        {
            wider.Add(Strings.Stats_WithoutCentre);
        }

        if (wider.Count == 0)
        {
            wider.Add(Strings.Stats_PeriodAll);
        }

        return Text.Format(Strings.Stats_NotEnough, report.MinimumFinished, string.Join(Strings.Stats_Or, wider));
    }

    /// <summary>What the figures cover (the number of cases and every filter, defaults included) and how they are computed.</summary>
    public static string FooterText(StatsReport report, EnrolmentCentres centres)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(centres);
        var filter = report.Filter;
        var cases = report.Stages.Count == 0 ? 0 : report.Stages.Max(s => s.Cases);
        var type = (filter.Type == ApplicationType.Renewal, filter.TypeDefaulted) switch
        {
            (true, _) => Strings.Stats_Renewals,
            (false, true) => Strings.Stats_InitialDefaulted,
            _ => Strings.Stats_Initial,
        };
        var centre = filter.CentreCode is null ? Strings.Stats_AllCentres : (centres.Find(filter.CentreCode) is { } named ? Names.Of(named) : filter.CentreCode);
        var scope = string.Join(
            " · ",
            Words.Count(cases, Strings.Count_Case_One, Strings.Count_Case_Other),
            type,
            filter.Status is { } status ? Names.Of(status) : Strings.Stats_AllStatuses,
            centre,
            Text.Format(Strings.Stats_AppliedBetween, ShortDate(filter.AppliedSince), ShortDate(filter.AppliedUntil)));
        return scope + "\n" + Strings.Stats_Method;
    }

    // True when a range in this unit has two different ends ("7–18 weeks"), not "about 9 weeks" or a single figure.
    private static bool IsRange(WaitQuantile low, WaitQuantile high, WaitUnit unit) =>
        !low.MoreThan && WaitText.Count(low.Days, unit, roundDown: false) < WaitText.Count(high.Days, unit, high.MoreThan);

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpper(text[0], Languages.Current) + text[1..];

    private static string ShortMonth(DateOnly month) => month.ToString("MMM yyyy", Languages.Current);

    private static string ShortDate(DateOnly date) => date.ToString("d MMM yyyy", Languages.Current);
}
