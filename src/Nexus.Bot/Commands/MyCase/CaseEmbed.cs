using System.Globalization;
using Nexus.Bot.Commands.Common;
using Nexus.Discord.Models;
using Nexus.Domain.Cases;
using Nexus.Domain.Statistics;

namespace Nexus.Bot.Commands.MyCase;

/// <summary>
/// Builds the case embed of <c>/mycase</c>: the status (coloured by stage), each milestone with its date
/// and the wait since the one before, the time so far, and the estimate for the next milestone.
/// </summary>
/// <remarks>
/// Milestone dates are written as calendar dates ("1 May 2024") and never as Discord timestamp tokens
/// (<c>&lt;t:…:D&gt;</c>): a token is an instant, and one at midnight UTC shows the previous day to every
/// reader in the Americas. A milestone happens on a day, not at an instant.
/// </remarks>
public static class CaseEmbed
{
    /// <summary>The embed.</summary>
    /// <param name="shown">The case.</param>
    /// <param name="estimate">The estimate for its next milestone.</param>
    /// <param name="today">Today (UTC), for the status, the time so far and booked interviews.</param>
    /// <param name="owner">Whose case it is, as a heading: "Your case", or a member's display name (plain text, never a mention).</param>
    /// <param name="centres">The centres, to name the case's centre.</param>
    public static Embed Build(Case shown, CaseEstimate estimate, DateOnly today, string owner, EnrolmentCentres centres)
    {
        ArgumentNullException.ThrowIfNull(shown);
        ArgumentNullException.ThrowIfNull(estimate);
        ArgumentNullException.ThrowIfNull(centres);
        var status = shown.StatusOn(today);
        var centre = centres.Find(shown.CentreCode);
        var about = string.Join(
            " · ",
            new[]
            {
                shown.Type.Display(),
                shown.ApplicantStatus.Display(),
                shown.Applicants == 1 ? null : string.Create(CultureInfo.InvariantCulture, $"{shown.Applicants} applicants"),
                centre is null ? null : $"{centre.Name} ({centre.City}, {centre.ProvinceState})",
            }.Where(part => part is not null));

        var fields = Milestones(shown.Timeline, today).ToList();
        fields.AddRange(Outlook(shown.Timeline, estimate, today));

        return new Embed
        {
            Title = EmbedLimits.Fit(string.Create(CultureInfo.InvariantCulture, $"Case #{shown.CaseNumber} · {owner}"), EmbedLimits.Title),
            Description = EmbedLimits.Fit($"**{status.Display()}**\n{about}", EmbedLimits.Description),
            Color = EmbedColours.For(status),
            Fields = fields,
            Footer = new EmbedFooter((shown.Visible ? "Shared: members can open this case, and /cases shows its owner's name." : "Private: listed only by its case number.")
                + " Estimates come from this server's cases; Nexus is a community tool, not CBP or CBSA."),
        };
    }

    /// <summary>One full-width field per recorded milestone, in timeline order, each with the wait since the previous one.</summary>
    public static IEnumerable<EmbedField> Milestones(Timeline timeline, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var steps = TimelineSteps.Of(timeline);
        for (var i = 0; i < steps.Count; i++)
        {
            var (name, _, date, _) = steps[i];
            var lines = WaitText.Date(date);
            if (i > 0)
            {
                var previous = steps[i - 1];
                var days = date.DayNumber - previous.Date.DayNumber;
                lines += "\n" + days switch
                {
                    0 => $"the same day as {previous.Noun}",
                    > 0 => $"{WaitText.Days(days)} after {previous.Noun}",
                    _ => $"{WaitText.Days(-days)} before {previous.Noun}",
                };
            }

            if (date > today)
            {
                lines += $"\nbooked: {WaitText.Days(date.DayNumber - today.DayNumber)} from today";
            }

            // Full width: three inline columns at phone width break "Conditional approval" mid-word and wrap
            // every date onto three lines.
            yield return new EmbedField(name, lines);
        }
    }

    /// <summary>
    /// What comes after the milestones: for a finished case one "Done" line, for a denied one one "Closed" line
    /// (which says, once, that there is no estimate), otherwise the time so far and the estimate.
    /// </summary>
    public static IEnumerable<EmbedField> Outlook(Timeline timeline, CaseEstimate estimate, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(estimate);
        if (timeline.Denied is { } denied)
        {
            yield return new EmbedField(
                "Closed",
                $"denied {WaitText.Date(denied)}, {WaitText.Days(Math.Max(0, denied.DayNumber - timeline.Applied.DayNumber))} after the application. A denied case has no estimate.");
            yield break;
        }

        if (timeline.Card is { } card)
        {
            yield return new EmbedField(
                "Done",
                $"card received {WaitText.Date(card)}, {WaitText.Days(Math.Max(0, card.DayNumber - timeline.Applied.DayNumber))} from application to card");
            yield break;
        }

        yield return new EmbedField("Time so far", $"{WaitText.Days(Math.Max(0, today.DayNumber - timeline.Applied.DayNumber))} since the application, and counting");
        yield return new EmbedField(EstimateText.Heading(estimate), EmbedLimits.Fit(EstimateText.Describe(estimate), EmbedLimits.FieldValue));
    }
}
