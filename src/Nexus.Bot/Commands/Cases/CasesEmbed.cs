using System.Globalization;
using System.Text;
using Nexus.Bot.Commands.Common;
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
            description = $"No cases match ({filters}) yet. Start yours with `/mycase start`.";
        }
        else
        {
            var text = new StringBuilder($"Latest milestone first · {filters}\n");
            foreach (var listedCase in listed.Cases)
            {
                text.Append('\n').Append(Line(listedCase, today, moderator, centres));
            }

            description = EmbedLimits.Fit(text.ToString(), EmbedLimits.Description);
        }

        return new Embed
        {
            Title = "Cases in this server",
            Description = description,
            Color = EmbedColours.Neutral,
            Footer = new EmbedFooter(string.Create(
                CultureInfo.InvariantCulture,
                $"Page {page + 1} of {pages} · {Quantity.Of("case", listed.Total)} · anonymous unless their owner shares them")),
        };
    }

    /// <summary>One case on one line.</summary>
    public static string Line(Case listed, DateOnly today, bool moderator, EnrolmentCentres centres)
    {
        ArgumentNullException.ThrowIfNull(listed);
        ArgumentNullException.ThrowIfNull(centres);
        var parts = new List<string> { Heading(listed, moderator), listed.Type.Name(), Status(listed.ApplicantStatus) };
        if (centres.Find(listed.CentreCode) is { } centre)
        {
            parts.Add(centre.City);
        }

        var applied = listed.Timeline.Applied;
        parts.Add("applied " + applied.ToString("d MMM yyyy", CultureInfo.InvariantCulture));
        var latest = TimelineSteps.Of(listed.Timeline)[^1];
        if (latest.Date == applied && latest.Short == "applied")
        {
            parts.Add("waiting " + Compact(today.DayNumber - applied.DayNumber));
        }
        else
        {
            var format = latest.Date.Year == applied.Year ? "d MMM" : "d MMM yyyy";
            var when = latest.Date > today ? "booked" : Compact(latest.Date.DayNumber - applied.DayNumber);
            parts.Add($"{latest.Short} {latest.Date.ToString(format, CultureInfo.InvariantCulture)} ({when})");
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
            heading += listed.OwnerName is { } name ? $" {Escape(EmbedLimits.Fit(name, 40))}" : " (shared)";
        }

        if (moderator && listed.Excluded)
        {
            heading += " (excluded)";
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
            parts.Add(CasesCommand.States.First(s => s.State == query.State).Value);
        }

        if (query.Type is { } type)
        {
            parts.Add(type.Display());
        }

        if (query.Status is { } status)
        {
            parts.Add(status.Display());
        }

        if (query.CentreCode is { } code)
        {
            parts.Add(centres.Find(code)?.Name ?? code);
        }

        if (query.Applied is { } month)
        {
            parts.Add("applied " + new DateOnly(month.Year, month.Month, 1).ToString("MMM yyyy", CultureInfo.InvariantCulture));
        }

        if (query.Period is { } period)
        {
            parts.Add(FilterOptions.Periods.First(p => p.Value == period).Name);
        }

        return parts.Count == 0 ? "all cases" : string.Join(" · ", parts);
    }

    private static string Status(ApplicantStatus status) => status switch
    {
        ApplicantStatus.UsCitizen => "US citizen",
        ApplicantStatus.CaCitizen => "CA citizen",
        ApplicantStatus.UsPermanentResident => "US PR",
        ApplicantStatus.CaPermanentResident => "CA PR",
        ApplicantStatus.MexicanNational => "MX national",
        _ => status.Name(),
    };

    // Short waits for a one-line listing: days, then weeks, then months past half a year.
    private static string Compact(int days) => days switch
    {
        < 0 => "0 d",
        < WaitText.WeeksFromDays => string.Create(CultureInfo.InvariantCulture, $"{days} d"),
        < 183 => string.Create(CultureInfo.InvariantCulture, $"{(int)Math.Round(days / 7.0, MidpointRounding.AwayFromZero)} wk"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)Math.Round(days / (365.2425 / 12), MidpointRounding.AwayFromZero)} mo"),
    };

    // A shared name is the member's own text: keep Markdown in it from changing the line.
    private static string Escape(string name) =>
        name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("*", "\\*", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal).Replace("`", "\\`", StringComparison.Ordinal)
            .Replace("~", "\\~", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal);
}
