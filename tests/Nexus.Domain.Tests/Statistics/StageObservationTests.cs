using Nexus.Domain.Cases;
using Nexus.Domain.Statistics;

namespace Nexus.Domain.Tests.Statistics;

public sealed class StageObservationTests
{
    private static readonly DateOnly Today = new(2026, 3, 1);
    private static readonly DateOnly Applied = new(2026, 1, 1);

    private static StageObservation Observe(Timeline timeline, Stage stage) => StageObservation.Observe(timeline, stage, Today);

    [Fact]
    public void Still_waiting_counts_as_censored_at_today()
    {
        // 1 Jan to 1 Mar 2026 = 31 + 28 days.
        Assert.Equal(new StageObservation(StageOutcome.Waiting, 59), Observe(new Timeline(Applied), Stage.AppliedToConditional));
        Assert.Equal(new StageObservation(StageOutcome.Waiting, 59), Observe(new Timeline(Applied), Stage.AppliedToCard));
        Assert.Equal(StageOutcome.NotReached, Observe(new Timeline(Applied), Stage.ConditionalToInterview).Outcome);
    }

    [Fact]
    public void A_finished_stage_gives_its_exact_wait()
    {
        var timeline = new Timeline(Applied, Conditional: new DateOnly(2026, 2, 10));

        Assert.Equal(new StageObservation(StageOutcome.Finished, 40), Observe(timeline, Stage.AppliedToConditional));
        Assert.Equal(new StageObservation(StageOutcome.Waiting, 19), Observe(timeline, Stage.ConditionalToInterview));
    }

    [Fact]
    public void A_booked_interview_is_not_a_finished_interview()
    {
        var timeline = new Timeline(Applied, Conditional: new DateOnly(2026, 2, 1), InterviewCa: new DateOnly(2026, 3, 10), InterviewUs: new DateOnly(2026, 3, 10));

        Assert.Equal(new StageObservation(StageOutcome.Waiting, 28), Observe(timeline, Stage.ConditionalToInterview));
        Assert.Equal(StageOutcome.NotReached, Observe(timeline, Stage.InterviewToApproved).Outcome);
    }

    [Fact]
    public void The_interview_is_done_when_its_later_half_is()
    {
        var halfDone = new Timeline(Applied, Conditional: new DateOnly(2026, 2, 1), InterviewCa: new DateOnly(2026, 2, 5));
        var bothDone = halfDone with { InterviewUs = new DateOnly(2026, 2, 20) };

        Assert.Equal(new StageObservation(StageOutcome.Waiting, 28), Observe(halfDone, Stage.ConditionalToInterview));
        Assert.Equal(new StageObservation(StageOutcome.Finished, 19), Observe(bothDone, Stage.ConditionalToInterview));
        Assert.Equal(new StageObservation(StageOutcome.Waiting, 9), Observe(bothDone, Stage.InterviewToApproved));
    }

    [Fact]
    public void A_renewal_approved_without_conditional_approval_skips_that_stage_but_counts_for_the_whole_process()
    {
        var timeline = new Timeline(Applied, Approved: new DateOnly(2026, 1, 20), Card: new DateOnly(2026, 2, 3));

        Assert.Equal(StageOutcome.Skipped, Observe(timeline, Stage.AppliedToConditional).Outcome);
        Assert.Equal(StageOutcome.NotReached, Observe(timeline, Stage.ConditionalToInterview).Outcome);
        Assert.Equal(new StageObservation(StageOutcome.Finished, 14), Observe(timeline, Stage.ApprovedToCard));
        Assert.Equal(new StageObservation(StageOutcome.Finished, 33), Observe(timeline, Stage.AppliedToCard));
    }

    [Fact]
    public void A_denial_leaves_the_stage_censored_at_the_denial_date()
    {
        var timeline = new Timeline(Applied, Denied: new DateOnly(2026, 2, 1));

        Assert.Equal(new StageObservation(StageOutcome.Left, 31), Observe(timeline, Stage.AppliedToConditional));
        Assert.Equal(new StageObservation(StageOutcome.Left, 31), Observe(timeline, Stage.AppliedToCard));
        Assert.Equal(StageOutcome.NotReached, Observe(timeline, Stage.ConditionalToInterview).Outcome);
    }

    [Fact]
    public void Stages_finished_before_a_denial_still_count_as_finished()
    {
        var timeline = new Timeline(Applied, Conditional: new DateOnly(2026, 1, 11), InterviewCa: new DateOnly(2026, 2, 1), InterviewUs: new DateOnly(2026, 2, 1), Denied: new DateOnly(2026, 2, 1));

        Assert.Equal(new StageObservation(StageOutcome.Finished, 10), Observe(timeline, Stage.AppliedToConditional));
        Assert.Equal(new StageObservation(StageOutcome.Finished, 21), Observe(timeline, Stage.ConditionalToInterview));
        Assert.Equal(new StageObservation(StageOutcome.Left, 0), Observe(timeline, Stage.InterviewToApproved));
    }

    [Theory]
    [InlineData("2026-03-02", null, null)]       // applied in the future
    [InlineData("2026-01-01", "2025-12-31", null)] // conditional approval before applying
    [InlineData("2026-01-01", "2026-03-05", null)] // conditional approval in the future
    [InlineData("2026-01-01", null, "2026-03-05")] // denial in the future
    public void Impossible_dates_are_ignored(string applied, string? conditional, string? denied)
    {
        var timeline = new Timeline(
            DateOnly.Parse(applied, System.Globalization.CultureInfo.InvariantCulture),
            Conditional: conditional is null ? null : DateOnly.Parse(conditional, System.Globalization.CultureInfo.InvariantCulture),
            Denied: denied is null ? null : DateOnly.Parse(denied, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(StageOutcome.Ignored, Observe(timeline, Stage.AppliedToConditional).Outcome);
    }
}
