using Nexus.Bot.Feed;
using Nexus.Bot.Localization;
using Nexus.Domain.Cases;

namespace Nexus.Bot.Tests.Feed;

/// <summary>The anonymous feed sentence: the application month, the type and the wait, never the member.</summary>
public sealed class FeedSentenceTests
{
    private static readonly DateOnly Today = new(2024, 6, 15);

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static MilestoneRecorded Change(MilestoneInput milestone, Timeline after, ApplicationType type = ApplicationType.Initial) =>
        new(1, new CaseFacts(1, type, ApplicantStatus.UsCitizen, null, new Timeline(after.Applied)), new CaseFacts(1, type, ApplicantStatus.UsCitizen, null, after), milestone, Today);

    [Fact]
    public void The_sentences_name_the_month_type_and_wait_and_nothing_about_the_member()
    {
        var full = new Timeline(D(2024, 1, 10), D(2024, 3, 1), D(2024, 4, 2), D(2024, 4, 2), D(2024, 4, 20), D(2024, 5, 11));

        Assert.Equal("A March 2024 initial application got conditional approval after 9 weeks.",
            FeedSentence.Describe(Change(MilestoneInput.Conditional, new Timeline(D(2024, 3, 4), D(2024, 5, 6)))));
        Assert.Equal("A January 2024 initial application completed the interview 5 weeks after conditional approval.", FeedSentence.Describe(Change(MilestoneInput.Interview, full)));
        Assert.Equal("A January 2024 initial application was approved 3 weeks after the interview.", FeedSentence.Describe(Change(MilestoneInput.Approved, full)));
        Assert.Equal("A January 2024 initial application received the card 3 weeks after approval.", FeedSentence.Describe(Change(MilestoneInput.Card, full)));
        Assert.Equal("A January 2024 renewal was approved 8 weeks after applying.",
            FeedSentence.Describe(Change(MilestoneInput.Approved, new Timeline(D(2024, 1, 10), Approved: D(2024, 3, 6)), ApplicationType.Renewal)));
        Assert.Equal("A January 2024 initial application was denied 3 months after applying.",
            FeedSentence.Describe(Change(MilestoneInput.Denied, new Timeline(D(2024, 1, 10), Denied: D(2024, 4, 20)))));
    }

    [Fact]
    public void A_booked_interview_or_half_an_interview_is_not_news()
    {
        Assert.Null(FeedSentence.Describe(Change(MilestoneInput.Interview, new Timeline(D(2024, 1, 10), D(2024, 3, 1), D(2024, 7, 1), D(2024, 7, 1)))));
        Assert.Null(FeedSentence.Describe(Change(MilestoneInput.InterviewCa, new Timeline(D(2024, 1, 10), D(2024, 3, 1), D(2024, 4, 1)))));
    }

    [Fact]
    public void In_a_French_server_the_sentences_are_French_with_French_months_and_waits()
    {
        var full = new Timeline(D(2024, 1, 10), D(2024, 3, 1), D(2024, 4, 2), D(2024, 4, 2), D(2024, 4, 20), D(2024, 5, 11));
        using var french = Languages.Use(Languages.French);

        Assert.Equal("Une première demande faite en janvier 2024 a passé l’entrevue 5 semaines après l’approbation conditionnelle.", FeedSentence.Describe(Change(MilestoneInput.Interview, full)));
        Assert.Equal("Un renouvellement demandé en janvier 2024 a été approuvé 8 semaines après son envoi.",
            FeedSentence.Describe(Change(MilestoneInput.Approved, new Timeline(D(2024, 1, 10), Approved: D(2024, 3, 6)), ApplicationType.Renewal)));
        Assert.Equal("Une première demande faite en janvier 2024 a été refusée 3 mois après son envoi.",
            FeedSentence.Describe(Change(MilestoneInput.Denied, new Timeline(D(2024, 1, 10), Denied: D(2024, 4, 20)))));
    }
}
