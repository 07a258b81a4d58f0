using Microsoft.Extensions.Logging.Abstractions;
using Nexus.Domain.Storage;
using Nexus.Domain.Storage.Migrations;

namespace Nexus.Domain.Tests.Support;

/// <summary>A migrated SQLite database in a temporary file, removed on dispose.</summary>
public sealed class SqliteDatabase : IAsyncDisposable
{
    private SqliteDatabase(string path)
    {
        Path = path;
        Factory = new SqliteConnectionFactory($"Data Source={path}", NullLogger<SqliteConnectionFactory>.Instance);
    }

    public string Path { get; }

    public SqliteConnectionFactory Factory { get; }

    public static async Task<SqliteDatabase> CreateAsync()
    {
        var database = new SqliteDatabase(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"nexus-test-{Guid.NewGuid():N}.db"));
        await new DatabaseMigrator(database.Factory, MigrationScript.Shipped(StorageProvider.Sqlite), TimeProvider.System, NullLogger<DatabaseMigrator>.Instance)
            .MigrateAsync(CancellationToken.None);
        return database;
    }

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
