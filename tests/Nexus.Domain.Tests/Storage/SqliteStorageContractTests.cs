using Nexus.Domain.Storage;
using Nexus.Domain.Tests.Support;

namespace Nexus.Domain.Tests.Storage;

/// <summary>The storage contract on SQLite: a fresh migrated file per test. Always runs.</summary>
public sealed class SqliteStorageContractTests : StorageContract
{
    private SqliteDatabase? _database;

    protected override async Task<IDbConnectionFactory> OpenDatabaseAsync()
    {
        _database = await SqliteDatabase.CreateAsync();
        return _database.Factory;
    }

    protected override async Task CloseDatabaseAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Connections_use_wal_foreign_keys_and_a_busy_timeout()
    {
        await using var connection = await Factory.OpenAsync(CancellationToken.None);
        Assert.Equal("wal", await Pragma(connection, "journal_mode"));
        Assert.Equal("1", await Pragma(connection, "foreign_keys"));
        Assert.Equal("5000", await Pragma(connection, "busy_timeout"));
    }

    private static async Task<string?> Pragma(System.Data.Common.DbConnection connection, string name)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
