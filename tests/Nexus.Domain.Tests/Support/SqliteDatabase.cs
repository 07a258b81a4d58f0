using Microsoft.Extensions.Logging.Abstractions;
using Nexus.Domain.Storage;
using Nexus.Domain.Storage.Migrations;

namespace Nexus.Domain.Tests.Support;

/// <summary>A migrated SQLite database in a temporary file, removed on dispose.</summary>
public sealed class SqliteDatabase : IAsyncDisposable
{
    private SqliteDatabase(string path, TimeProvider? time)
    {
        Path = path;
        Factory = new SqliteConnectionFactory($"Data Source={path}", time: time);
    }

    public string Path { get; }

    public SqliteConnectionFactory Factory { get; }

    /// <summary>The shipped SQLite scripts numbered up to <paramref name="last"/> (all of them by default), for databases of an older schema.</summary>
    public static IReadOnlyList<MigrationScript> ShippedScripts(int last = int.MaxValue) =>
        MigrationScript.Shipped(StorageProvider.Sqlite).Where(s => int.Parse(s.Name[..4], System.Globalization.CultureInfo.InvariantCulture) <= last).ToList();

    /// <summary>A database file not migrated yet (the migrator creates it on its first open).</summary>
    /// <param name="time">The clock of the writers' waits (a fake one moves them without sleeping).</param>
    public static SqliteDatabase CreateEmpty(TimeProvider? time = null) => new(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"nexus-test-{Guid.NewGuid():N}.db"), time);

    /// <param name="time">The clock of the writers' waits (a fake one moves them without sleeping).</param>
    public static async Task<SqliteDatabase> CreateAsync(TimeProvider? time = null)
    {
        var database = CreateEmpty(time);
        await database.MigrateAsync();
        return database;
    }

    /// <summary>Runs the shipped scripts numbered up to <paramref name="last"/> (all of them by default) that have not run yet.</summary>
    public Task<MigrationReport> MigrateAsync(int last = int.MaxValue) =>
        new DatabaseMigrator(Factory, ShippedScripts(last), TimeProvider.System, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(Path + suffix);
        }

        return ValueTask.CompletedTask;
    }
}
