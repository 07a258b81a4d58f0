using System.Data.Common;

namespace Nexus.Domain.Storage;

/// <summary>Opens a new connection for one operation, ready for use, and knows its provider's dialect.</summary>
public interface IDbConnectionFactory
{
    /// <summary>The SQL differences of this provider.</summary>
    SqlDialect Dialect { get; }

    /// <summary>Opens a connection; the caller disposes it when the operation ends.</summary>
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);
}
