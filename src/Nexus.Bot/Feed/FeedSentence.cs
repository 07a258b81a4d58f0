using Nexus.Bot.Localization;
using Nexus.Domain.Cases;

namespace Nexus.Bot.Feed;

/// <summary>
/// The anonymous feed sentence for a recorded milestone, in the current language, e.g. "A March 2024 initial
/// application got conditional approval after 9 weeks". It names the application month and type only: never a
/// member, an id or a case number, so nobody can be picked out from the feed.
/// </summary>
public static class FeedSentence
{
    /// <summary>The sentence, or null when there is nothing worth posting (a booked interview, or a wait that can't be measured).</summary>
    public static string? Describe(MilestoneRecorded change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var t = change.After.Timeline;
        var initial = change.After.Type == ApplicationType.Initial;
        return change.Milestone switch
        {
            MilestoneInput.Conditional => Sentence(initial ? Strings.Feed_Initial_Conditional : Strings.Feed_Renewal_Conditional, t, t.Applied, t.Conditional),
            MilestoneInput.Interview or MilestoneInput.InterviewCa or MilestoneInput.InterviewUs =>
                t.InterviewCompleted is { } done && done <= change.Today
                    ? Sentence(initial ? Strings.Feed_Initial_Interview : Strings.Feed_Renewal_Interview, t, t.Conditional, done)
                    : null,
            MilestoneInput.Approved => Sentence(Approved(initial, t), t, t.InterviewCompleted ?? t.Conditional ?? t.Applied, t.Approved),
            MilestoneInput.Card => Sentence(initial ? Strings.Feed_Initial_Card : Strings.Feed_Renewal_Card, t, t.Approved, t.Card),
            MilestoneInput.Denied => Sentence(initial ? Strings.Feed_Initial_Denied : Strings.Feed_Renewal_Denied, t, t.Applied, t.Denied),
            _ => null,
        };
    }

    // Approval names the step it followed: the interview, else conditional approval, else the application.
    private static string Approved(bool initial, Timeline t) => (initial, t.InterviewCompleted, t.Conditional) switch
    {
        (true, not null, _) => Strings.Feed_Initial_ApprovedAfterInterview,
        (true, null, not null) => Strings.Feed_Initial_ApprovedAfterConditional,
        (true, _, _) => Strings.Feed_Initial_ApprovedAfterApplying,
        (false, not null, _) => Strings.Feed_Renewal_ApprovedAfterInterview,
        (false, null, not null) => Strings.Feed_Renewal_ApprovedAfterConditional,
        _ => Strings.Feed_Renewal_ApprovedAfterApplying,
    };

    private static string? Sentence(string template, Timeline t, DateOnly? from, DateOnly? to) =>
        from is { } start && to is { } end && end >= start
            ? Text.Format(template, Words.Month(t.Applied), Words.Wait(end.DayNumber - start.DayNumber))
            : null;
}
