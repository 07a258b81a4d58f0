using Nexus.Domain.Common;
using Nexus.Domain.Cases;
using static Nexus.Domain.Tests.Support.Errors;

namespace Nexus.Domain.Tests.Cases;

public sealed class CaseRulesTests
{
    private static readonly DateOnly Today = new(2024, 6, 15);
    private static readonly Timeline Applied = new(new DateOnly(2024, 1, 10));

    private static readonly Timeline Interviewed = Applied with
    {
        Conditional = new DateOnly(2024, 2, 1),
        InterviewCa = new DateOnly(2024, 3, 1),
        InterviewUs = new DateOnly(2024, 3, 5),
    };

    private static readonly Timeline WithApproval = Interviewed with { Approved = new DateOnly(2024, 3, 5) };

    private static Result<Timeline> Set(Timeline timeline, MilestoneInput input, string date, ApplicationType type = ApplicationType.Initial) =>
        CaseRules.SetMilestone(type, timeline, input, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), Today);

    [Fact]
    public void Application_date_in_the_future_is_refused()
    {
        AssertError(CaseRules.CheckApplicationDate(Today.AddDays(1), Today), "date.future", "The application date can't be in the future (today is 2024-06-15).");
    }

    [Fact]
    public void Application_date_before_2002_is_refused()
    {
        AssertError(CaseRules.CheckApplicationDate(new DateOnly(2001, 12, 31), Today), "date.too_early", "The application date can't be before 2002-01-01.");
    }

    [Fact]
    public void Application_date_of_today_and_of_2002_01_01_are_accepted()
    {
        Assert.Null(CaseRules.CheckApplicationDate(Today, Today));
        Assert.Null(CaseRules.CheckApplicationDate(new DateOnly(2002, 1, 1), Today));
    }

    [Fact]
    public void Application_date_may_be_corrected_but_not_past_a_later_milestone()
    {
        Assert.Equal(Interviewed with { Applied = new DateOnly(2024, 1, 20) }, AssertOk(CaseRules.SetApplicationDate(Interviewed, new DateOnly(2024, 1, 20), Today)));
        AssertError(CaseRules.SetApplicationDate(Interviewed, new DateOnly(2024, 2, 2), Today), "rule.order",
            "The application date can't be after your conditional approval (2024-02-01).");
        AssertError(CaseRules.SetApplicationDate(Interviewed, Today.AddDays(1), Today), "date.future",
            "The application date can't be in the future (today is 2024-06-15).");
    }

    [Fact]
    public void Milestone_before_2002_is_refused()
    {
        AssertError(Set(Applied, MilestoneInput.Conditional, "2001-05-01"), "date.too_early", "Conditional approval can't be before 2002-01-01.");
    }

    [Theory]
    [InlineData(MilestoneInput.Conditional, "Conditional approval can't be in the future (today is 2024-06-15).")]
    [InlineData(MilestoneInput.Denied, "The denial can't be in the future (today is 2024-06-15).")]
    public void Only_interviews_may_be_in_the_future(MilestoneInput input, string message)
    {
        AssertError(Set(Applied, input, "2024-06-16"), "date.future", message);
    }

    [Fact]
    public void Approval_and_card_may_not_be_in_the_future()
    {
        AssertError(Set(Interviewed, MilestoneInput.Approved, "2024-06-16"), "date.future", "Approval can't be in the future (today is 2024-06-15).");
        AssertError(Set(WithApproval, MilestoneInput.Card, "2024-06-16"), "date.future", "The card date can't be in the future (today is 2024-06-15).");
    }

    [Fact]
    public void Interview_may_be_booked_up_to_18_months_ahead()
    {
        var conditional = Applied with { Conditional = new DateOnly(2024, 2, 1) };
        var booked = AssertOk(Set(conditional, MilestoneInput.Interview, "2025-12-15"));
        Assert.Equal(new DateOnly(2025, 12, 15), booked.InterviewCa);
        Assert.Equal(new DateOnly(2025, 12, 15), booked.InterviewUs);
    }

    [Fact]
    public void Interview_more_than_18_months_ahead_is_refused()
    {
        var conditional = Applied with { Conditional = new DateOnly(2024, 2, 1) };
        AssertError(Set(conditional, MilestoneInput.Interview, "2025-12-16"), "date.too_far", "The interview can't be more than 18 months ahead (the latest is 2025-12-15).");
        AssertError(Set(conditional, MilestoneInput.InterviewCa, "2026-01-01"), "date.too_far", "The Canadian interview can't be more than 18 months ahead (the latest is 2025-12-15).");
    }

    [Fact]
    public void Conditional_before_the_application_date_is_refused()
    {
        AssertError(Set(Applied, MilestoneInput.Conditional, "2024-01-09"), "rule.order", "Conditional approval can't be before your application date (2024-01-10).");
    }

    [Fact]
    public void Interview_half_before_conditional_is_refused()
    {
        AssertError(Set(Applied with { Conditional = new DateOnly(2024, 2, 1) }, MilestoneInput.InterviewCa, "2024-01-31"),
            "rule.order", "The Canadian interview can't be before your conditional approval (2024-02-01).");
    }

    [Fact]
    public void Approval_before_an_interview_half_is_refused()
    {
        AssertError(Set(Interviewed, MilestoneInput.Approved, "2024-03-03"), "rule.order", "Approval can't be before your U.S. interview (2024-03-05).");
    }

    [Fact]
    public void Card_before_approval_is_refused()
    {
        AssertError(Set(WithApproval, MilestoneInput.Card, "2024-03-04"), "rule.order", "The card date can't be before your approval (2024-03-05).");
    }

    [Fact]
    public void Moving_an_earlier_milestone_after_a_later_one_is_refused()
    {
        AssertError(Set(Interviewed, MilestoneInput.Conditional, "2024-03-02"), "rule.order", "Conditional approval can't be after your Canadian interview (2024-03-01).");
    }

    [Fact]
    public void Interview_halves_may_be_on_different_days_in_either_order()
    {
        var conditional = Applied with { Conditional = new DateOnly(2024, 2, 1) };
        var us = AssertOk(Set(conditional, MilestoneInput.InterviewUs, "2024-03-01"));
        var both = AssertOk(Set(us, MilestoneInput.InterviewCa, "2024-02-20"));
        Assert.Equal(new DateOnly(2024, 2, 20), both.InterviewCa);
        Assert.Equal(new DateOnly(2024, 3, 1), both.InterviewUs);
    }

    [Theory]
    [InlineData("applied")]
    [InlineData("conditional")]
    [InlineData("interviewed")]
    public void Denial_may_follow_any_milestone_before_approval(string stage)
    {
        var timeline = stage switch
        {
            "applied" => Applied,
            "conditional" => Applied with { Conditional = new DateOnly(2024, 2, 1) },
            _ => Interviewed,
        };
        Assert.Equal(new DateOnly(2024, 4, 1), AssertOk(Set(timeline, MilestoneInput.Denied, "2024-04-01")).Denied);
    }

    [Fact]
    public void Denial_after_approval_or_the_card_is_refused_with_what_was_recorded()
    {
        AssertError(Set(WithApproval, MilestoneInput.Denied, "2024-04-01"), "rule.approved",
            "A denial can't follow approval: this case was approved on 2024-03-05. If that was recorded by mistake, clear it first.");
        AssertError(Set(WithApproval with { Card = new DateOnly(2024, 3, 20) }, MilestoneInput.Denied, "2024-04-01"), "rule.approved",
            "A denial can't follow approval: your card was received on 2024-03-20. If that was recorded by mistake, clear it first.");
    }

    [Fact]
    public void Denial_before_an_earlier_milestone_is_refused()
    {
        AssertError(Set(Interviewed, MilestoneInput.Denied, "2024-03-04"), "rule.order", "The denial can't be before your U.S. interview (2024-03-05).");
    }

    [Fact]
    public void Nothing_new_may_be_added_after_a_denial()
    {
        var denied = Applied with { Conditional = new DateOnly(2024, 2, 1), Denied = new DateOnly(2024, 3, 1) };
        AssertError(Set(denied, MilestoneInput.Interview, "2024-02-15"), "rule.denied",
            "This case was denied on 2024-03-01, so nothing can be added after it; clear the denial first if it was recorded by mistake.");
    }

    [Fact]
    public void No_milestone_may_be_moved_after_the_denial()
    {
        var denied = Applied with { Conditional = new DateOnly(2024, 2, 1), Denied = new DateOnly(2024, 3, 1) };
        AssertError(Set(denied, MilestoneInput.Conditional, "2024-03-02"), "rule.order", "Conditional approval can't be after your denial (2024-03-01).");
    }

    [Fact]
    public void A_recorded_milestone_may_be_corrected_on_a_denied_case_and_the_denial_cleared()
    {
        var denied = Applied with { Conditional = new DateOnly(2024, 2, 1), Denied = new DateOnly(2024, 3, 1) };
        var corrected = AssertOk(Set(denied, MilestoneInput.Conditional, "2024-02-10"));
        Assert.Equal(new DateOnly(2024, 2, 10), corrected.Conditional);

        var cleared = AssertOk(CaseRules.ClearMilestone(ApplicationType.Initial, corrected, MilestoneInput.Denied));
        Assert.Null(cleared.Denied);
        Assert.Equal(new DateOnly(2024, 3, 1), AssertOk(Set(cleared, MilestoneInput.Interview, "2024-03-01")).InterviewCa);
    }

    [Fact]
    public void Initial_application_needs_conditional_before_approval()
    {
        AssertError(Set(Applied, MilestoneInput.Approved, "2024-03-01"), "rule.prerequisite",
            "Add your conditional approval first: an initial application is approved only after conditional approval and both interview halves.");
    }

    [Fact]
    public void Initial_application_needs_both_interview_halves_before_approval()
    {
        var oneHalf = Applied with { Conditional = new DateOnly(2024, 2, 1), InterviewCa = new DateOnly(2024, 3, 1) };
        AssertError(Set(oneHalf, MilestoneInput.Approved, "2024-03-05"), "rule.prerequisite",
            "Add your U.S. interview first: an initial application is approved only after conditional approval and both interview halves.");
    }

    [Theory]
    [InlineData(ApplicationType.Initial)]
    [InlineData(ApplicationType.Renewal)]
    public void Interview_needs_conditional_approval(ApplicationType type)
    {
        AssertError(Set(Applied, MilestoneInput.InterviewUs, "2024-03-01", type), "rule.prerequisite",
            "Add your conditional approval first: an interview comes after conditional approval.");
    }

    [Theory]
    [InlineData(ApplicationType.Initial)]
    [InlineData(ApplicationType.Renewal)]
    public void Card_needs_approval(ApplicationType type)
    {
        AssertError(Set(Interviewed, MilestoneInput.Card, "2024-03-20", type), "rule.prerequisite", "Add your approval first: the card comes after approval.");
    }

    [Fact]
    public void Renewal_may_skip_conditional_approval_and_the_interview()
    {
        var approved = AssertOk(Set(Applied, MilestoneInput.Approved, "2024-02-01", ApplicationType.Renewal));
        var card = AssertOk(Set(approved, MilestoneInput.Card, "2024-02-14", ApplicationType.Renewal));
        Assert.Equal(new Timeline(new DateOnly(2024, 1, 10), Approved: new DateOnly(2024, 2, 1), Card: new DateOnly(2024, 2, 14)), card);
    }

    [Fact]
    public void Updating_a_milestone_replaces_its_date()
    {
        var updated = AssertOk(Set(Interviewed, MilestoneInput.Conditional, "2024-02-20"));
        Assert.Equal(Interviewed with { Conditional = new DateOnly(2024, 2, 20) }, updated);
    }

    [Fact]
    public void Joint_interview_sets_both_halves()
    {
        var updated = AssertOk(Set(Interviewed, MilestoneInput.Interview, "2024-03-10"));
        Assert.Equal(Interviewed with { InterviewCa = new DateOnly(2024, 3, 10), InterviewUs = new DateOnly(2024, 3, 10) }, updated);
    }

    [Fact]
    public void Clearing_is_allowed_when_the_order_stays_valid()
    {
        var withCard = WithApproval with { Card = new DateOnly(2024, 3, 20) };
        Assert.Equal(WithApproval, AssertOk(CaseRules.ClearMilestone(ApplicationType.Initial, withCard, MilestoneInput.Card)));
        Assert.Equal(Applied with { Conditional = new DateOnly(2024, 2, 1) },
            AssertOk(CaseRules.ClearMilestone(ApplicationType.Initial, Interviewed, MilestoneInput.Interview)));
    }

    [Fact]
    public void Clearing_a_milestone_that_is_not_recorded_is_refused()
    {
        AssertError(CaseRules.ClearMilestone(ApplicationType.Initial, Applied, MilestoneInput.Approved), "milestone.not_recorded", "Your case has no approval to clear.");
        AssertError(CaseRules.ClearMilestone(ApplicationType.Initial, Applied, MilestoneInput.Interview), "milestone.not_recorded", "Your case has no interview to clear.");
    }

    [Fact]
    public void Clearing_conditional_while_an_interview_is_recorded_is_refused()
    {
        AssertError(CaseRules.ClearMilestone(ApplicationType.Initial, Interviewed, MilestoneInput.Conditional), "rule.clear_dependency",
            "You can't clear your conditional approval while your Canadian interview is recorded; clear that first.");
    }

    [Fact]
    public void Clearing_the_interview_of_an_approved_initial_application_is_refused()
    {
        AssertError(CaseRules.ClearMilestone(ApplicationType.Initial, WithApproval, MilestoneInput.Interview), "rule.clear_dependency",
            "You can't clear your interview while your approval is recorded; clear that first.");
    }

    [Fact]
    public void Clearing_approval_while_the_card_is_recorded_is_refused()
    {
        AssertError(CaseRules.ClearMilestone(ApplicationType.Renewal, WithApproval with { Card = new DateOnly(2024, 3, 20) }, MilestoneInput.Approved),
            "rule.clear_dependency", "You can't clear your approval while your card date is recorded; clear that first.");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public void Applicants_outside_1_to_10_are_refused(int applicants)
    {
        AssertError(CaseRules.CheckApplicants(applicants), "case.applicants", "The number of applicants must be between 1 and 10.");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    public void Applicants_from_1_to_10_are_accepted(int applicants)
    {
        Assert.Null(CaseRules.CheckApplicants(applicants));
    }

    [Fact]
    public void Unknown_centre_is_refused_and_known_one_accepted()
    {
        AssertError(CaseRules.CheckCentre("xx-nowhere", EnrolmentCentres.Default), "case.centre", "'xx-nowhere' isn't a known enrolment centre; pick one from the list.");
        Assert.Null(CaseRules.CheckCentre("us-wa-blaine", EnrolmentCentres.Default));
        Assert.Null(CaseRules.CheckCentre(null, EnrolmentCentres.Default));
    }
}
