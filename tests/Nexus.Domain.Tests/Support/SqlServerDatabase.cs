using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Logging.Abstractions;
using Nexus.Domain.Storage;
using Nexus.Domain.Storage.Migrations;

namespace Nexus.Domain.Tests.Support;

/// <summary>
/// The database named by <c>NEXUS_TEST_SQLSERVER</c> (only reached by <see cref="SqlServerFactAttribute"/> tests):
/// created when missing, with snapshot reads on as docs/storage.md asks, and migrated once per test run with the
/// shipped scripts.
/// </summary>
public static class SqlServerDatabase
{
    private static readonly Lazy<Task<IDbConnectionFactory>> Migrated = new(MigrateAsync);

    public static Task<IDbConnectionFactory> OpenMigratedAsync() => Migrated.Value;

    private static async Task<IDbConnectionFactory> MigrateAsync()
    {
        var connectionString = SqlServerFactAttribute.ConnectionString
            ?? throw new InvalidOperationException($"{SqlServerFactAttribute.EnvironmentVariable} is not set.");
        await CreateWhenMissingAsync(connectionString);
        var factory = new SqlServerConnectionFactory(connectionString);
        await new DatabaseMigrator(factory, MigrationScript.Shipped(StorageProvider.SqlServer), TimeProvider.System, NullLogger<DatabaseMigrator>.Instance)
            .MigrateAsync(CancellationToken.None);
        return factory;
    }

    // A fresh container has only the system databases: the one named in the variable is made here.
    private static async Task CreateWhenMissingAsync(string connectionString)
    {
        const string sql = """
            IF DB_ID(@Name) IS NULL
            BEGIN
                DECLARE @create NVARCHAR(600) = N'CREATE DATABASE ' + QUOTENAME(@Name) + N'; ALTER DATABASE ' + QUOTENAME(@Name) + N' SET READ_COMMITTED_SNAPSHOT ON;';
                EXEC (@create);
            END
            """;
        var builder = new SqlConnectionStringBuilder(connectionString);
        var name = builder.InitialCatalog;
        if (string.IsNullOrEmpty(name) || string.Equals(name, "master", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{SqlServerFactAttribute.EnvironmentVariable} must name a database of its own (Database=nexus_test), not master.");
        }

        builder.InitialCatalog = "master";
        await using var connection = new SqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await connection.ExecuteAsync(new CommandDefinition(sql, new { Name = name }));
    }
}

/// <summary>
/// The SQL Server test classes run one after another: they share one database, and the migrator, the purge and
/// the change-log pruning are easier to reason about without two classes writing at once.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SqlServerCollection
{
    public const string Name = "SQL Server";
}
