using Moq;
using Nexus.Domain.Common;
using Microsoft.Extensions.Logging.Abstractions;
using Nexus.Domain.Cases;
using Nexus.Domain.Storage;
using Nexus.Domain.Tests.Support;
using static Nexus.Domain.Tests.Support.Errors;

namespace Nexus.Domain.Tests.Cases;

/// <summary>The case service over real SQLite storage, with a clock the tests set.</summary>
public sealed class CaseServiceTests : IAsyncLifetime
{
    private const ulong Guild = 1001;
    private const ulong Alice = 2001;
    private const ulong Bob = 2002;
    private static readonly DateOnly Today = new(2024, 6, 15);

    private readonly FakeTimeProvider _clock = FakeTimeProvider.OnDay(Today);
    private SqliteDatabase _database = null!;
    private CaseRepository _repository = null!;

    public async Task InitializeAsync()
    {
        _database = await SqliteDatabase.CreateAsync();
        _repository = new CaseRepository(_database.Factory, NullLogger<CaseRepository>.Instance);
    }

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    private CaseService Service(ICaseRepository? repository = null) => new(repository ?? _repository, EnrolmentCentres.Default, _clock);

    private static StartCaseRequest Start(ulong user, string applied = "2024-01-10", int applicants = 1, string? centre = null) =>
        new(Guild, user, DateOnly.Parse(applied, System.Globalization.CultureInfo.InvariantCulture), ApplicationType.Initial, ApplicantStatus.UsCitizen, applicants, centre);

    private async Task<Case> Started(ulong user)
    {
        return AssertOk(await Service().StartAsync(Start(user, centre: "US-WA-BLAINE"), CancellationToken.None));
    }

    [Fact]
    public async Task Start_saves_the_case_with_its_number_and_history()
    {
        var started = await Started(Alice);

        Assert.Equal((1L, (ulong?)Alice, "us-wa-blaine", false, false), (started.CaseNumber, started.OwnerId, started.CentreCode, started.Visible, started.Excluded));
        Assert.Equal(_clock.GetUtcNow(), started.CreatedAt);
        var history = await _repository.GetHistoryAsync(started.Id, 0, 10, CancellationToken.None);
        Assert.Equal(
            [("applied", "2024-01-10"), ("type", "initial"), ("applicant-status", "us-citizen"), ("applicants", "1"), ("centre", "us-wa-blaine")],
            history.Select(h => (h.Field, h.To!)));
        Assert.All(history, h => Assert.Equal((Alice, (string?)null), (h.ActorId, h.From)));
    }

    [Fact]
    public async Task A_second_start_tells_the_member_to_update_instead()
    {
        await Started(Alice);

        AssertError(await Service().StartAsync(Start(Alice, "2024-02-01"), CancellationToken.None),
            "case.exists", "You already have a case in this server.");
    }

    [Fact]
    public async Task A_second_start_that_races_past_the_check_is_refused_by_storage()
    {
        // Both starts see "no case yet"; the unique index decides.
        var blind = new Mock<ICaseRepository>();
        blind.Setup(r => r.FindByOwnerAsync(It.IsAny<ulong>(), It.IsAny<ulong>(), It.IsAny<CancellationToken>())).ReturnsAsync((Case?)null);
        blind.Setup(r => r.InsertAsync(It.IsAny<Case>(), It.IsAny<IReadOnlyList<CaseHistoryEntry>>(), It.IsAny<CancellationToken>()))
            .Returns((Case c, IReadOnlyList<CaseHistoryEntry> h, CancellationToken t) => _repository.InsertAsync(c, h, t));

        AssertOk(await Service(blind.Object).StartAsync(Start(Alice), CancellationToken.None));
        AssertError(await Service(blind.Object).StartAsync(Start(Alice), CancellationToken.None),
            "case.exists", "You already have a case in this server.");
    }

    [Fact]
    public async Task Bad_start_input_is_refused_and_nothing_is_saved()
    {
        AssertError(await Service().StartAsync(Start(Alice, "2024-06-16"), CancellationToken.None),
            "date.future", "The application date can't be in the future (today is 2024-06-15).");
        AssertError(await Service().StartAsync(Start(Alice, applicants: 11), CancellationToken.None),
            "case.applicants", "The number of applicants must be between 1 and 10.");
        AssertError(await Service().StartAsync(Start(Alice, centre: "nowhere"), CancellationToken.None),
            "case.centre", "'nowhere' isn't a known enrolment centre; pick one from the list.");

        Assert.Null(await _repository.FindByOwnerAsync(Guild, Alice, CancellationToken.None));
        Assert.Equal(0, await _repository.GetGuildVersionAsync(Guild, CancellationToken.None));
    }

    [Fact]
    public async Task Update_saves_the_milestone_with_a_history_row_and_replaces_it_later()
    {
        var started = await Started(Alice);
        AssertOk(await Service().UpdateMilestoneAsync(Guild, Alice, MilestoneInput.Conditional, new DateOnly(2024, 2, 1), CancellationToken.None));
        _clock.Advance(TimeSpan.FromHours(1));

        var updated = AssertOk(await Service().UpdateMilestoneAsync(Guild, Alice, MilestoneInput.Conditional, new DateOnly(2024, 2, 3), CancellationToken.None));

        Assert.Equal(new DateOnly(2024, 2, 3), updated.Timeline.Conditional);
        Assert.Equal(CaseStatus.ConditionallyApproved, updated.StatusOn(Today));
        Assert.Equal(updated, await _repository.FindByOwnerAsync(Guild, Alice, CancellationToken.None));
        var last = (await _repository.GetHistoryAsync(started.Id, 5, 10, CancellationToken.None))[^1];
        Assert.Equal(new CaseHistoryEntry("conditional", "2024-02-01", "2024-02-03", _clock.GetUtcNow(), Alice), last);
    }

    [Fact]
    public async Task The_application_date_can_be_corrected_with_history()
    {
        var started = await Started(Alice);

        var updated = AssertOk(await Service().UpdateApplicationDateAsync(Guild, Alice, new DateOnly(2024, 1, 8), CancellationToken.None));

        Assert.Equal(new DateOnly(2024, 1, 8), (await _repository.FindByOwnerAsync(Guild, Alice, CancellationToken.None))!.Timeline.Applied);
        Assert.Equal(2, updated.Version);
        var last = (await _repository.GetHistoryAsync(started.Id, 0, 50, CancellationToken.None))[^1];
        Assert.Equal(("applied", "2024-01-10", "2024-01-08"), (last.Field, last.From, last.To));
    }

    [Fact]
    public async Task Joint_interview_writes_a_history_row_per_half()
    {
        var started = await Started(Alice);
        await Service().UpdateMilestoneAsync(Guild, Alice, MilestoneInput.Conditional, new DateOnly(2024, 2, 1), CancellationToken.None);

        var updated = AssertOk(await Service().UpdateMilestoneAsync(Guild, Alice, MilestoneInput.Interview, new DateOnly(2024, 7, 1), CancellationToken.None));

        Assert.Equal(CaseStatus.InterviewScheduled, updated.StatusOn(Today));
        var history = await _repository.GetHistoryAsync(started.Id, 6, 10, CancellationToken.None);
        Assert.Equal(["interview-ca", "interview-us"], history.Select(h => h.Field));
    }

    [Fact]
    public async Task A_broken_rule_saves_nothing()
    {
        var started = await Started(Alice);

        AssertError(await Service().UpdateMilestoneAsync(Guild, Alice, MilestoneInput.Conditional, new DateOnly(2024, 1, 9), CancellationToken.None),
            "rule.order", "Conditional approval can't be before your application date (2024-01-10).");

        Assert.Equal(started, await _repository.FindByOwnerAsync(Guild, Alice, CancellationToken.None));
        Assert.Equal(5, (await _repository.GetHistoryAsync(started.Id, 0, 50, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Today_comes_from_the_clock()
    {
        await Started(Alice);
        var tomorrow = Today.AddDays(1);
        AssertError(await Service().UpdateMilestoneAsync(Guild, Alice, MilestoneInput.Conditional, tomorrow, CancellationToken.None),
            "date.future", "Conditional approval can't be in the future (today is 2024-06-15).");

        _clock.Advance(TimeSpan.FromDays(1));

        Assert.Equal(tomorrow, AssertOk(await Service().UpdateMilestoneAsync(Guild, Alice, MilestoneInput.Conditional, tomorrow, CancellationToken.None)).Timeline.Conditional);
    }

    [Fact]
    public async Task Clear_removes_the_milestone_and_records_it()
    {
        var started = await Started(Alice);
        await Service().UpdateMilestoneAsync(Guild, Alice, MilestoneInput.Denied, new DateOnly(2024, 3, 1), CancellationToken.None);

        var cleared = AssertOk(await Service().ClearMilestoneAsync(Guild, Alice, MilestoneInput.Denied, CancellationToken.None));

        Assert.Equal(new Timeline(new DateOnly(2024, 1, 10)), cleared.Timeline);
        var last = (await _repository.GetHistoryAsync(started.Id, 0, 50, CancellationToken.None))[^1];
        Assert.Equal(("denied", "2024-03-01", (string?)null), (last.Field, last.From, last.To));
    }

    [Fact]
    public async Task Changing_a_case_that_does_not_exist_says_how_to_start()
    {
        AssertError(await Service().UpdateMilestoneAsync(Guild, Alice, MilestoneInput.Conditional, Today, CancellationToken.None),
            "case.none", "You don't have a case in this server yet.");
        AssertError(await Service().DeleteAsync(Guild, Alice, CancellationToken.None),
            "case.none", "You don't have a case in this server yet.");
    }

    [Fact]
    public async Task Others_see_a_case_only_when_its_owner_makes_it_visible()
    {
        await Started(Alice);
        const string hidden = "That member has no case you can see; cases are private unless their owner shares them.";
        AssertError(await Service().GetAsync(Guild, Bob, Alice, CancellationToken.None), "case.not_found", hidden);
        AssertError(await Service().GetAsync(Guild, Bob, 9999, CancellationToken.None), "case.not_found", hidden);
        Assert.Equal(Alice, AssertOk(await Service().GetAsync(Guild, Alice, null, CancellationToken.None)).OwnerId);

        AssertOk(await Service().SetVisibilityAsync(Guild, Alice, true, CancellationToken.None));

        Assert.Equal(Alice, AssertOk(await Service().GetAsync(Guild, Bob, Alice, CancellationToken.None)).OwnerId);
        AssertOk(await Service().SetVisibilityAsync(Guild, Alice, false, CancellationToken.None));
        AssertError(await Service().GetAsync(Guild, Bob, Alice, CancellationToken.None), "case.not_found", hidden);
    }

    [Fact]
    public async Task Delete_removes_the_members_case_and_history_in_that_server_only()
    {
        var mine = await Started(Alice);
        var elsewhere = AssertOk(await Service().StartAsync(Start(Alice) with { GuildId = Guild + 1 }, CancellationToken.None));

        Assert.Equal(1, AssertOk(await Service().DeleteAsync(Guild, Alice, CancellationToken.None)));

        Assert.Null(await _repository.FindByOwnerAsync(Guild, Alice, CancellationToken.None));
        Assert.Empty(await _repository.GetHistoryAsync(mine.Id, 0, 50, CancellationToken.None));
        Assert.NotNull(await _repository.FindByOwnerAsync(Guild + 1, Alice, CancellationToken.None));
        Assert.NotEmpty(await _repository.GetHistoryAsync(elsewhere.Id, 0, 50, CancellationToken.None));
        Assert.Equal(2, (await Started(Alice)).CaseNumber);
    }

    [Fact]
    public async Task A_change_that_loses_a_race_is_reapplied_on_the_winners_data()
    {
        await Started(Alice);
        await Service().UpdateMilestoneAsync(Guild, Alice, MilestoneInput.Conditional, new DateOnly(2024, 2, 1), CancellationToken.None);

        // Between this writer's read and its save, another writer records the U.S. interview.
        var raced = false;
        var racing = new Mock<ICaseRepository>();
        racing.Setup(r => r.FindByOwnerAsync(Guild, Alice, It.IsAny<CancellationToken>()))
            .Returns((ulong g, ulong o, CancellationToken t) => _repository.FindByOwnerAsync(g, o, t));
        racing.Setup(r => r.TryUpdateAsync(It.IsAny<Case>(), It.IsAny<IReadOnlyList<CaseHistoryEntry>>(), It.IsAny<CancellationToken>()))
            .Returns(async (Case c, IReadOnlyList<CaseHistoryEntry> h, CancellationToken t) =>
            {
                if (!raced)
                {
                    raced = true;
                    AssertOk(await Service().UpdateMilestoneAsync(Guild, Alice, MilestoneInput.InterviewUs, new DateOnly(2024, 3, 2), t));
                }

                return await _repository.TryUpdateAsync(c, h, t);
            });

        var result = AssertOk(await Service(racing.Object).UpdateMilestoneAsync(Guild, Alice, MilestoneInput.InterviewCa, new DateOnly(2024, 3, 1), CancellationToken.None));

        Assert.Equal((new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 2)), (result.Timeline.InterviewCa!.Value, result.Timeline.InterviewUs!.Value));
        Assert.Equal(result, await _repository.FindByOwnerAsync(Guild, Alice, CancellationToken.None));
        racing.Verify(r => r.TryUpdateAsync(It.IsAny<Case>(), It.IsAny<IReadOnlyList<CaseHistoryEntry>>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task A_change_that_keeps_losing_asks_the_member_to_retry_and_saves_nothing()
    {
        var started = await Started(Alice);
        var losing = new Mock<ICaseRepository>();
        losing.Setup(r => r.FindByOwnerAsync(Guild, Alice, It.IsAny<CancellationToken>())).ReturnsAsync(started);
        losing.Setup(r => r.TryUpdateAsync(It.IsAny<Case>(), It.IsAny<IReadOnlyList<CaseHistoryEntry>>(), It.IsAny<CancellationToken>())).ReturnsAsync((Case?)null);

        AssertError(await Service(losing.Object).SetVisibilityAsync(Guild, Alice, true, CancellationToken.None),
            "case.busy", "Your case was being changed at the same moment; please try again.");
        losing.Verify(r => r.TryUpdateAsync(It.IsAny<Case>(), It.IsAny<IReadOnlyList<CaseHistoryEntry>>(), It.IsAny<CancellationToken>()),
            Times.Exactly(CaseService.MaxAttempts));
    }

    [Fact]
    public async Task Parallel_changes_of_one_case_all_survive()
    {
        await Started(Alice);
        await Service().UpdateMilestoneAsync(Guild, Alice, MilestoneInput.Conditional, new DateOnly(2024, 2, 1), CancellationToken.None);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Func<Task<Result<Case>>>[] changes =
        [
            () => Service().UpdateMilestoneAsync(Guild, Alice, MilestoneInput.InterviewCa, new DateOnly(2024, 3, 1), CancellationToken.None),
            () => Service().UpdateMilestoneAsync(Guild, Alice, MilestoneInput.InterviewUs, new DateOnly(2024, 3, 2), CancellationToken.None),
            () => Service().SetVisibilityAsync(Guild, Alice, true, CancellationToken.None),
            () => Service().UpdateMilestoneAsync(Guild, Alice, MilestoneInput.Conditional, new DateOnly(2024, 2, 5), CancellationToken.None),
        ];

        var running = changes.Select(change => Task.Run(async () =>
        {
            await start.Task;
            return await change();
        })).ToList();
        start.SetResult();
        var results = await Task.WhenAll(running);

        Assert.All(results, r => AssertOk(r));
        var final = (await _repository.FindByOwnerAsync(Guild, Alice, CancellationToken.None))!;
        Assert.Equal(new Timeline(new DateOnly(2024, 1, 10), new DateOnly(2024, 2, 5), new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 2)), final.Timeline);
        Assert.True(final.Visible);
        Assert.Equal(6, final.Version);
    }
}
