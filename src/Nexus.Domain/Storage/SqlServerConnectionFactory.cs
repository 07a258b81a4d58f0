using System.Data.Common;
using Microsoft.Data.SqlClient;

namespace Nexus.Domain.Storage;

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
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            // A connection that fails to open is disposed, not leaked.
            await connection.DisposeAsync();
            throw;
        }
    }
}
