using System.Data.Common;
using Dapper;

namespace Nexus.Domain.Storage;

/// <summary>
/// The few places where SQLite and SQL Server need different SQL or ADO.NET calls: returning generated
/// ids, upserts, paging, write transactions and which errors mean what.
/// Everything else is shared SQL in the repositories.
/// </summary>
public abstract class SqlDialect
{
    /// <summary>The provider this dialect speaks for.</summary>
    public abstract StorageProvider Provider { get; }

    /// <summary>
    /// An INSERT that returns the generated <c>id</c> as its only result: <paramref name="table"/>,
    /// <paramref name="columns"/> and <paramref name="values"/> come from constants, never from input.
    /// </summary>
    public abstract string InsertReturningId(string table, string columns, string values);

    /// <summary>Increments the server's case counter (creating it at 1) and returns the new number. Parameter: <c>@GuildId</c>.</summary>
    public abstract string NextCaseNumberSql { get; }

    /// <summary>Increments the server's data version (creating it at 1) and returns the new version. Parameter: <c>@GuildId</c>.</summary>
    public abstract string BumpGuildVersionSql { get; }

    /// <summary>Inserts or replaces a server's settings. Parameters: <c>@GuildId</c>, <c>@ModeratorRoleId</c>, <c>@FeedChannelId</c>, <c>@UpdatedAt</c>.</summary>
    public abstract string UpsertGuildSettingsSql { get; }

    /// <summary>
    /// Inserts or replaces a case's review dismissal in one statement, so two dismissals of one case at once
    /// both succeed. Parameters: <c>@CaseId</c>, <c>@GuildId</c>, <c>@Version</c>, <c>@At</c>, <c>@ActorId</c>.
    /// </summary>
    public abstract string UpsertDismissalSql { get; }

    /// <summary>Creates the migration journal when it does not exist yet.</summary>
    public abstract string CreateJournalSql { get; }

    /// <summary>
    /// Takes the migration lock, held until the current transaction ends, so that migrators of several
    /// instances starting at once take turns; null where a write transaction already excludes every other
    /// writer (SQLite's <c>BEGIN IMMEDIATE</c>).
    /// </summary>
    public virtual string? MigrationLockSql => null;

    /// <summary>
    /// Reads the database's name and whether its reads see the last committed row versions instead of waiting
    /// for writers (one row: <c>name</c>, <c>snapshot_reads</c>); null where they always do (SQLite in WAL mode).
    /// </summary>
    public virtual string? SnapshotReadsSql => null;

    /// <summary>
    /// The day number of a case row's latest milestone on or before <c>@Today</c> (a day number): its application
    /// day when no later milestone qualifies. SQLite has a many-argument MAX; SQL Server (before 2022) has no
    /// GREATEST, so it takes the MAX of a VALUES list.
    /// </summary>
    public abstract string LatestMilestoneDaySql { get; }

    /// <summary>The clause that follows an ORDER BY to take one page. Parameters: <c>@Skip</c>, <c>@Take</c>.</summary>
    public abstract string PageClause { get; }

    /// <summary>
    /// A LIKE pattern matching text that contains <paramref name="literal"/> (digits and punctuation, no <c>%</c>
    /// or <c>_</c>): SQL Server reads <c>[</c> in a pattern as the start of a character class, SQLite does not.
    /// </summary>
    public virtual string LikeContaining(string literal) => "%" + literal + "%";

    /// <summary>
    /// Opens a connection from <paramref name="connections"/> and begins a transaction on it for a write that
    /// touches several rows, after waiting (without holding a thread, or a connection) for this process's
    /// other writers where the database has only one writer at a time, and for other processes' writers. The
    /// whole wait is bounded by <see cref="WriterWait"/>, measured from this call: a write that cannot start
    /// within it fails with <see cref="WriterBusy"/>. When the flow carries a <see cref="WriteOrigin"/> whose
    /// request has not written yet, the transaction records the request's id first, so a replay of the
    /// request fails here with <see cref="ReplayedRequestException"/> and changes nothing.
    /// </summary>
    public async ValueTask<WriteTransaction> BeginWriteAsync(IDbConnectionFactory connections, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connections);
        var started = Time.GetTimestamp();
        var gate = WriterGate;
        if (gate is not null && !await WaitForTurnAsync(gate, cancellationToken))
        {
            throw WriterBusy();
        }

        WriteTransaction write;
        DbConnection? connection = null;
        try
        {
            connection = await connections.OpenAsync(cancellationToken);
            if (WriteSessionSql is { } session)
            {
                await connection.ExecuteAsync(new CommandDefinition(session, cancellationToken: cancellationToken));
            }

            var left = WriterWait == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : WriterWait - Time.GetElapsedTime(started);
            var transaction = await BeginWriteTransactionAsync(connection, left, cancellationToken);
            write = new WriteTransaction(connection, transaction, gate, WriteEnded);
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            gate?.Release();
            throw;
        }

        if (WriteOrigin.Current is { Recorded: false } origin)
        {
            try
            {
                await RecordOriginAsync(write, origin, cancellationToken);
            }
            catch
            {
                await write.DisposeAsync();
                throw;
            }
        }

        return write;
    }

    /// <summary>Session settings a write needs, sent on the connection before its transaction begins; null for none.</summary>
    protected virtual string? WriteSessionSql => null;

    private async Task<bool> WaitForTurnAsync(SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        if (gate.Wait(0, CancellationToken.None))
        {
            return true;
        }

        // The wait runs on this dialect's clock (a test moves a fake one), not on the semaphore's own timer.
        using var timeout = new CancellationTokenSource(WriterWait, Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await gate.WaitAsync(linked.Token);
            return true;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task RecordOriginAsync(WriteTransaction write, WriteOrigin origin, CancellationToken cancellationToken)
    {
        const string record = "INSERT INTO request_writes (request_id, recorded_at) VALUES (@RequestId, @RecordedAt);";
        const string prune = "DELETE FROM request_writes WHERE recorded_at < @Before;";
        var now = Time.GetUtcNow();
        try
        {
            await write.Connection.ExecuteAsync(new CommandDefinition(
                record, new { origin.RequestId, RecordedAt = DbValues.Instant(now) }, write.Transaction, cancellationToken: cancellationToken));
        }
        catch (DbException ex) when (IsUniqueViolation(ex))
        {
            throw new ReplayedRequestException($"Request {origin.RequestId} has already written; its replay was refused.", ex);
        }

        write.Recording = origin;
        if (Interlocked.Increment(ref _recordsSincePrune) % PruneRecordsEvery == 0)
        {
            await write.Connection.ExecuteAsync(new CommandDefinition(
                prune, new { Before = DbValues.Instant(now - RequestRecordRetention) }, write.Transaction, cancellationToken: cancellationToken));
        }
    }

    /// <summary>How long a request's id is kept: far beyond any replay Discord's signature window or a gateway redelivery allows.</summary>
    public static readonly TimeSpan RequestRecordRetention = TimeSpan.FromDays(1);

    // Old request ids are deleted once per this many recorded ones, inside a write that runs anyway.
    private const int PruneRecordsEvery = 1024;
    private int _recordsSincePrune;

    /// <summary>The clock of the writer's waits.</summary>
    protected virtual TimeProvider Time => TimeProvider.System;

    /// <summary>
    /// Begins the provider's transaction for a write (<see cref="BeginWriteAsync"/> calls it in turn), waiting at
    /// most <paramref name="wait"/> for another process's writer.
    /// </summary>
    protected abstract ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, TimeSpan wait, CancellationToken cancellationToken);

    /// <summary>One writer at a time in this process, or null where the database takes concurrent writers.</summary>
    protected virtual SemaphoreSlim? WriterGate => null;

    /// <summary>How long a write may wait to begin, for its turn at <see cref="WriterGate"/> and for the database's lock, before it fails with <see cref="WriterBusy"/>.</summary>
    protected virtual TimeSpan WriterWait => Timeout.InfiniteTimeSpan;

    /// <summary>The failure of a write whose turn did not come within <see cref="WriterWait"/>.</summary>
    protected virtual Exception WriterBusy() => new TimeoutException("The database's writer was busy for too long.");

    /// <summary>Called after each write transaction has ended and let the next writer in; null for nothing.</summary>
    protected virtual Action? WriteEnded => null;

    /// <summary>Whether the exception is a unique-key violation (a lost race for a unique value).</summary>
    public abstract bool IsUniqueViolation(Exception exception);

    /// <summary>
    /// Whether the exception (not its inner ones) means the database cannot be used right now (unreachable,
    /// locked, read-only, full, its file missing) rather than a bug in the SQL: the operation may work again
    /// in a minute, with nothing changed here. Any provider's error that calls itself transient counts.
    /// </summary>
    public virtual bool IsUnavailable(Exception exception) => exception is DbException { IsTransient: true };
}
