using Nexus.Domain.Cases;

namespace Nexus.Bot.Commands.Common;

/// <summary>One recorded step of a timeline as embeds show it.</summary>
/// <param name="Name">The heading, e.g. "Conditional approval".</param>
/// <param name="Noun">How the next step refers to it: "7 weeks after <c>conditional approval</c>".</param>
/// <param name="Date">The calendar date.</param>
/// <param name="Short">A short lower-case name for one-line listings, e.g. "conditional".</param>
public sealed record TimelineStep(string Name, string Noun, DateOnly Date, string Short);

/// <summary>
/// The recorded steps of a timeline in order, as the case embed and the case listing show them: a joint
/// interview (both halves on one day) is one step, split halves are two, earlier half first.
/// </summary>
public static class TimelineSteps
{
    /// <summary>The steps.</summary>
    public static IReadOnlyList<TimelineStep> Of(Timeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var steps = new List<TimelineStep> { new("Applied", "your application", timeline.Applied, "applied") };
        if (timeline.Conditional is { } conditional)
        {
            steps.Add(new("Conditional approval", "conditional approval", conditional, "conditional"));
        }

        if (timeline.InterviewCa is { } ca && timeline.InterviewUs is { } us && ca == us)
        {
            steps.Add(new("Interview", "the interview", ca, "interview"));
        }
        else
        {
            var halves = new List<TimelineStep>();
            if (timeline.InterviewCa is { } caOnly)
            {
                halves.Add(new("Interview, Canadian half (CBSA)", "the Canadian half of the interview", caOnly, "CA interview"));
            }

            if (timeline.InterviewUs is { } usOnly)
            {
                halves.Add(new("Interview, U.S. half (CBP)", "the U.S. half of the interview", usOnly, "US interview"));
            }

            steps.AddRange(halves.OrderBy(h => h.Date));
        }

        if (timeline.Approved is { } approved)
        {
            steps.Add(new("Approved", "approval", approved, "approved"));
        }

        if (timeline.Card is { } card)
        {
            steps.Add(new("Card received", "your card", card, "card"));
        }

        if (timeline.Denied is { } denied)
        {
            steps.Add(new("Denied", "denial", denied, "denied"));
        }

        return steps;
    }
}
