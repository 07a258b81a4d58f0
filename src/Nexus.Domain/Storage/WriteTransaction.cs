using System.Data.Common;

namespace Nexus.Domain.Storage;

/// <summary>
/// A write transaction with its own connection, and this process's turn at the database's writer (SQLite):
/// disposing it ends the transaction (rolled back unless committed), closes the connection and hands the
/// turn to the next writer. Commit through <see cref="CommitAsync"/>, which also notes that the request behind
/// the write (<see cref="WriteOrigin"/>) has been recorded.
/// </summary>
public sealed class WriteTransaction : IAsyncDisposable
{
    private readonly SemaphoreSlim? _gate;
    private readonly Action? _ended;
    private int _disposed;

    internal WriteTransaction(DbConnection connection, DbTransaction transaction, SemaphoreSlim? gate, Action? ended)
    {
        Connection = connection;
        Transaction = transaction;
        _gate = gate;
        _ended = ended;
    }

    /// <summary>The connection the transaction runs on.</summary>
    public DbConnection Connection { get; }

    /// <summary>The provider's transaction, for commands and rollback.</summary>
    public DbTransaction Transaction { get; }

    /// <summary>The request whose id this transaction stores, when it stores one.</summary>
    internal WriteOrigin? Recording { get; set; }

    /// <summary>Commits the transaction.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await Transaction.CommitAsync(cancellationToken);
        // Later writes of the same request need not store its id again (and would collide with it).
        Recording?.MarkRecorded();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await Transaction.DisposeAsync();
        }
        finally
        {
            // Whatever the rollback of an uncommitted transaction did (a broken connection may throw), the
            // connection goes back and the next writer gets its turn.
            try
            {
                await Connection.DisposeAsync();
            }
            finally
            {
                _gate?.Release();
                _ended?.Invoke();
            }
        }
    }
}
