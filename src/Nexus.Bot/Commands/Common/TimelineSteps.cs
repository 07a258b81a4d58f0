using Nexus.Bot.Localization;
using Nexus.Domain.Cases;

namespace Nexus.Bot.Commands.Common;

/// <summary>One recorded step of a timeline as embeds show it.</summary>
/// <param name="Name">The heading, e.g. "Conditional approval", in the current language.</param>
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
        var steps = new List<TimelineStep> { Step("Applied", timeline.Applied) };
        if (timeline.Conditional is { } conditional)
        {
            steps.Add(Step("Conditional", conditional));
        }

        if (timeline.InterviewCa is { } ca && timeline.InterviewUs is { } us && ca == us)
        {
            steps.Add(Step("Interview", ca));
        }
        else
        {
            var halves = new List<TimelineStep>();
            if (timeline.InterviewCa is { } caOnly)
            {
                halves.Add(Step("InterviewCa", caOnly));
            }

            if (timeline.InterviewUs is { } usOnly)
            {
                halves.Add(Step("InterviewUs", usOnly));
            }

            steps.AddRange(halves.OrderBy(h => h.Date));
        }

        if (timeline.Approved is { } approved)
        {
            steps.Add(Step("Approved", approved));
        }

        if (timeline.Card is { } card)
        {
            steps.Add(Step("Card", card));
        }

        if (timeline.Denied is { } denied)
        {
            steps.Add(Step("Denied", denied));
        }

        return steps;
    }

    // Resources Step_<id>_Name, _Noun and _Short.
    private static TimelineStep Step(string id, DateOnly date) =>
        new(Get(id, "Name"), Get(id, "Noun"), date, Get(id, "Short"));

    private static string Get(string id, string part) =>
        Text.Find($"Step_{id}_{part}") ?? throw new InvalidOperationException($"No resource Step_{id}_{part}.");
}
