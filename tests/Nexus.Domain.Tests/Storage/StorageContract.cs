using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Nexus.Domain.Cases;
using Nexus.Domain.Moderation;
using Nexus.Domain.Settings;
using Nexus.Domain.Statistics;
using Nexus.Domain.Storage;
using Nexus.Domain.Tests.Support;

namespace Nexus.Domain.Tests.Storage;

/// <summary>
/// What every storage provider must do, written once. Each provider has a sealed subclass; tests use a
/// fresh random server id, so they also hold on a shared, long-lived SQL Server database.
/// </summary>
public abstract class StorageContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Noon = new(2024, 6, 15, 12, 0, 0, TimeSpan.Zero);

    protected ulong Guild { get; } = NewId();

    protected IDbConnectionFactory Factory { get; private set; } = null!;

    protected CaseRepository Repository { get; private set; } = null!;

    protected static ulong NewId() => (ulong)Random.Shared.NextInt64(1, long.MaxValue);

    /// <summary>A migrated database of the provider under test.</summary>
    protected abstract Task<IDbConnectionFactory> OpenDatabaseAsync();

    protected abstract Task CloseDatabaseAsync();

    public async Task InitializeAsync()
    {
        Factory = await OpenDatabaseAsync();
        Repository = new CaseRepository(Factory, NullLogger<CaseRepository>.Instance);
    }

    // Every test ends by checking that the case reader and the statistics load read the same cases, so each
    // kind of write the tests make is covered without repeating the check in each.
    public async Task DisposeAsync()
    {
        try
        {
            await CaseReaders.AssertAgreeAsync(Factory, Guild);
        }
        finally
        {
            await CloseDatabaseAsync();
        }
    }

    protected Case Draft(ulong? owner, Timeline? timeline = null) => new()
    {
        GuildId = Guild,
        OwnerId = owner,
        Type = ApplicationType.Initial,
        ApplicantStatus = ApplicantStatus.CaPermanentResident,
        Applicants = 3,
        CentreCode = "us-wa-blaine",
        Timeline = timeline ?? new Timeline(new DateOnly(2024, 1, 10)),
        CreatedAt = Noon,
        UpdatedAt = Noon,
    };

    private static CaseHistoryEntry History(string field, string? to, ulong actor) => new(field, null, to, Noon, actor);

    [Fact]
    public virtual async Task Every_write_reads_back_the_same_through_the_case_reader_and_the_stats_load()
    {
        var owner = NewId();
        var saved = await Repository.InsertAsync(Draft(owner), [History("applied", "2024-01-10", owner)], CancellationToken.None);
        await CaseReaders.AssertAgreeAsync(Factory, Guild);

        // Set milestones, then change the application date, then clear some: each is one update.
        var steps = new[]
        {
            new Timeline(new DateOnly(2024, 1, 10), new DateOnly(2024, 2, 1), new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 5)),
            new Timeline(new DateOnly(2023, 12, 31), new DateOnly(2024, 2, 1), new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 5), new DateOnly(2024, 3, 6), new DateOnly(2024, 3, 20)),
            new Timeline(new DateOnly(2023, 12, 31), new DateOnly(2024, 2, 1)),
            new Timeline(new DateOnly(2024, 1, 10), new DateOnly(2024, 2, 1), Denied: new DateOnly(2024, 2, 2)),
        };
        foreach (var timeline in steps)
        {
            saved = await Repository.TryUpdateAsync(saved! with { Timeline = timeline }, [History("timeline", null, owner)], CancellationToken.None);
            Assert.NotNull(saved);
            Assert.Equal(saved, await Repository.FindByOwnerAsync(Guild, owner, CancellationToken.None));
            await CaseReaders.AssertAgreeAsync(Factory, Guild);
            var (_, facts) = await Repository.LoadGuildCasesAsync(Guild, CancellationToken.None);
            Assert.Equal(CaseDays.From(timeline), Assert.Single(facts.Rows).Days);
        }

        var other = await Repository.InsertAsync(Draft(NewId(), steps[1]), [], CancellationToken.None);
        Assert.True(await Repository.DeleteAsync(Guild, saved!.Id, CancellationToken.None));
        await CaseReaders.AssertAgreeAsync(Factory, Guild);
        Assert.Equal(CaseDays.From(steps[1]), Assert.Single((await Repository.LoadGuildCasesAsync(Guild, CancellationToken.None)).Cases.Rows).Days);
        Assert.NotNull(other);
    }

    [Fact]
    public virtual async Task The_listing_puts_the_latest_milestone_up_to_today_first_and_filters_by_state_and_application_dates()
    {
        var today = new DateOnly(2024, 6, 15);
        var d = (int day) => today.AddDays(day);
        var timelines = new[]
        {
            new Timeline(d(-300), d(-200), d(-150), d(-150), d(-150), d(-140)), // #1 finished: card 140 days ago
            new Timeline(d(-100), d(-3), d(20), d(20)),                          // #2 moved: conditional 3 days ago, interview booked ahead
            new Timeline(d(-50)),                                                // #3 waiting since 50 days ago
            new Timeline(d(-400), d(-300), Denied: d(-6)),                       // #4 denied 6 days ago: finished and moved
            new Timeline(d(-60), d(-7)),                                         // #5 conditional 7 days ago: one day too old to have moved
        };
        foreach (var timeline in timelines)
        {
            await Repository.InsertAsync(Draft(NewId(), timeline), [], CancellationToken.None);
        }

        async Task<long[]> Numbers(CaseListFilter filter) =>
            [.. (await Repository.ListRecentAsync(Guild, filter with { Today = today }, 0, 10, CancellationToken.None)).Cases.Select(c => c.CaseNumber)];

        // The booked interview (20 days ahead) is not #2's latest milestone: its conditional approval is.
        Assert.Equal(new long[] { 2, 4, 5, 3, 1 }, await Numbers(CaseListFilter.None));
        Assert.Equal(new long[] { 2, 5, 3 }, await Numbers(new CaseListFilter(State: CaseListState.Waiting)));
        Assert.Equal(new long[] { 4, 1 }, await Numbers(new CaseListFilter(State: CaseListState.Finished)));
        Assert.Equal(new long[] { 2, 4 }, await Numbers(new CaseListFilter(State: CaseListState.Moved)));
        Assert.Equal(new long[] { 2, 5, 3 }, await Numbers(new CaseListFilter(AppliedSince: d(-100), AppliedUntil: d(-50))));
        var page = await Repository.ListRecentAsync(Guild, new CaseListFilter(State: CaseListState.Waiting, Today: today), 1, 1, CancellationToken.None);
        Assert.Equal((3, 5L), (page.Total, page.Cases.Single().CaseNumber));
    }

    [Fact]
    public virtual async Task Every_milestone_keeps_its_own_date_from_the_first_day_to_the_last()
    {
        // Seven different dates, one per column, so a column read into the wrong milestone shows; the
        // extremes of DateOnly show that no date is clipped or shifted (day numbers 0 and 3,652,058).
        var timelines = new[]
        {
            new Timeline(DateOnly.MinValue, new DateOnly(1, 1, 2), new DateOnly(1, 1, 3), new DateOnly(1, 1, 4), new DateOnly(1, 1, 5), new DateOnly(1, 1, 6), new DateOnly(1, 1, 7)),
            new Timeline(new DateOnly(9999, 12, 25), new DateOnly(9999, 12, 26), new DateOnly(9999, 12, 27), new DateOnly(9999, 12, 28), new DateOnly(9999, 12, 29), new DateOnly(9999, 12, 30), DateOnly.MaxValue),
            new Timeline(new DateOnly(2024, 2, 29), InterviewUs: new DateOnly(2024, 3, 1), Card: new DateOnly(2025, 2, 28)),
        };
        var saved = new List<Case>();
        foreach (var timeline in timelines)
        {
            saved.Add((await Repository.InsertAsync(Draft(NewId(), timeline), [], CancellationToken.None))!);
        }

        foreach (var (timeline, @case) in timelines.Zip(saved))
        {
            Assert.Equal(timeline, (await Repository.FindByNumberAsync(Guild, @case.CaseNumber, CancellationToken.None))!.Timeline);
        }

        var listed = await Repository.ListRecentAsync(Guild, new CaseListFilter(), 0, 10, CancellationToken.None);
        // The latest milestone first: with no "today" given, every recorded date counts.
        Assert.Equal(saved.OrderByDescending(c => TimelineLatest(c.Timeline)).ThenByDescending(c => c.CaseNumber), listed.Cases);
        Assert.Equal(timelines.Select(CaseDays.From), (await Repository.LoadGuildCasesAsync(Guild, CancellationToken.None)).Cases.Rows.Select(r => r.Days));
    }

    [Fact]
    public virtual async Task Insert_assigns_id_number_and_version_and_everything_round_trips()
    {
        var owner = NewId();
        var timeline = new Timeline(new DateOnly(2024, 1, 10), new DateOnly(2024, 2, 1), new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 5),
            new DateOnly(2024, 3, 5), new DateOnly(2024, 3, 20));
        var draft = Draft(owner, timeline) with { Visible = true, CreatedAt = Noon.AddTicks(12345) };

        var saved = await Repository.InsertAsync(draft, [History("applied", "2024-01-10", owner)], CancellationToken.None);

        Assert.NotNull(saved);
        Assert.True(saved.Id > 0);
        Assert.Equal(1, saved.CaseNumber);
        Assert.Equal(1, saved.Version);
        Assert.Equal(saved, await Repository.FindByOwnerAsync(Guild, owner, CancellationToken.None));
        Assert.Equal(saved, await Repository.FindByNumberAsync(Guild, 1, CancellationToken.None));
    }

    [Fact]
    public virtual async Task Case_numbers_count_per_server_and_are_never_reused()
    {
        var first = await Repository.InsertAsync(Draft(NewId()), [], CancellationToken.None);
        var second = await Repository.InsertAsync(Draft(NewId()), [], CancellationToken.None);
        var otherServer = await Repository.InsertAsync(Draft(NewId()) with { GuildId = NewId() }, [], CancellationToken.None);
        Assert.True(await Repository.DeleteAsync(Guild, second!.Id, CancellationToken.None));
        var third = await Repository.InsertAsync(Draft(NewId()), [], CancellationToken.None);

        Assert.Equal((1L, 2L, 1L, 3L), (first!.CaseNumber, second.CaseNumber, otherServer!.CaseNumber, third!.CaseNumber));
    }

    [Fact]
    public virtual async Task A_second_case_for_one_member_in_one_server_is_refused_but_unowned_cases_are_not_limited()
    {
        var owner = NewId();
        Assert.NotNull(await Repository.InsertAsync(Draft(owner), [], CancellationToken.None));

        Assert.Null(await Repository.InsertAsync(Draft(owner), [History("applied", "2024-01-10", owner)], CancellationToken.None));
        Assert.NotNull(await Repository.InsertAsync(Draft(owner) with { GuildId = NewId() }, [], CancellationToken.None));
        Assert.NotNull(await Repository.InsertAsync(Draft(null), [], CancellationToken.None));
        Assert.NotNull(await Repository.InsertAsync(Draft(null), [], CancellationToken.None));
        Assert.Equal(3, (await Repository.LoadGuildCasesAsync(Guild, CancellationToken.None)).Cases.Count);
    }

    [Fact]
    public virtual async Task Update_replaces_and_clears_milestones_and_appends_history()
    {
        var owner = NewId();
        var saved = await Repository.InsertAsync(Draft(owner, new Timeline(new DateOnly(2024, 1, 10), new DateOnly(2024, 2, 1))),
            [History("applied", "2024-01-10", owner)], CancellationToken.None);
        var changed = saved! with { Timeline = new Timeline(new DateOnly(2024, 1, 10), InterviewCa: new DateOnly(2024, 4, 2)), Visible = true };

        var updated = await Repository.TryUpdateAsync(changed, [new("conditional", "2024-02-01", null, Noon, owner), History("interview-ca", "2024-04-02", owner)],
            CancellationToken.None);

        Assert.NotNull(updated);
        Assert.Equal(2, updated.Version);
        var reloaded = await Repository.FindByOwnerAsync(Guild, owner, CancellationToken.None);
        Assert.Equal(updated, reloaded);
        Assert.Equal(changed.Timeline, reloaded!.Timeline);
        var history = await Repository.GetHistoryAsync(saved.Id, 0, 10, CancellationToken.None);
        Assert.Equal(["applied", "conditional", "interview-ca"], history.Select(h => h.Field));
        Assert.Equal(new CaseHistoryEntry("conditional", "2024-02-01", null, Noon, owner), history[1]);
        Assert.Equal(["interview-ca"], (await Repository.GetHistoryAsync(saved.Id, 2, 5, CancellationToken.None)).Select(h => h.Field));
    }

    [Fact]
    public virtual async Task Update_with_a_stale_version_saves_nothing()
    {
        var owner = NewId();
        var saved = (await Repository.InsertAsync(Draft(owner), [], CancellationToken.None))!;
        Assert.NotNull(await Repository.TryUpdateAsync(saved with { Visible = true }, [History("visible", "visible", owner)], CancellationToken.None));

        var stale = await Repository.TryUpdateAsync(saved with { Applicants = 9, Timeline = saved.Timeline with { Conditional = new DateOnly(2024, 2, 1) } },
            [History("conditional", "2024-02-01", owner)], CancellationToken.None);

        Assert.Null(stale);
        var reloaded = await Repository.FindByOwnerAsync(Guild, owner, CancellationToken.None);
        Assert.Equal((3, (DateOnly?)null, 2L), (reloaded!.Applicants, reloaded.Timeline.Conditional, reloaded.Version));
        Assert.Single(await Repository.GetHistoryAsync(saved.Id, 0, 10, CancellationToken.None));
    }

    [Fact]
    public virtual async Task Delete_removes_the_case_and_its_history()
    {
        var owner = NewId();
        var saved = (await Repository.InsertAsync(Draft(owner, new Timeline(new DateOnly(2024, 1, 10), new DateOnly(2024, 2, 1))),
            [History("applied", "2024-01-10", owner)], CancellationToken.None))!;

        Assert.True(await Repository.DeleteAsync(Guild, saved.Id, CancellationToken.None));

        Assert.Null(await Repository.FindByOwnerAsync(Guild, owner, CancellationToken.None));
        Assert.Empty(await Repository.GetHistoryAsync(saved.Id, 0, 10, CancellationToken.None));
        await using var connection = await Factory.OpenAsync(CancellationToken.None);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COUNT(*) FROM cases WHERE id = @Id", new { saved.Id })));
        Assert.False(await Repository.DeleteAsync(Guild, saved.Id, CancellationToken.None));
    }

    [Fact]
    public virtual async Task Guild_version_moves_with_every_write_to_that_server_only()
    {
        var other = NewId();
        Assert.Equal(0, await Repository.GetGuildVersionAsync(Guild, CancellationToken.None));
        var saved = (await Repository.InsertAsync(Draft(NewId()), [], CancellationToken.None))!;
        var afterInsert = await Repository.GetGuildVersionAsync(Guild, CancellationToken.None);
        await Repository.TryUpdateAsync(saved with { Visible = true }, [], CancellationToken.None);
        var afterUpdate = await Repository.GetGuildVersionAsync(Guild, CancellationToken.None);
        await Repository.DeleteAsync(Guild, saved.Id, CancellationToken.None);
        var afterDelete = await Repository.GetGuildVersionAsync(Guild, CancellationToken.None);

        Assert.True(afterInsert > 0 && afterUpdate > afterInsert && afterDelete > afterUpdate, $"{afterInsert}, {afterUpdate}, {afterDelete}");
        Assert.Equal(0, await Repository.GetGuildVersionAsync(other, CancellationToken.None));
    }

    [Fact]
    public virtual async Task Stats_load_every_counted_case_of_the_server_in_case_order_with_its_version()
    {
        var full = new Timeline(new DateOnly(2024, 1, 10), new DateOnly(2024, 2, 1), new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 5),
            new DateOnly(2024, 3, 5), new DateOnly(2024, 3, 20));
        var first = (await Repository.InsertAsync(Draft(NewId(), full), [], CancellationToken.None))!;
        var excluded = (await Repository.InsertAsync(Draft(NewId()), [], CancellationToken.None))!;
        // Exclusion is a moderator's flag: a member's update never writes it.
        Assert.NotNull(await Repository.TryUpdateAsync(excluded with { Excluded = true }, [], CancellationToken.None));
        Assert.False((await Repository.FindByNumberAsync(Guild, excluded.CaseNumber, CancellationToken.None))!.Excluded);
        var moderation = new ModerationRepository(Factory, Repository);
        Assert.NotNull(await moderation.SetExcludedAsync(
            new ModerationRecord(Guild, 1, ModerationAction.Exclude, null, null, Noon), [new CaseRef(excluded.Id, excluded.CaseNumber)], true, CancellationToken.None));
        var removed = (await Repository.InsertAsync(Draft(NewId()), [], CancellationToken.None))!;
        Assert.NotNull(await moderation.RemoveAsync(
            new ModerationRecord(Guild, 1, ModerationAction.Remove, null, null, Noon), new CaseRef(removed.Id, removed.CaseNumber), CancellationToken.None));
        await Repository.InsertAsync(Draft(NewId()) with { GuildId = NewId() }, [], CancellationToken.None);
        var third = (await Repository.InsertAsync(Draft(null) with { CentreCode = null, Type = ApplicationType.Renewal, ApplicantStatus = ApplicantStatus.MexicanNational },
            [], CancellationToken.None))!;

        var (version, cases) = await Repository.LoadGuildCasesAsync(Guild, CancellationToken.None);

        Assert.Equal(await Repository.GetGuildVersionAsync(Guild, CancellationToken.None), version);
        Assert.Equal(
            [
                new StatsCaseRow(first.Id, ApplicationType.Initial, ApplicantStatus.CaPermanentResident, "us-wa-blaine", CaseDays.From(full)),
                new StatsCaseRow(third.Id, ApplicationType.Renewal, ApplicantStatus.MexicanNational, null, CaseDays.From(new Timeline(new DateOnly(2024, 1, 10)))),
            ],
            cases.Rows);
    }

    [Fact]
    public virtual async Task Reading_the_changes_since_a_version_brings_held_cases_to_what_a_whole_read_gives()
    {
        var moderation = new ModerationRepository(Factory, Repository);
        var updated = (await Repository.InsertAsync(Draft(NewId()), [], CancellationToken.None))!;
        var deleted = (await Repository.InsertAsync(Draft(NewId()), [], CancellationToken.None))!;
        var excluded = (await Repository.InsertAsync(Draft(NewId()), [], CancellationToken.None))!;
        var removed = (await Repository.InsertAsync(Draft(NewId()), [], CancellationToken.None))!;
        var held = new RecordingSink();
        var heldVersion = await Repository.ReadCasesAsync(Guild, null, held, CancellationToken.None);
        Assert.Equal(4, held.Table.Count);

        // Every kind of write: a member's update, delete and new case; a moderator's exclusion, removal and undo.
        var later = new Timeline(new DateOnly(2024, 1, 10), new DateOnly(2024, 2, 1));
        Assert.NotNull(await Repository.TryUpdateAsync(updated with { Timeline = later }, [], CancellationToken.None));
        Assert.True(await Repository.DeleteAsync(Guild, deleted.Id, CancellationToken.None));
        var added = (await Repository.InsertAsync(Draft(NewId()), [], CancellationToken.None))!;
        var exclusion = await moderation.SetExcludedAsync(
            new ModerationRecord(Guild, 1, ModerationAction.Exclude, null, null, Noon), [new CaseRef(excluded.Id, excluded.CaseNumber)], true, CancellationToken.None);
        var removal = await moderation.RemoveAsync(
            new ModerationRecord(Guild, 1, ModerationAction.Remove, null, null, Noon), new CaseRef(removed.Id, removed.CaseNumber), CancellationToken.None);
        var removalEntry = (await moderation.GetEntryAsync(Guild, removal!.Value, CancellationToken.None))!;
        Assert.Equal(UndoStoreResult.Done, (await moderation.UndoAsync(
            new ModerationRecord(Guild, 1, ModerationAction.Undo, null, null, Noon), removalEntry, CancellationToken.None)).Result);
        Assert.NotNull(exclusion);

        var version = await Repository.ReadCasesAsync(Guild, heldVersion, held, CancellationToken.None);
        var (wholeVersion, whole) = await Repository.LoadGuildCasesAsync(Guild, CancellationToken.None);

        Assert.Equal(1, held.Clears); // the first read only
        Assert.Equal(wholeVersion, version);
        Assert.Equal(whole.Rows, held.Table.Rows);
        Assert.Equal([updated.Id, removed.Id, added.Id], held.Table.Rows.Select(r => r.Id));
        Assert.Equal(CaseDays.From(later), held.Table.Rows.First().Days);

        // Nothing written since: nothing read, and the same version.
        var upserts = held.Upserts;
        Assert.Equal(version, await Repository.ReadCasesAsync(Guild, version, held, CancellationToken.None));
        Assert.Equal(upserts, held.Upserts);
    }

    [Fact]
    public virtual async Task A_reader_behind_the_kept_changes_reads_the_whole_server()
    {
        await Repository.InsertAsync(Draft(NewId()), [], CancellationToken.None);
        var held = new RecordingSink();
        var heldVersion = await Repository.ReadCasesAsync(Guild, null, held, CancellationToken.None);
        await Repository.InsertAsync(Draft(NewId()), [], CancellationToken.None);

        // As if the log had been pruned past the version held: the last write's changes are gone.
        await ExecuteAsync("UPDATE guild_versions SET changes_from = version + 1 WHERE guild_id = @GuildId;", new { GuildId = (long)Guild });
        await Repository.ReadCasesAsync(Guild, heldVersion, held, CancellationToken.None);

        Assert.Equal(2, held.Clears);
        Assert.Equal(2, held.Table.Count);
    }

    [Fact]
    public virtual async Task A_database_behind_the_version_held_is_read_whole()
    {
        await Repository.InsertAsync(Draft(NewId()), [], CancellationToken.None);
        await Repository.InsertAsync(Draft(NewId()), [], CancellationToken.None);
        var held = new RecordingSink();
        var heldVersion = await Repository.ReadCasesAsync(Guild, null, held, CancellationToken.None);

        // As after restoring a backup taken one write earlier.
        await ExecuteAsync("UPDATE guild_versions SET version = version - 1 WHERE guild_id = @GuildId;", new { GuildId = (long)Guild });
        var version = await Repository.ReadCasesAsync(Guild, heldVersion, held, CancellationToken.None);

        Assert.Equal(heldVersion - 1, version);
        Assert.Equal(2, held.Clears);
    }

    [Fact]
    public virtual async Task The_change_log_keeps_only_the_last_versions_and_says_from_where()
    {
        var first = (await Repository.InsertAsync(Draft(NewId()), [], CancellationToken.None))!;

        // Jump to just before a pruning version; the next write logs version 135168 (33 × 4096) and prunes.
        const long before = 135_167;
        await ExecuteAsync("UPDATE guild_versions SET version = @Version WHERE guild_id = @GuildId;", new { Version = before, GuildId = (long)Guild });
        Assert.NotNull(await Repository.TryUpdateAsync(first with { Applicants = 2 }, [], CancellationToken.None));

        await using var connection = await Factory.OpenAsync(CancellationToken.None);
        var log = (await connection.QueryAsync<long>(
            "SELECT version FROM case_changes WHERE guild_id = @GuildId ORDER BY version;", new { GuildId = (long)Guild })).ToList();
        var changesFrom = await connection.ExecuteScalarAsync<long>(
            "SELECT changes_from FROM guild_versions WHERE guild_id = @GuildId;", new { GuildId = (long)Guild });
        Assert.Equal([before + 1], log);
        Assert.Equal(before + 1 - 131_072 + 1, changesFrom);
    }

    private async Task ExecuteAsync(string sql, object parameters)
    {
        await using var connection = await Factory.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(sql, parameters);
    }

    /// <summary>A case table that also counts what it was sent.</summary>
    private sealed class RecordingSink : IStatsCaseSink
    {
        public CaseTable Table { get; } = new();

        public int Clears { get; private set; }

        public int Upserts { get; private set; }

        public void Clear(int expectedCount)
        {
            Clears++;
            Table.Clear(expectedCount);
        }

        public void Upsert(in StatsCaseRow row)
        {
            Upserts++;
            Table.Upsert(row);
        }

        public void Remove(long id) => Table.Remove(id);
    }

    [Fact]
    public virtual async Task Settings_are_saved_replaced_and_read_back()
    {
        var settings = new GuildSettingsRepository(Factory, TimeProvider.System);
        Assert.Null(await settings.GetAsync(Guild, CancellationToken.None));

        await settings.UpsertAsync(new GuildSettings(Guild, ModeratorRoleId: 42), CancellationToken.None);
        await settings.UpsertAsync(new GuildSettings(Guild, ModeratorRoleId: 43, FeedChannelId: ulong.MaxValue >> 2), CancellationToken.None);

        Assert.Equal(new GuildSettings(Guild, 43, ulong.MaxValue >> 2), await settings.GetAsync(Guild, CancellationToken.None));
    }

    [Fact]
    public virtual async Task Milestones_are_stored_as_day_numbers_and_DateOnly_parameters_round_trip()
    {
        var date = new DateOnly(2024, 2, 29);
        await using var connection = await Factory.OpenAsync(CancellationToken.None);

        var echoed = await connection.QuerySingleAsync<DateOnly>(new CommandDefinition("SELECT @Date", new { Date = date }));
        var saved = (await Repository.InsertAsync(Draft(NewId(), new Timeline(new DateOnly(2024, 1, 10), date)), [], CancellationToken.None))!;
        var stored = new List<long?>();
        foreach (var sql in new[]
        {
            "SELECT applied_day FROM cases WHERE id = @Id", "SELECT conditional_day FROM cases WHERE id = @Id", "SELECT card_day FROM cases WHERE id = @Id",
        })
        {
            stored.Add(await connection.ExecuteScalarAsync<long?>(new CommandDefinition(sql, new { saved.Id })));
        }

        Assert.Equal(date, echoed);
        Assert.Equal([new DateOnly(2024, 1, 10).DayNumber, date.DayNumber, null], stored);
    }

    [Fact]
    public virtual async Task Parallel_writers_lose_no_update()
    {
        // Each writer reads, adds one applicant and saves with the version it read, retrying when it lost
        // the race. Without the version check some increments would overwrite each other.
        const int writers = 9;
        var owner = NewId();
        var saved = (await Repository.InsertAsync(Draft(owner) with { Applicants = 1 }, [], CancellationToken.None))!;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var running = Enumerable.Range(0, writers).Select(i => Task.Run(async () =>
        {
            await start.Task;
            while (true)
            {
                var current = (await Repository.FindByOwnerAsync(Guild, owner, CancellationToken.None))!;
                var next = current with { Applicants = current.Applicants + 1 };
                var entry = new CaseHistoryEntry("applicants", current.Applicants.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    next.Applicants.ToString(System.Globalization.CultureInfo.InvariantCulture), Noon, (ulong)i + 1);
                if (await Repository.TryUpdateAsync(next, [entry], CancellationToken.None) is not null)
                {
                    return;
                }

            }
        })).ToList();
        start.SetResult();
        await Task.WhenAll(running);

        var final = (await Repository.FindByOwnerAsync(Guild, owner, CancellationToken.None))!;
        Assert.Equal((1 + writers, 1L + writers), (final.Applicants, final.Version));
        var history = await Repository.GetHistoryAsync(saved.Id, 0, 100, CancellationToken.None);
        Assert.Equal(Enumerable.Range(2, writers).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), history.Select(h => h.To));
    }

    private static DateOnly TimelineLatest(Timeline timeline) =>
        new[] { timeline.Applied, timeline.Conditional, timeline.InterviewCa, timeline.InterviewUs, timeline.Approved, timeline.Card, timeline.Denied }
            .Max(d => d ?? DateOnly.MinValue);
}
