using System.Globalization;
using Nexus.Bot.Commands.Common;
using Nexus.Bot.Localization;
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
                Names.Of(shown.Type),
                Names.Of(shown.ApplicantStatus),
                shown.Applicants == 1 ? null : Text.Format(Strings.Case_Applicants, shown.Applicants),
                centre is null ? null : $"{Names.Of(centre)} ({centre.City}, {centre.ProvinceState})",
            }.Where(part => part is not null));

        var fields = Milestones(shown.Timeline, today).ToList();
        fields.AddRange(Outlook(shown.Timeline, estimate, today));

        return new Embed
        {
            Title = EmbedLimits.Fit(Text.Format(Strings.Case_Title, shown.CaseNumber, owner), EmbedLimits.Title),
            Description = EmbedLimits.Fit($"**{Names.Of(status)}**\n{about}", EmbedLimits.Description),
            Color = EmbedColours.For(status),
            Fields = fields,
            Footer = new EmbedFooter(shown.Visible ? Strings.Case_FooterShared : Strings.Case_FooterPrivate),
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
            var lines = Words.Date(date);
            if (i > 0)
            {
                var previous = steps[i - 1];
                var days = date.DayNumber - previous.Date.DayNumber;
                lines += "\n" + days switch
                {
                    0 => Text.Format(Strings.Case_SameDayAs, previous.Noun),
                    > 0 => Text.Format(Strings.Case_After, Words.Wait(days), previous.Noun),
                    _ => Text.Format(Strings.Case_Before, Words.Wait(-days), previous.Noun),
                };
            }

            if (date > today)
            {
                lines += "\n" + Text.Format(Strings.Case_Booked, Words.Wait(date.DayNumber - today.DayNumber));
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
                Strings.Case_Closed,
                Text.Format(Strings.Case_ClosedText, Words.Date(denied), Words.Wait(Math.Max(0, denied.DayNumber - timeline.Applied.DayNumber))));
            yield break;
        }

        if (timeline.Card is { } card)
        {
            yield return new EmbedField(
                Strings.Case_Done,
                Text.Format(Strings.Case_DoneText, Words.Date(card), Words.Wait(Math.Max(0, card.DayNumber - timeline.Applied.DayNumber))));
            yield break;
        }

        yield return new EmbedField(Strings.Case_TimeSoFar, Text.Format(Strings.Case_TimeSoFarText, Words.Wait(Math.Max(0, today.DayNumber - timeline.Applied.DayNumber))));
        yield return new EmbedField(EstimateText.Heading(estimate), EmbedLimits.Fit(EstimateText.Describe(estimate), EmbedLimits.FieldValue));
    }
}
