using Nexus.Domain.Cases;

namespace Nexus.Domain.Tests.Cases;

public sealed class StatusDerivationTests
{
    private static readonly DateOnly Today = new(2024, 6, 15);
    private static readonly Timeline Applied = new(new DateOnly(2024, 1, 10));
    private static readonly Timeline Conditional = Applied with { Conditional = new DateOnly(2024, 2, 1) };

    [Fact]
    public void Applied_only_is_pending_review() =>
        Assert.Equal(CaseStatus.PendingReview, CaseRules.DeriveStatus(Applied, Today));

    [Fact]
    public void Conditional_is_conditionally_approved() =>
        Assert.Equal(CaseStatus.ConditionallyApproved, CaseRules.DeriveStatus(Conditional, Today));

    [Fact]
    public void One_half_done_and_the_other_not_booked_is_still_conditionally_approved() =>
        Assert.Equal(CaseStatus.ConditionallyApproved, CaseRules.DeriveStatus(Conditional with { InterviewCa = new DateOnly(2024, 3, 1) }, Today));

    [Fact]
    public void A_half_in_the_future_is_interview_scheduled()
    {
        Assert.Equal(CaseStatus.InterviewScheduled, CaseRules.DeriveStatus(Conditional with { InterviewUs = Today.AddDays(1) }, Today));
        Assert.Equal(CaseStatus.InterviewScheduled,
            CaseRules.DeriveStatus(Conditional with { InterviewCa = new DateOnly(2024, 3, 1), InterviewUs = Today.AddDays(30) }, Today));
    }

    [Fact]
    public void Both_halves_done_is_interviewed_and_today_counts_as_done()
    {
        Assert.Equal(CaseStatus.Interviewed, CaseRules.DeriveStatus(Conditional with { InterviewCa = new DateOnly(2024, 3, 1), InterviewUs = Today }, Today));
    }

    [Fact]
    public void Scheduled_interview_becomes_interviewed_when_its_day_comes()
    {
        var booked = Conditional with { InterviewCa = Today.AddDays(3), InterviewUs = Today.AddDays(3) };
        Assert.Equal(CaseStatus.InterviewScheduled, CaseRules.DeriveStatus(booked, Today.AddDays(2)));
        Assert.Equal(CaseStatus.Interviewed, CaseRules.DeriveStatus(booked, Today.AddDays(3)));
    }

    [Fact]
    public void Approved_is_approved() =>
        Assert.Equal(CaseStatus.Approved, CaseRules.DeriveStatus(Applied with { Approved = new DateOnly(2024, 3, 1) }, Today));

    [Fact]
    public void Card_is_card_received() =>
        Assert.Equal(CaseStatus.CardReceived, CaseRules.DeriveStatus(Applied with { Approved = new DateOnly(2024, 3, 1), Card = new DateOnly(2024, 3, 14) }, Today));

    [Fact]
    public void Denied_wins_over_everything() =>
        Assert.Equal(CaseStatus.Denied, CaseRules.DeriveStatus(Conditional with { InterviewUs = Today.AddDays(5), Denied = new DateOnly(2024, 3, 1) }, Today));
}
