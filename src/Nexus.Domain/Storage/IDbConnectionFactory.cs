using System.Data.Common;
using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Nexus.Domain.Storage;

/// <summary>Opens a new connection for one operation, ready for use, and knows its provider's dialect.</summary>
public interface IDbConnectionFactory
{
    /// <summary>The SQL differences of this provider.</summary>
    SqlDialect Dialect { get; }

    /// <summary>Opens a connection; the caller disposes it when the operation ends.</summary>
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);
}

/// <summary>
/// SQLite connections with WAL (readers don't block the writer), foreign keys on (SQLite leaves them off
/// per connection) and a busy timeout (a writer waits for the lock instead of failing at once).
/// </summary>
public sealed class SqliteConnectionFactory : IDbConnectionFactory
{
    private const string ConnectionPragmas = "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;";
    private const int SqliteCantOpen = 14;
    private readonly string _connectionString;
    private readonly string _existingFileConnectionString;
    private readonly string? _file;
    private volatile bool _opened;

    /// <summary>Creates the factory for a SQLite connection string.</summary>
    public SqliteConnectionFactory(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _connectionString = connectionString;
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var isFile = builder.Mode == SqliteOpenMode.ReadWriteCreate
            && !string.IsNullOrEmpty(builder.DataSource)
            && builder.DataSource != ":memory:"
            && !builder.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase);
        _file = isFile ? builder.DataSource : null;
        _existingFileConnectionString = isFile ? new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWrite }.ToString() : connectionString;
        DapperTypeHandlers.Register();
    }

    /// <inheritdoc />
    public SqlDialect Dialect { get; } = new SqliteDialect();

    /// <summary>
    /// Opens a connection. Only the first open may create the file (the migrator's, at start). Once the
    /// database exists, a file that disappears (deleted, moved, its volume unmounted) must read as "storage
    /// unavailable" until it is back, not as a fresh empty database created in its place, and not as a
    /// pooled handle still writing into the deleted file, whose writes would vanish with it.
    /// </summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_opened)
        {
            var first = await Connections.OpenAsync(new SqliteConnection(_connectionString), ConnectionPragmas, cancellationToken);
            _opened = true;
            return first;
        }

        var connection = (SqliteConnection)await Connections.OpenAsync(new SqliteConnection(_existingFileConnectionString), ConnectionPragmas, cancellationToken);
        if (_file is not null && !File.Exists(_file))
        {
            // One stat per operation: cheap next to the query, and the only way to see that a pooled
            // handle now points at an unlinked file.
            SqliteConnection.ClearPool(connection);
            await connection.DisposeAsync();
            throw new SqliteException($"The database file {Path.GetFileName(_file)} is missing.", SqliteCantOpen);
        }

        return connection;
    }
}

/// <summary>SQL Server connections from the configured connection string.</summary>
public sealed class SqlServerConnectionFactory : IDbConnectionFactory
{
    private readonly string _connectionString;

    /// <summary>Creates the factory for a SQL Server connection string.</summary>
    public SqlServerConnectionFactory(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _connectionString = connectionString;
        DapperTypeHandlers.Register();
    }

    /// <inheritdoc />
    public SqlDialect Dialect { get; } = new SqlServerDialect();

    /// <inheritdoc />
    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        Connections.OpenAsync(new SqlConnection(_connectionString), setUpSql: null, cancellationToken);
}

internal static class Connections
{
    /// <summary>Opens the connection and runs its set-up; a connection that fails half-way is disposed, not leaked.</summary>
    public static async Task<DbConnection> OpenAsync(DbConnection connection, string? setUpSql, CancellationToken cancellationToken)
    {
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (setUpSql is not null)
            {
                await connection.ExecuteAsync(new CommandDefinition(setUpSql, cancellationToken: cancellationToken));
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
