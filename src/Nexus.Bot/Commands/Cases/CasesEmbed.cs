using System.Globalization;
using Nexus.Bot.Commands.Common;
using Nexus.Discord.Models;
using Nexus.Domain.Common;
using Nexus.Domain.Cases;
using Nexus.Domain.Statistics;

namespace Nexus.Bot.Commands.Cases;

/// <summary>
/// Builds the <c>/cases</c> embed: one field per case, named by its case number, and by its owner's name
/// (plain text, never a mention) only when the owner made the case visible.
/// </summary>
public static class CasesEmbed
{
    /// <summary>The embed for one page.</summary>
    public static Embed Build(CasePage listed, CaseListFilter filter, int page, int pages, DateOnly today, bool moderator, EnrolmentCentres centres)
    {
        ArgumentNullException.ThrowIfNull(listed);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(centres);
        var fields = listed.Cases.Take(EmbedLimits.Fields).Select(c => new EmbedField(Heading(c, moderator), EmbedLimits.Fit(Summary(c, today, centres), EmbedLimits.FieldValue))).ToList();
        var filters = FilterText(filter, centres);
        return new Embed
        {
            Title = "Recent cases in this server",
            Description = listed.Total == 0
                ? $"No cases match ({filters}) yet. Start yours with `/mycase start`."
                : $"Newest first · {filters}",
            Color = EmbedColours.Neutral,
            Fields = fields,
            Footer = new EmbedFooter(string.Create(
                CultureInfo.InvariantCulture,
                $"Page {page + 1} of {pages} · {Quantity.Of("case", listed.Total)} · Cases are anonymous unless their owner shares them.")),
        };
    }

    /// <summary>"Case #123", marked when shared, and for moderators when excluded from statistics.</summary>
    public static string Heading(Case listed, bool moderator)
    {
        ArgumentNullException.ThrowIfNull(listed);
        var heading = string.Create(CultureInfo.InvariantCulture, $"Case #{listed.CaseNumber}");
        // A shared case carries its owner's name as plain text: never a mention, so nobody is pinged.
        if (listed.Visible)
        {
            heading += listed.OwnerName is { } name ? $" · {EmbedLimits.Fit(name, CaseService.MaxOwnerNameLength)}" : " · shared by its owner";
        }

        if (moderator && listed.Excluded)
        {
            heading += " · excluded from statistics";
        }

        return heading;
    }

    /// <summary>The case in three lines: who applied (coarsely) and where, the dated steps with the waits between them, and the status.</summary>
    public static string Summary(Case listed, DateOnly today, EnrolmentCentres centres)
    {
        ArgumentNullException.ThrowIfNull(listed);
        ArgumentNullException.ThrowIfNull(centres);
        var centre = centres.Find(listed.CentreCode) is { } found ? $" · {found.City}, {found.ProvinceState}" : string.Empty;
        var steps = TimelineSteps.Of(listed.Timeline);
        var line = string.Join(" → ", steps.Select((step, i) => i == 0
            ? $"{step.Name} {WaitText.Date(step.Date)}"
            : $"{step.Name} {WaitText.Date(step.Date)} ({Wait(steps[i - 1].Date, step.Date)})"));
        return $"{listed.Type.Display()} · {listed.ApplicantStatus.Display()}{centre}\n{line}\n**{listed.StatusOn(today).Display()}**";
    }

    private static string Wait(DateOnly from, DateOnly to) =>
        to == from ? "same day" : to > from ? "+" + WaitText.Days(to.DayNumber - from.DayNumber) : "before the previous step";

    /// <summary>The filters in words, "all cases" when none.</summary>
    public static string FilterText(CaseListFilter filter, EnrolmentCentres centres)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(centres);
        var parts = new List<string>();
        if (filter.Type is { } type)
        {
            parts.Add(type.Display());
        }

        if (filter.Status is { } status)
        {
            parts.Add(status.Display());
        }

        if (filter.CentreCode is { } code)
        {
            parts.Add(centres.Find(code)?.Name ?? code);
        }

        return parts.Count == 0 ? "all cases" : string.Join(" · ", parts);
    }
}
