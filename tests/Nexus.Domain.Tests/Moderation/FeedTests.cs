using Microsoft.Extensions.Logging.Abstractions;
using Nexus.Domain.Cases;
using Nexus.Domain.Moderation;
using Nexus.Domain.Storage;
using Nexus.Domain.Tests.Support;

namespace Nexus.Domain.Tests.Moderation;

/// <summary>The feed hook of <see cref="CaseService"/> and the anonymous sentence built from it.</summary>
public sealed class FeedTests : IAsyncLifetime
{
    private const ulong Guild = 4242;
    private const ulong Member = 99_001;
    private static readonly DateOnly Today = new(2024, 6, 15);
    private readonly FakeTimeProvider _clock = FakeTimeProvider.OnDay(Today);
    private readonly Recorder _recorder = new();
    private SqliteDatabase _database = null!;
    private CaseService _service = null!;

    public async Task InitializeAsync()
    {
        _database = await SqliteDatabase.CreateAsync();
        _service = new CaseService(new CaseRepository(_database.Factory, NullLogger<CaseRepository>.Instance), EnrolmentCentres.Default, _clock, _recorder);
    }

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static MilestoneRecorded Change(MilestoneInput milestone, Timeline after, ApplicationType type = ApplicationType.Initial) =>
        new(1, new CaseFacts(1, type, ApplicantStatus.UsCitizen, null, new Timeline(after.Applied)), new CaseFacts(1, type, ApplicantStatus.UsCitizen, null, after), milestone, Today);

    [Fact]
    public async Task A_saved_milestone_update_is_reported_after_the_save_with_before_and_after()
    {
        Errors.AssertOk(await _service.StartAsync(new StartCaseRequest(Guild, Member, D(2024, 3, 4), ApplicationType.Initial, ApplicantStatus.UsCitizen), CancellationToken.None));

        var saved = Errors.AssertOk(await _service.UpdateMilestoneAsync(Guild, Member, MilestoneInput.Conditional, D(2024, 5, 6), CancellationToken.None));

        var change = Assert.Single(_recorder.Changes);
        Assert.Equal((Guild, MilestoneInput.Conditional, Today), (change.GuildId, change.Milestone, change.Today));
        Assert.Null(change.Before.Timeline.Conditional);
        Assert.Equal(saved.ToFacts(), change.After);
        Assert.Equal("A March 2024 initial application got conditional approval after 9 weeks.", FeedText.Describe(change));
    }

    [Fact]
    public async Task Refused_or_unchanged_updates_are_not_reported()
    {
        Errors.AssertOk(await _service.StartAsync(new StartCaseRequest(Guild, Member, D(2024, 3, 4), ApplicationType.Initial, ApplicantStatus.UsCitizen), CancellationToken.None));
        Assert.False((await _service.UpdateMilestoneAsync(Guild, Member, MilestoneInput.Conditional, D(2024, 1, 1), CancellationToken.None)).IsSuccess);
        Errors.AssertOk(await _service.UpdateMilestoneAsync(Guild, Member, MilestoneInput.Conditional, D(2024, 5, 6), CancellationToken.None));

        Errors.AssertOk(await _service.UpdateMilestoneAsync(Guild, Member, MilestoneInput.Conditional, D(2024, 5, 6), CancellationToken.None));

        Assert.Single(_recorder.Changes);
    }

    [Fact]
    public void The_sentences_name_the_month_type_and_wait_and_nothing_about_the_member()
    {
        var full = new Timeline(D(2024, 1, 10), D(2024, 3, 1), D(2024, 4, 2), D(2024, 4, 2), D(2024, 4, 20), D(2024, 5, 11));

        Assert.Equal("A January 2024 initial application completed the interview 5 weeks after conditional approval.", FeedText.Describe(Change(MilestoneInput.Interview, full)));
        Assert.Equal("A January 2024 initial application was approved 3 weeks after the interview.", FeedText.Describe(Change(MilestoneInput.Approved, full)));
        Assert.Equal("A January 2024 initial application received the card 3 weeks after approval.", FeedText.Describe(Change(MilestoneInput.Card, full)));
        Assert.Equal("A January 2024 renewal was approved 8 weeks after applying.",
            FeedText.Describe(Change(MilestoneInput.Approved, new Timeline(D(2024, 1, 10), Approved: D(2024, 3, 6)), ApplicationType.Renewal)));
        Assert.Equal("A January 2024 initial application was denied 3 months after applying.",
            FeedText.Describe(Change(MilestoneInput.Denied, new Timeline(D(2024, 1, 10), Denied: D(2024, 4, 20)))));
    }

    [Fact]
    public void A_booked_interview_or_half_an_interview_is_not_news()
    {
        Assert.Null(FeedText.Describe(Change(MilestoneInput.Interview, new Timeline(D(2024, 1, 10), D(2024, 3, 1), D(2024, 7, 1), D(2024, 7, 1)))));
        Assert.Null(FeedText.Describe(Change(MilestoneInput.InterviewCa, new Timeline(D(2024, 1, 10), D(2024, 3, 1), D(2024, 4, 1)))));
    }

    private sealed class Recorder : ICaseChangeObserver
    {
        public List<MilestoneRecorded> Changes { get; } = [];

        public ValueTask MilestoneRecordedAsync(MilestoneRecorded change, CancellationToken cancellationToken)
        {
            Changes.Add(change);
            return ValueTask.CompletedTask;
        }
    }
}
