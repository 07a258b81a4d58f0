using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Nexus.Domain.Storage;

/// <summary>A database that Nexus can't run on as it is set up; the message says what to change.</summary>
public sealed class StorageSetupException : Exception
{
    /// <summary>Creates the exception with a message for the operator.</summary>
    public StorageSetupException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message for the operator and the cause.</summary>
    public StorageSetupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception (for serializers and tooling).</summary>
    public StorageSetupException()
    {
    }
}

/// <summary>
/// Checks at start that reads never wait for writers. SQL Server's default READ COMMITTED takes shared locks,
/// so <c>/stats</c> and <c>/mycase</c> would wait behind a long write (an import of up to 50,000 rows in one
/// transaction), time out and be retried for minutes; with <c>READ_COMMITTED_SNAPSHOT</c> on, they read the
/// last committed version of each row instead, as SQLite in WAL mode always does. Off stops the start with the
/// statement to run, unless <see cref="StorageOptions.AllowLockingReads"/> says to warn and go on.
/// </summary>
public sealed class SnapshotReadsCheck(IDbConnectionFactory connections, IOptions<StorageOptions> options, ILogger<SnapshotReadsCheck> logger)
{
    /// <summary>Reads the database's setting; throws <see cref="StorageSetupException"/> when it is off and not allowed.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        if (connections.Dialect.SnapshotReadsSql is not { } sql)
        {
            return;
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        var (name, snapshotReads) = await connection.QuerySingleAsync<(string Name, int SnapshotReads)>(new CommandDefinition(sql, cancellationToken: cancellationToken));
        if (snapshotReads != 0)
        {
            return;
        }

        if (options.Value.AllowLockingReads)
        {
            StorageLog.LockingReads(logger, name);
            return;
        }

        throw new StorageSetupException(
            $"Database {name} has READ_COMMITTED_SNAPSHOT off, so reads would wait behind writes: run ALTER DATABASE [{name}] SET READ_COMMITTED_SNAPSHOT ON; " +
            "(or set Storage:AllowLockingReads=true to start anyway).");
    }
}
