using Nexus.Domain.Cases;
using Nexus.Domain.Common;

namespace Nexus.Domain.Moderation;

/// <summary>
/// Checks a whole timeline against the same <see cref="CaseRules"/> a member's edits obey, by replaying it
/// milestone by milestone in timeline order. Imported rows and data written before a rule existed bypass the
/// member commands, so this is how the review queue and the import find what the rules would have refused.
/// </summary>
public static class TimelineValidation
{
    private static readonly (Milestone Milestone, MilestoneInput Input)[] Replay =
    [
        (Milestone.Conditional, MilestoneInput.Conditional),
        (Milestone.InterviewCa, MilestoneInput.InterviewCa),
        (Milestone.InterviewUs, MilestoneInput.InterviewUs),
        (Milestone.Approved, MilestoneInput.Approved),
        (Milestone.Card, MilestoneInput.Card),
        (Milestone.Denied, MilestoneInput.Denied),
    ];

    /// <summary>The first rule the timeline breaks as of <paramref name="today"/>, with the rule's own message; null when it obeys them all.</summary>
    public static DomainError? FirstError(ApplicationType type, Timeline timeline, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        if (CaseRules.CheckApplicationDate(timeline.Applied, today) is { } appliedError)
        {
            return appliedError;
        }

        var replayed = new Timeline(timeline.Applied);
        foreach (var (milestone, input) in Replay)
        {
            if (timeline.Get(milestone) is not { } date)
            {
                continue;
            }

            var step = CaseRules.SetMilestone(type, replayed, input, date, today);
            if (!step.IsSuccess)
            {
                return step.Error;
            }

            replayed = step.Value;
        }

        return null;
    }
}
