using System.Data.Common;
using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Polly;

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
    private readonly string _connectionString;

    /// <summary>Creates the factory for a SQLite connection string.</summary>
    public SqliteConnectionFactory(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _connectionString = connectionString;
        DapperTypeHandlers.Register();
    }

    /// <inheritdoc />
    public SqlDialect Dialect { get; } = new SqliteDialect();

    /// <inheritdoc />
    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        Connections.OpenAsync(new SqliteConnection(_connectionString), ConnectionPragmas, cancellationToken);
}

/// <summary>
/// SQL Server connections from the configured connection string. Opening is retried on transient errors
/// (<see cref="SqlServerRetry"/>): a server that fails over or throttles for a moment costs a pause, not
/// an error for the member.
/// </summary>
public sealed class SqlServerConnectionFactory : IDbConnectionFactory
{
    private readonly string _connectionString;
    private readonly ResiliencePipeline _retry;

    /// <summary>Creates the factory for a SQL Server connection string, without retries.</summary>
    public SqlServerConnectionFactory(string connectionString)
        : this(connectionString, ResiliencePipeline.Empty)
    {
    }

    /// <summary>Creates the factory for a SQL Server connection string; <paramref name="retry"/> wraps every open.</summary>
    public SqlServerConnectionFactory(string connectionString, ResiliencePipeline retry)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(retry);
        _connectionString = connectionString;
        _retry = retry;
        DapperTypeHandlers.Register();
    }

    /// <inheritdoc />
    public SqlDialect Dialect { get; } = new SqlServerDialect();

    /// <inheritdoc />
    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(
            static async (connectionString, token) => await Connections.OpenAsync(new SqlConnection(connectionString), setUpSql: null, token),
            _connectionString,
            cancellationToken).AsTask();
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
