using System.Data.Common;

namespace Nexus.Domain.Storage;

/// <summary>
/// A write transaction with its own connection, and this process's turn at the database's writer (SQLite):
/// disposing it ends the transaction (rolled back unless committed), closes the connection and hands the
/// turn to the next writer.
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

    /// <summary>The provider's transaction, for commands, commit and rollback.</summary>
    public DbTransaction Transaction { get; }

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
