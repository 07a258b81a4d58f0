using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Nexus.Domain.Cases;
using Nexus.Domain.Storage;
using Nexus.Domain.Tests.Support;

namespace Nexus.Domain.Tests.Storage;

/// <summary>How this process's SQLite writers take turns, and where the write-ahead log is copied back.</summary>
public sealed class SqliteWriterTests : IAsyncLifetime
{
    private const ulong Guild = 77;
    private SqliteDatabase _database = null!;
    private CaseRepository _repository = null!;

    public async Task InitializeAsync()
    {
        _database = await SqliteDatabase.CreateAsync();
        _repository = new CaseRepository(_database.Factory, NullLogger<CaseRepository>.Instance);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static Case Draft(ulong owner) => CaseDrafts.Initial(Guild, owner);

    [Fact]
    public async Task A_writer_waits_for_its_turn_in_this_process_and_may_stop_waiting()
    {
        // The turn's deadline runs on this clock: an armed timer shows the second writer is waiting.
        var time = new FakeClock();
        await using var database = await SqliteDatabase.CreateAsync(time);
        var repository = new CaseRepository(database.Factory, NullLogger<CaseRepository>.Instance);
        var saved = (await repository.InsertAsync(Draft(1), [], CancellationToken.None))!;
        var changed = saved with { Applicants = 2 };

        Task<Case?> waiting;
        using var giveUp = new CancellationTokenSource();
        await using (await database.Factory.Dialect.BeginWriteAsync(database.Factory, CancellationToken.None))
        {
            waiting = repository.TryUpdateAsync(changed, [], giveUp.Token);
            await time.WaitForActiveTimersAsync();
            Assert.False(waiting.IsCompleted, "the second writer went ahead while the first held the database");

            // Waiting in this process, not in SQLite's busy handler (which would hold the thread for its whole
            // five-second timeout and then fail): the wait ends as soon as the caller gives up.
            await giveUp.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(3)));
        }

        // The first writer gone (rolled back), the next one goes through.
        Assert.NotNull(await repository.TryUpdateAsync(changed, [], CancellationToken.None));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_writer_whose_turn_does_not_come_within_the_busy_timeout_fails_as_busy()
    {
        var saved = (await _repository.InsertAsync(Draft(1), [], CancellationToken.None))!;

        // The first writer holds the database past the five-second busy timeout (a stuck process would).
        await using (await _database.Factory.Dialect.BeginWriteAsync(_database.Factory, CancellationToken.None))
        {
            var failure = await Assert.ThrowsAsync<SqliteException>(() => _repository.TryUpdateAsync(saved with { Applicants = 2 }, [], CancellationToken.None));

            // SQLITE_BUSY: what the bot tells a member as "storage is unavailable, try again in a minute".
            Assert.Equal(5, failure.SqliteErrorCode);
        }

        Assert.NotNull(await _repository.TryUpdateAsync(saved with { Applicants = 2 }, [], CancellationToken.None));
    }

    [Fact]
    public async Task The_write_ahead_log_is_copied_into_the_database_in_the_background()
    {
        var migrated = new FileInfo(_database.Path).Length;

        // 300 write transactions, about 3,000 log pages: below SQLite's own automatic checkpoint (10,000 pages
        // here), so only the background checkpoint after every 256 writes can move them into the database file.
        for (var owner = 1UL; owner <= 300; owner++)
        {
            Assert.NotNull(await _repository.InsertAsync(Draft(owner), [], CancellationToken.None));
        }

        await WaitFor.UntilAsync(() => new FileInfo(_database.Path).Length > migrated, "the database file to take in the logged pages");
    }

    [Fact]
    public async Task At_shutdown_the_log_is_written_into_the_database_and_emptied()
    {
        for (var owner = 1UL; owner <= 20; owner++)
        {
            Assert.NotNull(await _repository.InsertAsync(Draft(owner), [], CancellationToken.None));
        }

        Assert.True(new FileInfo(_database.Path + "-wal").Length > 0, "the writes should be in the log first");

        Assert.True(await _database.Factory.CheckpointAndCloseAsync(CancellationToken.None));

        Assert.True(!File.Exists(_database.Path + "-wal") || new FileInfo(_database.Path + "-wal").Length == 0, "the log was not emptied");
        await using var copy = new SqliteConnection($"Data Source={_database.Path};Pooling=False");
        await copy.OpenAsync();
        Assert.Equal(20L, await Dapper.SqlMapper.ExecuteScalarAsync<long>(copy, "SELECT COUNT(*) FROM cases;"));
    }

    [Fact]
    public async Task A_reader_of_another_process_keeps_the_shutdown_checkpoint_from_emptying_the_log_and_nothing_is_lost()
    {
        Assert.NotNull(await _repository.InsertAsync(Draft(1), [], CancellationToken.None));
        await using var reader = new SqliteConnection($"Data Source={_database.Path};Pooling=False");
        await reader.OpenAsync();
        // Deferred: a read transaction (Microsoft.Data.Sqlite begins IMMEDIATE, a write, by default).
        await using var snapshot = reader.BeginTransaction(deferred: true);
        Assert.Equal(1L, await Dapper.SqlMapper.ExecuteScalarAsync<long>(reader, "SELECT COUNT(*) FROM cases;", transaction: snapshot));
        Assert.NotNull(await _repository.InsertAsync(Draft(2), [], CancellationToken.None));

        Assert.False(await _database.Factory.CheckpointAndCloseAsync(CancellationToken.None));

        await snapshot.RollbackAsync();
        Assert.NotNull(await _repository.FindByOwnerAsync(Guild, 2, CancellationToken.None));
    }
}
