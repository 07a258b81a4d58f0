using System.Globalization;
using Nexus.Domain.Cases;
using Nexus.Domain.Statistics;

namespace Nexus.Bot.Feed;

/// <summary>
/// The anonymous feed sentence for a recorded milestone, e.g. "A March 2024 initial application got
/// conditional approval after 9 weeks". It names the application month and type only: never a member, an
/// id or a case number, so nobody can be picked out from the feed.
/// </summary>
internal static class FeedText
{
    /// <summary>The sentence, or null when there is nothing worth posting (a booked interview, or a wait that can't be measured).</summary>
    public static string? Describe(MilestoneRecorded change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var t = change.After.Timeline;
        var subject = string.Create(
            CultureInfo.InvariantCulture,
            $"A {t.Applied.ToString("MMMM yyyy", CultureInfo.InvariantCulture)} {(change.After.Type == ApplicationType.Initial ? "initial application" : "renewal")}");
        return change.Milestone switch
        {
            MilestoneInput.Conditional => Sentence(subject, "got conditional approval", t.Applied, t.Conditional, "after"),
            MilestoneInput.Interview or MilestoneInput.InterviewCa or MilestoneInput.InterviewUs =>
                t.InterviewCompleted is { } done && done <= change.Today
                    ? Sentence(subject, "completed the interview", t.Conditional, done, "after conditional approval, ")
                    : null,
            MilestoneInput.Approved => Sentence(subject, "was approved", t.InterviewCompleted ?? t.Conditional ?? t.Applied, t.Approved, Since(t)),
            MilestoneInput.Card => Sentence(subject, "received the card", t.Approved, t.Card, "after approval, "),
            MilestoneInput.Denied => Sentence(subject, "was denied", t.Applied, t.Denied, "after applying, "),
            _ => null,
        };
    }

    private static string Since(Timeline t) =>
        t.InterviewCompleted is not null ? "after the interview, " : t.Conditional is not null ? "after conditional approval, " : "after applying, ";

    // "after" alone reads "got conditional approval after 9 weeks"; the longer forms name the start:
    // "received the card 3 weeks after approval".
    private static string? Sentence(string subject, string verb, DateOnly? from, DateOnly? to, string after)
    {
        if (from is not { } start || to is not { } end || end < start)
        {
            return null;
        }

        var wait = WaitText.Days(end.DayNumber - start.DayNumber);
        return after == "after"
            ? $"{subject} {verb} after {wait}."
            : $"{subject} {verb} {wait} {after.TrimEnd(',', ' ')}.";
    }
}
