using System.Data.Common;

namespace Nexus.Domain.Storage;

/// <summary>
/// A write transaction together with this process's turn at the database's writer (SQLite): disposing it
/// ends the transaction (rolled back unless committed) and hands the turn to the next writer.
/// </summary>
public sealed class WriteTransaction : IAsyncDisposable
{
    private readonly SemaphoreSlim? _gate;
    private readonly Action? _ended;
    private int _disposed;

    internal WriteTransaction(DbTransaction transaction, SemaphoreSlim? gate, Action? ended)
    {
        Transaction = transaction;
        _gate = gate;
        _ended = ended;
    }

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
            _gate?.Release();
            _ended?.Invoke();
        }
    }
}
