using Microsoft.Extensions.Logging.Abstractions;
using Nexus.Domain.Storage;
using Nexus.Domain.Storage.Migrations;

namespace Nexus.Domain.Tests.Support;

/// <summary>The database named by <c>NEXUS_TEST_SQLSERVER</c>, migrated with the shipped scripts (only reached by <see cref="SqlServerFactAttribute"/> tests).</summary>
public static class SqlServerDatabase
{
    public static async Task<IDbConnectionFactory> OpenMigratedAsync()
    {
        var connectionString = SqlServerFactAttribute.ConnectionString
            ?? throw new InvalidOperationException($"{SqlServerFactAttribute.EnvironmentVariable} is not set.");
        var factory = new SqlServerConnectionFactory(connectionString);
        await new DatabaseMigrator(factory, MigrationScript.Shipped(StorageProvider.SqlServer), TimeProvider.System, NullLogger<DatabaseMigrator>.Instance)
            .MigrateAsync(CancellationToken.None);
        return factory;
    }
}
