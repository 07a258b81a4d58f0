using Microsoft.Extensions.Logging.Abstractions;
using Nexus.Domain.Cases;
using Nexus.Domain.Storage;
using Nexus.Domain.Tests.Support;

namespace Nexus.Domain.Tests.Moderation;

/// <summary>The feed hook of <see cref="CaseService"/>: what it reports, and when (the sentence is Nexus.Bot's, see FeedSentenceTests).</summary>
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

    [Fact]
    public async Task A_saved_milestone_update_is_reported_after_the_save_with_before_and_after()
    {
        Errors.AssertOk(await _service.StartAsync(new StartCaseRequest(Guild, Member, D(2024, 3, 4), ApplicationType.Initial, ApplicantStatus.UsCitizen), CancellationToken.None));

        var saved = Errors.AssertOk(await _service.UpdateMilestoneAsync(Guild, Member, MilestoneInput.Conditional, D(2024, 5, 6), CancellationToken.None));

        var change = Assert.Single(_recorder.Changes);
        Assert.Equal((Guild, MilestoneInput.Conditional, Today), (change.GuildId, change.Milestone, change.Today));
        Assert.Null(change.Before.Timeline.Conditional);
        Assert.Equal(saved.ToFacts(), change.After);
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
