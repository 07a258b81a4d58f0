using Nexus.Domain.Cases;

namespace Nexus.Domain.Statistics;

/// <summary>How one case takes part in one stage's wait statistics.</summary>
public enum StageOutcome
{
    /// <summary>The case has not reached the stage's start; it says nothing about this stage.</summary>
    NotReached = 0,

    /// <summary>
    /// The case went past the stage without its end milestone (a renewal approved without conditional
    /// approval, or an end milestone never recorded). It says nothing about this stage's wait.
    /// </summary>
    Skipped = 1,

    /// <summary>Impossible dates (a start in the future, an end before the start); counted, never used.</summary>
    Ignored = 2,

    /// <summary>The stage ended; the wait is known exactly.</summary>
    Finished = 3,

    /// <summary>Still waiting today; the wait is at least today − start (right-censored).</summary>
    Waiting = 4,

    /// <summary>Denied during the stage: it will never finish, so it leaves the count at the denial date (censored).</summary>
    Left = 5,
}

/// <summary>One case's contribution to one stage: an outcome and, for the outcomes that carry one, the wait in days.</summary>
/// <param name="Outcome">How the case takes part.</param>
/// <param name="Days">The wait in whole days: exact when finished, "at least" when waiting or left; 0 otherwise.</param>
public readonly record struct StageObservation(StageOutcome Outcome, int Days)
{
    /// <summary>True when the observation carries a wait (finished, waiting or left).</summary>
    public bool Counts => Outcome is StageOutcome.Finished or StageOutcome.Waiting or StageOutcome.Left;

    /// <summary>
    /// Works out how a timeline takes part in a stage as of <paramref name="today"/>.
    /// </summary>
    /// <remarks>
    /// The rules, in order:
    /// <list type="number">
    /// <item>No start date (for the interview→approved stage: no interview completed by today): not reached.</item>
    /// <item>A start after today: impossible, ignored.</item>
    /// <item>An end on or before today and not before the start: finished. An end before the start, or an end
    /// after today (other than a booked interview), is impossible: ignored. A booked interview is not a
    /// finished one, so the case is still waiting.</item>
    /// <item>No end, but a later milestone recorded (e.g. a renewal approved without conditional approval):
    /// skipped. Its wait for this stage is not a wait at all, so counting it either way would be wrong.</item>
    /// <item>Denied on or after the start: left at the denial date. A denial after today or before the
    /// stage's start contradicts the rest of the timeline: ignored.</item>
    /// <item>Otherwise: still waiting, censored at today − start.</item>
    /// </list>
    /// </remarks>
    public static StageObservation Observe(Timeline timeline, Stage stage, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var interviewDone = timeline.InterviewCompleted;
        DateOnly? start = stage switch
        {
            Stage.AppliedToConditional or Stage.AppliedToCard => timeline.Applied,
            Stage.ConditionalToInterview => timeline.Conditional,
            // An interview booked for a later day has not started the wait for a decision.
            Stage.InterviewToApproved => interviewDone is { } done && done <= today ? done : null,
            Stage.ApprovedToCard => timeline.Approved,
            _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, null),
        };

        if (start is not { } from)
        {
            return new(StageOutcome.NotReached, 0);
        }

        if (from > today)
        {
            return new(StageOutcome.Ignored, 0);
        }

        DateOnly? end = stage switch
        {
            Stage.AppliedToConditional => timeline.Conditional,
            Stage.ConditionalToInterview => interviewDone,
            Stage.InterviewToApproved => timeline.Approved,
            _ => timeline.Card,
        };

        if (end is { } to)
        {
            if (to < from)
            {
                return new(StageOutcome.Ignored, 0);
            }

            if (to <= today)
            {
                return new(StageOutcome.Finished, to.DayNumber - from.DayNumber);
            }

            // Only an interview may be dated ahead (it is booked); any other future milestone is a typo.
            if (stage != Stage.ConditionalToInterview)
            {
                return new(StageOutcome.Ignored, 0);
            }
        }
        else if (HasLaterMilestone(timeline, stage))
        {
            return new(StageOutcome.Skipped, 0);
        }

        if (timeline.Denied is { } denied)
        {
            return denied > today || denied < from
                ? new(StageOutcome.Ignored, 0)
                : new(StageOutcome.Left, denied.DayNumber - from.DayNumber);
        }

        return new(StageOutcome.Waiting, today.DayNumber - from.DayNumber);
    }

    private static bool HasLaterMilestone(Timeline t, Stage stage) => stage switch
    {
        Stage.AppliedToConditional => t.InterviewCa is not null || t.InterviewUs is not null || t.Approved is not null || t.Card is not null,
        Stage.ConditionalToInterview => t.Approved is not null || t.Card is not null,
        Stage.InterviewToApproved => t.Card is not null,
        _ => false,
    };
}
