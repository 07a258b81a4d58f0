using System.Globalization;
using System.Text;
using Nexus.Bot.Commands.Common;
using Nexus.Bot.Localization;
using Nexus.Discord.Models;
using Nexus.Domain.Cases;
using Nexus.Domain.Common;
using Nexus.Domain.Statistics;

namespace Nexus.Bot.Commands.Cases;

/// <summary>
/// Builds the <c>/cases</c> embed: one line per case, named by its case number, and by its owner's name
/// (plain text, never a mention) only when the owner made the case visible. A line says who applied
/// (coarsely), where, when, and the latest step with the wait from the application:
/// "#360 · initial · CA PR · Sweetgrass · applied 21 Jun 2026 · card 23 Sep (13 wk)".
/// </summary>
public static class CasesEmbed
{
    /// <summary>The embed for one page.</summary>
    public static Embed Build(CasePage listed, CasesQuery query, int page, int pages, DateOnly today, bool moderator, EnrolmentCentres centres)
    {
        ArgumentNullException.ThrowIfNull(listed);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(centres);
        var filters = FilterText(query, centres);
        string description;
        if (listed.Total == 0)
        {
            description = Text.Format(Strings.Cases_None, filters);
        }
        else
        {
            var text = new StringBuilder(Text.Format(Strings.Cases_Heading, filters)).Append('\n');
            foreach (var listedCase in listed.Cases)
            {
                text.Append('\n').Append(Line(listedCase, today, moderator, centres));
            }

            description = EmbedLimits.Fit(text.ToString(), EmbedLimits.Description);
        }

        return new Embed
        {
            Title = Strings.Cases_Title,
            Description = description,
            Color = EmbedColours.Neutral,
            Footer = new EmbedFooter(Text.Format(Strings.Cases_Footer, page + 1, pages, Words.Count(listed.Total, Strings.Count_Case_One, Strings.Count_Case_Other))),
        };
    }

    /// <summary>One case on one line.</summary>
    public static string Line(Case listed, DateOnly today, bool moderator, EnrolmentCentres centres)
    {
        ArgumentNullException.ThrowIfNull(listed);
        ArgumentNullException.ThrowIfNull(centres);
        var parts = new List<string> { Heading(listed, moderator), Text.Find(Text.ResourceName("Cases_Type", listed.Type.Name()))!, Status(listed.ApplicantStatus) };
        if (centres.Find(listed.CentreCode) is { } centre)
        {
            parts.Add(centre.City);
        }

        var applied = listed.Timeline.Applied;
        parts.Add(Text.Format(Strings.Cases_Applied, applied.ToString("d MMM yyyy", Languages.Current)));
        var steps = TimelineSteps.Of(listed.Timeline);
        var latest = steps[^1];
        if (steps.Count == 1)
        {
            parts.Add(Text.Format(Strings.Cases_Waiting, Compact(today.DayNumber - applied.DayNumber)));
        }
        else
        {
            var format = latest.Date.Year == applied.Year ? "d MMM" : "d MMM yyyy";
            var when = latest.Date > today ? Strings.Cases_Booked : Compact(latest.Date.DayNumber - applied.DayNumber);
            parts.Add(Text.Format(Strings.Cases_Latest, latest.Short, latest.Date.ToString(format, Languages.Current), when));
        }

        return string.Join(" · ", parts);
    }

    /// <summary>"**#123**", with the owner's name when shared, and for moderators a mark when excluded from statistics.</summary>
    public static string Heading(Case listed, bool moderator)
    {
        ArgumentNullException.ThrowIfNull(listed);
        var heading = string.Create(CultureInfo.InvariantCulture, $"**#{listed.CaseNumber}**");
        // A shared case carries its owner's name as plain text: never a mention, so nobody is pinged.
        if (listed.Visible)
        {
            heading += listed.OwnerName is { } name ? $" {Escape(EmbedLimits.Fit(name, 40))}" : " " + Strings.Cases_Shared;
        }

        if (moderator && listed.Excluded)
        {
            heading += " " + Strings.Cases_Excluded;
        }

        return heading;
    }

    /// <summary>The query in words, "all cases" when it narrows nothing.</summary>
    public static string FilterText(CasesQuery query, EnrolmentCentres centres)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(centres);
        var parts = new List<string>();
        if (query.State != CaseListState.Any)
        {
            parts.Add(Text.Find(Text.ResourceName("Cases_State", CasesCommand.States.First(s => s.State == query.State).Value))!);
        }

        if (query.Type is { } type)
        {
            parts.Add(Names.Of(type));
        }

        if (query.Status is { } status)
        {
            parts.Add(Names.Of(status));
        }

        if (query.CentreCode is { } code)
        {
            parts.Add((centres.Find(code) is { } centre ? Names.Of(centre) : code));
        }

        if (query.Applied is { } month)
        {
            parts.Add(Text.Format(Strings.Cases_Applied, new DateOnly(month.Year, month.Month, 1).ToString("MMM yyyy", Languages.Current)));
        }

        if (query.Period is { } period)
        {
            parts.Add(Text.Find(Text.ResourceName("Period", FilterOptions.Periods.First(p => p.Value == period).Value))!);
        }

        return parts.Count == 0 ? Strings.Cases_All : string.Join(" · ", parts);
    }

    private static string Status(ApplicantStatus status) => Text.Find(Text.ResourceName("Cases_Status", status.Name()))!;

    // Short waits for a one-line listing: days, then weeks, then months past half a year.
    private static string Compact(int days) => days switch
    {
        < 0 => Text.Format(Strings.Trend_Days, 0),
        < WaitText.WeeksFromDays => Text.Format(Strings.Trend_Days, days),
        < 183 => Text.Format(Strings.Trend_Weeks, (int)Math.Round(days / 7.0, MidpointRounding.AwayFromZero)),
        _ => Text.Format(Strings.Trend_Months, (int)Math.Round(days / WaitText.DaysPerMonth, MidpointRounding.AwayFromZero)),
    };

    // A shared name is the member's own text: keep Markdown in it from changing the line.
    private static string Escape(string name) =>
        name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("*", "\\*", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal).Replace("`", "\\`", StringComparison.Ordinal)
            .Replace("~", "\\~", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal);
}
