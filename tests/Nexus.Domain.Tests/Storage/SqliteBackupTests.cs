using System.Collections.Concurrent;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Nexus.Domain.Cases;
using Nexus.Domain.Storage;
using Nexus.Domain.Storage.Migrations;
using Nexus.Domain.Tests.Support;

namespace Nexus.Domain.Tests.Storage;

/// <summary>The online backup of a live SQLite database (the <c>backup</c> verb's work).</summary>
public sealed class SqliteBackupTests : IAsyncLifetime
{
    private const ulong Guild = 91;
    private SqliteDatabase _database = null!;
    private CaseRepository _repository = null!;
    private string _copy = null!;

    public async Task InitializeAsync()
    {
        _database = await SqliteDatabase.CreateAsync();
        _repository = new CaseRepository(_database.Factory, NullLogger<CaseRepository>.Instance);
        _copy = _database.Path + ".backup.db";
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(_copy + suffix);
        }
    }

    private string Source => $"Data Source={_database.Path}";

    private static Case Draft(ulong owner) => CaseDrafts.Initial(Guild, owner);

    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_backup_taken_under_a_write_load_holds_every_write_acknowledged_before_it_began()
    {
        var acknowledged = new ConcurrentQueue<ulong>();
        using var stop = new CancellationTokenSource();
        var next = 0L;
        // Four members' worth of writers, each starting cases until told to stop; a writer that fails
        // (SQLITE_BUSY because the backup held the database) fails the test when awaited below.
        var writers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var owner = (ulong)Interlocked.Increment(ref next);
                Assert.NotNull(await _repository.InsertAsync(Draft(owner), [], CancellationToken.None));
                acknowledged.Enqueue(owner);
            }
        })).ToList();

        await WaitFor.UntilAsync(() => acknowledged.Count >= 300, "the write load to get going");
        var before = acknowledged.ToHashSet();
        var report = await SqliteBackup.CopyAsync(Source, _copy, CancellationToken.None);
        var atEnd = acknowledged.Count;

        // The writers went on during and after the copy.
        await WaitFor.UntilAsync(() => acknowledged.Count >= atEnd + 100, "writes after the backup");
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        await using var copy = new SqliteConnection($"Data Source={_copy};Mode=ReadOnly;Pooling=False");
        await copy.OpenAsync();
        Assert.Equal("ok", await copy.ExecuteScalarAsync<string>("PRAGMA integrity_check;"));
        var owners = (await copy.QueryAsync<long>("SELECT owner_id FROM cases;")).Select(o => (ulong)o).ToHashSet();
        Assert.Empty(before.Except(owners));
        Assert.Equal(owners.Count, report.Cases);
        Assert.Equal(new FileInfo(_copy).Length, report.SizeBytes);
        Assert.Equal(SqliteDatabase.ShippedScripts().Select(s => s.Name).Max(StringComparer.Ordinal), report.Schema);
        Assert.Equal(Path.GetFullPath(_database.Path), report.Source);

        // One self-contained file: no log beside it, nothing left under the temporary name.
        Assert.Equal("delete", await copy.ExecuteScalarAsync<string>("PRAGMA journal_mode;"));
        Assert.False(File.Exists(_copy + "-wal"));
        Assert.False(File.Exists(_copy + ".partial"));
    }

    [Fact]
    public async Task A_restored_copy_is_a_database_the_bot_starts_on_with_nothing_to_migrate()
    {
        Assert.NotNull(await _repository.InsertAsync(Draft(1), [], CancellationToken.None));

        var report = await SqliteBackup.CopyAsync(Source, _copy, CancellationToken.None);

        Assert.Equal(1, report.Cases);
        var restored = new SqliteConnectionFactory($"Data Source={_copy}");
        var migration = await new DatabaseMigrator(restored, SqliteDatabase.ShippedScripts(), TimeProvider.System, NullLogger<DatabaseMigrator>.Instance)
            .MigrateAsync(CancellationToken.None);
        Assert.Empty(migration.Applied);
        var found = await new CaseRepository(restored, NullLogger<CaseRepository>.Instance).FindByOwnerAsync(Guild, 1, CancellationToken.None);
        Assert.Equal(new DateOnly(2024, 1, 10), found?.Timeline.Applied);
    }

    [Fact]
    public async Task A_backup_onto_the_database_itself_or_from_a_missing_file_is_refused_and_writes_nothing()
    {
        var itself = await Assert.ThrowsAsync<BackupException>(() => SqliteBackup.CopyAsync(Source, _database.Path, CancellationToken.None));
        Assert.Contains("is the database itself", itself.Message, StringComparison.Ordinal);

        var missing = _database.Path + ".missing.db";
        var absent = await Assert.ThrowsAsync<BackupException>(() => SqliteBackup.CopyAsync($"Data Source={missing}", _copy, CancellationToken.None));
        Assert.Equal($"There is no database at {missing} (Storage:ConnectionString).", absent.Message);
        Assert.False(File.Exists(missing), "the backup created the database it was asked to copy");
        Assert.False(File.Exists(_copy));
    }

    [Fact]
    public async Task A_file_that_is_not_a_Nexus_database_is_refused()
    {
        var other = _database.Path + ".other.db";
        try
        {
            await using (var connection = new SqliteConnection($"Data Source={other};Pooling=False"))
            {
                await connection.OpenAsync();
                await connection.ExecuteAsync("CREATE TABLE notes (id INTEGER PRIMARY KEY);");
            }

            var refused = await Assert.ThrowsAsync<BackupException>(() => SqliteBackup.CopyAsync($"Data Source={other}", _copy, CancellationToken.None));
            Assert.Contains("is not a Nexus database", refused.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(_copy));
            Assert.False(File.Exists(_copy + ".partial"));
        }
        finally
        {
            File.Delete(other);
        }
    }
}
