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
    public static StageObservation Observe(Timeline timeline, Stage stage, DateOnly today) =>
        Observe(CaseDays.From(timeline), stage, today.DayNumber);

    /// <summary>
    /// The same rules over day numbers (<paramref name="today"/> is a <see cref="DateOnly.DayNumber"/>): what the
    /// statistics run a million times per computation, so it compares integers and allocates nothing.
    /// </summary>
    public static StageObservation Observe(in CaseDays days, Stage stage, int today)
    {
        var interviewDone = days.InterviewCompleted;
        var start = stage switch
        {
            Stage.AppliedToConditional or Stage.AppliedToCard => days.Applied,
            Stage.ConditionalToInterview => days.Conditional,
            // An interview booked for a later day has not started the wait for a decision.
            Stage.InterviewToApproved => interviewDone != CaseDays.None && interviewDone <= today ? interviewDone : CaseDays.None,
            Stage.ApprovedToCard => days.Approved,
            _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, null),
        };

        if (start == CaseDays.None)
        {
            return new(StageOutcome.NotReached, 0);
        }

        if (start > today)
        {
            return new(StageOutcome.Ignored, 0);
        }

        var end = stage switch
        {
            Stage.AppliedToConditional => days.Conditional,
            Stage.ConditionalToInterview => interviewDone,
            Stage.InterviewToApproved => days.Approved,
            _ => days.Card,
        };

        if (end != CaseDays.None)
        {
            if (end < start)
            {
                return new(StageOutcome.Ignored, 0);
            }

            if (end <= today)
            {
                return new(StageOutcome.Finished, end - start);
            }

            // Only an interview may be dated ahead (it is booked); any other future milestone is a typo.
            if (stage != Stage.ConditionalToInterview)
            {
                return new(StageOutcome.Ignored, 0);
            }
        }
        else if (HasLaterMilestone(days, stage))
        {
            return new(StageOutcome.Skipped, 0);
        }

        if (days.Denied != CaseDays.None)
        {
            return days.Denied > today || days.Denied < start
                ? new(StageOutcome.Ignored, 0)
                : new(StageOutcome.Left, days.Denied - start);
        }

        return new(StageOutcome.Waiting, today - start);
    }

    private static bool HasLaterMilestone(in CaseDays d, Stage stage) => stage switch
    {
        Stage.AppliedToConditional => d.InterviewCa != CaseDays.None || d.InterviewUs != CaseDays.None || d.Approved != CaseDays.None || d.Card != CaseDays.None,
        Stage.ConditionalToInterview => d.Approved != CaseDays.None || d.Card != CaseDays.None,
        Stage.InterviewToApproved => d.Card != CaseDays.None,
        _ => false,
    };
}
