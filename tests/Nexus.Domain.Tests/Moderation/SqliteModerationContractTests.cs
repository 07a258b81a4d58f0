using Nexus.Domain.Storage;
using Nexus.Domain.Tests.Support;

namespace Nexus.Domain.Tests.Moderation;

/// <summary>The moderation contract on SQLite: a fresh migrated file per test. Always runs.</summary>
public sealed class SqliteModerationContractTests : ModerationContract
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
}
