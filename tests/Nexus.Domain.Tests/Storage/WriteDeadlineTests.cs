using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Nexus.Domain.Cases;
using Nexus.Domain.Settings;
using Nexus.Domain.Storage;
using Nexus.Domain.Tests.Support;

namespace Nexus.Domain.Tests.Storage;

/// <summary>
/// Writes while another process holds the SQLite database locked (a backup, a <c>sqlite3</c> session with
/// <c>BEGIN IMMEDIATE</c>): each write waits on the clock, not in SQLite's busy handler, and fails as busy once
/// the busy timeout has passed since it began, however long it queued behind this process's other writers.
/// The clock is fake, so five seconds pass without sleeping.
/// </summary>
public sealed class WriteDeadlineTests : IAsyncLifetime
{
    private const ulong Guild = 77;
    private static readonly DateTimeOffset Noon = new(2024, 6, 15, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeClock _time = new(Noon);
    private SqliteDatabase _database = null!;
    private CaseRepository _repository = null!;

    public async Task InitializeAsync()
    {
        _database = await SqliteDatabase.CreateAsync(_time);
        _repository = new CaseRepository(_database.Factory, NullLogger<CaseRepository>.Instance);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<SqliteConnection> LockFromAnotherConnectionAsync()
    {
        var holder = new SqliteConnection($"Data Source={_database.Path};Pooling=False");
        await holder.OpenAsync();
        await using var command = holder.CreateCommand();
        command.CommandText = "BEGIN IMMEDIATE;";
        await command.ExecuteNonQueryAsync();
        return holder;
    }

    /// <summary>
    /// Moves the fake clock to <paramref name="elapsed"/> after the start, each step once a waiting writer has
    /// armed its timer (or every one of <paramref name="writes"/> has ended).
    /// </summary>
    private async Task AdvanceToAsync(TimeSpan elapsed, params Task[] writes)
    {
        while (_time.GetUtcNow() - Noon < elapsed)
        {
            await WaitFor.UntilAsync(() => _time.ActiveTimers > 0 || (writes.Length > 0 && writes.All(w => w.IsCompleted)), "a writer waiting on the clock");
            var step = TimeSpan.FromMilliseconds(100);
            var left = elapsed - (_time.GetUtcNow() - Noon);
            _time.Advance(step < left ? step : left);
        }
    }

    [Fact]
    public async Task A_write_meeting_another_processes_lock_waits_on_the_clock_and_fails_as_busy_after_the_busy_timeout()
    {
        var saved = (await _repository.InsertAsync(CaseDrafts.Initial(Guild, 1), [], CancellationToken.None))!;
        await using var holder = await LockFromAnotherConnectionAsync();

        var write = _repository.TryUpdateAsync(saved with { Applicants = 2 }, [], CancellationToken.None);
        await AdvanceToAsync(TimeSpan.FromSeconds(4.9), write);
        Assert.False(write.IsCompleted, "the write gave up before the busy timeout");

        await AdvanceToAsync(TimeSpan.FromSeconds(5.1), write);
        var failure = await Assert.ThrowsAsync<SqliteException>(() => write.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(5, failure.SqliteErrorCode);
    }

    [Fact]
    public async Task Writers_queued_behind_each_other_each_fail_at_their_own_busy_timeout_not_one_after_another()
    {
        var saved = (await _repository.InsertAsync(CaseDrafts.Initial(Guild, 1), [], CancellationToken.None))!;
        await using var holder = await LockFromAnotherConnectionAsync();

        var first = _repository.TryUpdateAsync(saved with { Applicants = 2 }, [], CancellationToken.None);
        await AdvanceToAsync(TimeSpan.FromSeconds(1));
        var second = _repository.TryUpdateAsync(saved with { Applicants = 3 }, [], CancellationToken.None);

        await AdvanceToAsync(TimeSpan.FromSeconds(5.05), first, second);
        await Assert.ThrowsAsync<SqliteException>(() => first.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(second.IsCompleted, "the second writer gave up before its own five seconds");

        // Five seconds after it began, not five seconds after its turn came (which would be ten).
        await AdvanceToAsync(TimeSpan.FromSeconds(6.05), first, second);
        var failure = await Assert.ThrowsAsync<SqliteException>(() => second.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(5, failure.SqliteErrorCode);
    }

    [Fact]
    public async Task A_write_goes_through_as_soon_as_the_other_process_lets_go()
    {
        var saved = (await _repository.InsertAsync(CaseDrafts.Initial(Guild, 1), [], CancellationToken.None))!;
        var holder = await LockFromAnotherConnectionAsync();

        var write = _repository.TryUpdateAsync(saved with { Applicants = 2 }, [], CancellationToken.None);
        await AdvanceToAsync(TimeSpan.FromSeconds(2));
        await holder.DisposeAsync();
        await AdvanceToAsync(TimeSpan.FromSeconds(2.1), write);

        var updated = await write.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, updated!.Applicants);
    }

    [Fact]
    public async Task Server_settings_are_written_in_the_writers_turn_and_fail_as_busy_after_the_busy_timeout()
    {
        var settings = new GuildSettingsRepository(_database.Factory, _time);

        // In this process's queue: it waits for the writer ahead of it, and goes when that one is done.
        Task upsert;
        await using (await _database.Factory.Dialect.BeginWriteAsync(_database.Factory, CancellationToken.None))
        {
            upsert = settings.UpsertAsync(new GuildSettings(Guild, 5, null), CancellationToken.None);
            await WaitFor.UntilAsync(() => _time.ActiveTimers > 0, "the settings write waiting for its turn");
            Assert.False(upsert.IsCompleted, "the settings write went ahead of the writer holding the turn");
        }

        await upsert.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(5UL, (await settings.GetAsync(Guild, CancellationToken.None))!.ModeratorRoleId);

        // Another process's lock: the busy timeout, on the clock, then "storage unavailable".
        await using var holder = await LockFromAnotherConnectionAsync();
        var blocked = settings.UpsertAsync(new GuildSettings(Guild, 6, null), CancellationToken.None);
        await AdvanceToAsync(TimeSpan.FromSeconds(5.1), blocked);
        var failure = await Assert.ThrowsAsync<SqliteException>(() => blocked.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(5, failure.SqliteErrorCode);
    }
}
