using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Nexus.Domain.Storage;

/// <summary>
/// SQLite connections with WAL (readers don't block the writer), foreign keys on (SQLite leaves them off
/// per connection), a busy timeout (a writer waits for the lock instead of failing at once) and
/// <c>synchronous = NORMAL</c>.
/// </summary>
/// <remarks>
/// <c>synchronous = NORMAL</c> with WAL syncs the log at checkpoints rather than at every commit: a commit
/// costs no fsync (several milliseconds each on ordinary disks, and the writer holds the lock meanwhile).
/// The database cannot be corrupted by a crash or a power cut in this mode; what a power cut (not a crash of
/// the process) can lose is the last transactions committed before it, each whole, never half of one.
/// WAL is a property of the file, so it is set on the first connection only; the other pragmas once per
/// native connection (pooled connections keep them).
/// </remarks>
public sealed partial class SqliteConnectionFactory : IDbConnectionFactory
{
    private const string FirstConnectionPragmas = "PRAGMA journal_mode = WAL; " + ConnectionPragmas;
    private const string ConnectionPragmas =
        "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 10000; PRAGMA cache_size = -256;";

    /// <summary>The busy timeout in <c>ConnectionPragmas</c>; this process's writer queue waits as long.</summary>
    internal const int BusyTimeoutMilliseconds = 5000;

    // See CheckpointSoon: how many write transactions between two checkpoints in the background.
    private const int WritesPerCheckpoint = 256;
    private const int SqliteCantOpen = 14;
    private static readonly object Prepared = new();
    private readonly string _connectionString;
    private readonly string _existingFileConnectionString;
    private readonly string? _file;
    private volatile bool _opened;
    private readonly SqliteDialect _dialect;
    private readonly ILogger<SqliteConnectionFactory> _logger;
    private int _writesSinceCheckpoint;
    private int _checkpointing;
    private int _walSet;

    // The per-connection pragmas stay set for the life of a native connection, and the pool hands the same
    // native connection out again and again: they run once per native connection rather than on every open
    // (several opens per interaction). Weak keys, so closed native connections are not kept alive.
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _prepared = new();

    /// <summary>Creates the factory for a SQLite connection string.</summary>
    /// <param name="connectionString">The SQLite connection string.</param>
    /// <param name="logger">Where failed background checkpoints are reported (default: nowhere, for tools and tests).</param>
    /// <param name="time">The clock of the writers' waits (default: the system's; tests pass a fake one).</param>
    public SqliteConnectionFactory(string connectionString, ILogger<SqliteConnectionFactory>? logger = null, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _connectionString = connectionString;
        _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger<SqliteConnectionFactory>.Instance;

        // Only a file this factory may create is guarded against disappearing (see OpenAsync).
        var creates = new SqliteConnectionStringBuilder(connectionString).Mode == SqliteOpenMode.ReadWriteCreate;
        _file = creates ? DatabaseFile(connectionString) : null;
        _existingFileConnectionString = _file is not null
            ? new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWrite }.ToString()
            : connectionString;
        _dialect = new SqliteDialect(CheckpointSoon, time);
        DapperTypeHandlers.Register();
    }

    /// <summary>
    /// The file a SQLite connection string names as its database, as written there; null when it names none
    /// (an in-memory database, or a <c>file:</c> URI, whose path SQLite itself decodes).
    /// </summary>
    public static string? DatabaseFile(string connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return string.IsNullOrWhiteSpace(source)
            || source == ":memory:"
            || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            ? null
            : source;
    }

    /// <inheritdoc />
    public SqlDialect Dialect => _dialect;

    /// <summary>
    /// Opens a connection. Only the first open may create the file (the migrator's, at start). Once the
    /// database exists, a file that disappears (deleted, moved, its volume unmounted) must read as "storage
    /// unavailable" until it is back, not as a fresh empty database created in its place, and not as a
    /// pooled handle still writing into the deleted file, whose writes would vanish with it.
    /// </summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_opened ? _existingFileConnectionString : _connectionString)
        {
            // Microsoft.Data.Sqlite retries a statement that meets SQLITE_BUSY, sleeping the thread between tries,
            // until this many seconds have passed (30 by default): a lock held elsewhere would hold the statement
            // far beyond the busy timeout. One second is less than the busy timeout, so SQLite's own wait is the
            // only one.
            DefaultTimeout = 1,
        };
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (_opened && _file is not null && !File.Exists(_file))
            {
                // One stat per operation: cheap next to the query, and the only way to see that a pooled
                // handle now points at an unlinked file.
                SqliteConnection.ClearPool(connection);
                throw new SqliteException($"The database file {Path.GetFileName(_file)} is missing.", SqliteCantOpen);
            }

            var handle = connection.Handle!;
            if (!_prepared.TryGetValue(handle, out _))
            {
                // Until one connection has set WAL, every new one tries (a failed first set-up must not skip it).
                var setWal = Volatile.Read(ref _walSet) == 0;
                await connection.ExecuteAsync(new CommandDefinition(setWal ? FirstConnectionPragmas : ConnectionPragmas, cancellationToken: cancellationToken));
                _prepared.AddOrUpdate(handle, Prepared);
                if (setWal)
                {
                    Volatile.Write(ref _walSet, 1);
                }
            }

            _opened = true;
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// For shutdown, once nothing writes any more: copies the whole write-ahead log into the database and
    /// empties it (<c>wal_checkpoint(TRUNCATE)</c>), then closes this process's pooled connections, so the
    /// database file alone holds everything and a copy of it made while the bot is stopped is complete.
    /// </summary>
    /// <returns>
    /// False when another connection (another process) kept the checkpoint from finishing within a second;
    /// nothing is lost then: the next open reads the log, as after any stop.
    /// </returns>
    public async Task<bool> CheckpointAndCloseAsync(CancellationToken cancellationToken)
    {
        if (!_opened)
        {
            return true;
        }

        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            // A shorter wait than a request's: shutdown is bounded, and an unfinished checkpoint loses nothing.
            await connection.ExecuteAsync(new CommandDefinition("PRAGMA busy_timeout = 1000;", cancellationToken: cancellationToken));
            var (busy, _, _) = await connection.QuerySingleAsync<(long Busy, long LogPages, long Checkpointed)>(
                new CommandDefinition("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken: cancellationToken));
            return busy == 0;
        }
        finally
        {
            // The last connection to close also removes the log file.
            SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>
    /// Copies the write-ahead log into the database now and then, on a connection of its own, off the path of
    /// any request. Left to SQLite (<c>wal_autocheckpoint</c>, every 1,000 pages by default), the checkpoint
    /// runs inside a commit while this process's other writers queue behind it: under the benchmark's write
    /// load, several times a second. A passive checkpoint never blocks a writer. The automatic one stays on,
    /// at 10,000 pages, as a bound on the log should these fail.
    /// </summary>
    private void CheckpointSoon()
    {
        if (Interlocked.Increment(ref _writesSinceCheckpoint) < WritesPerCheckpoint || Interlocked.CompareExchange(ref _checkpointing, 1, 0) != 0)
        {
            return;
        }

        Volatile.Write(ref _writesSinceCheckpoint, 0);
        _ = Task.Run(async () =>
        {
            try
            {
                await using var connection = await OpenAsync(CancellationToken.None);
                await connection.ExecuteAsync(new CommandDefinition("PRAGMA wal_checkpoint(PASSIVE);"));
            }
            catch (SqliteException ex)
            {
                // The store is unavailable (locked, removed): the next checkpoint tries again, and the requests
                // that meet the outage report it to members. Until one succeeds the log grows to the bound.
                CheckpointFailed(_logger, ex.SqliteErrorCode, ex.SqliteExtendedErrorCode, ex);
            }
            finally
            {
                Volatile.Write(ref _checkpointing, 0);
            }
        });
    }

    [LoggerMessage(EventId = 2030, Level = LogLevel.Warning, Message = "A background WAL checkpoint failed with SQLite error {Code} (extended {ExtendedCode}); the next one tries again")]
    private static partial void CheckpointFailed(ILogger logger, int code, int extendedCode, Exception exception);
}
