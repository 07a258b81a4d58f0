using System.Data.Common;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Nexus.Domain.Storage;

/// <summary>SQLite: <c>RETURNING</c>, <c>ON CONFLICT</c> upserts, <c>LIMIT/OFFSET</c>, one writer at a time.</summary>
/// <param name="writeEnded">Called after each write transaction (the connection factory counts them for its checkpoints).</param>
/// <param name="time">The clock of the writers' waits (default: the system's).</param>
public sealed class SqliteDialect(Action? writeEnded = null, TimeProvider? time = null) : SqlDialect
{
    // Result codes (primary code; extended codes carry it in the low byte).
    private const int SqliteBusy = 5;      // another connection holds the lock beyond busy_timeout
    private const int SqliteLocked = 6;    // a table is locked within a shared cache
    private const int SqliteReadOnly = 8;  // the file or its folder lost write permission
    private const int SqliteIoError = 10;  // the disk or file system failed
    private const int SqliteFull = 13;     // the disk is full
    private const int SqliteCantOpen = 14; // the file is missing or unreadable
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    /// <inheritdoc />
    public override StorageProvider Provider => StorageProvider.Sqlite;

    /// <inheritdoc />
    public override string InsertReturningId(string table, string columns, string values) =>
        $"INSERT INTO {table} ({columns}) VALUES ({values}) RETURNING id;";

    /// <inheritdoc />
    public override string NextCaseNumberSql => """
        INSERT INTO guild_case_counters (guild_id, last_case_number) VALUES (@GuildId, 1)
        ON CONFLICT (guild_id) DO UPDATE SET last_case_number = last_case_number + 1
        RETURNING last_case_number;
        """;

    /// <inheritdoc />
    public override string BumpGuildVersionSql => """
        INSERT INTO guild_versions (guild_id, version) VALUES (@GuildId, 1)
        ON CONFLICT (guild_id) DO UPDATE SET version = version + 1
        RETURNING version;
        """;

    /// <inheritdoc />
    public override string UpsertGuildSettingsSql => """
        INSERT INTO guild_settings (guild_id, moderator_role_id, feed_channel_id, time_zone, updated_at)
        VALUES (@GuildId, @ModeratorRoleId, @FeedChannelId, @TimeZoneId, @UpdatedAt)
        ON CONFLICT (guild_id) DO UPDATE SET
            moderator_role_id = excluded.moderator_role_id,
            feed_channel_id = excluded.feed_channel_id,
            time_zone = excluded.time_zone,
            updated_at = excluded.updated_at;
        """;

    /// <inheritdoc />
    public override string UpsertDismissalSql => """
        INSERT INTO review_dismissals (case_id, guild_id, case_version, dismissed_at, dismissed_by)
        VALUES (@CaseId, @GuildId, @Version, @At, @ActorId)
        ON CONFLICT (case_id) DO UPDATE SET
            guild_id = excluded.guild_id,
            case_version = excluded.case_version,
            dismissed_at = excluded.dismissed_at,
            dismissed_by = excluded.dismissed_by;
        """;

    /// <inheritdoc />
    public override string CreateJournalSql => """
        CREATE TABLE IF NOT EXISTS schema_journal (
            id INTEGER NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            checksum TEXT NOT NULL,
            applied_at INTEGER NOT NULL
        );
        """;

    /// <inheritdoc />
    public override string PageClause => "LIMIT @Take OFFSET @Skip";

    /// <inheritdoc />
    /// <remarks>A NULL argument would make MAX NULL, so a missing or future milestone becomes -1.</remarks>
    public override string LatestMilestoneDaySql => """
        MAX(applied_day,
            CASE WHEN conditional_day <= @Today THEN conditional_day ELSE -1 END,
            CASE WHEN interview_ca_day <= @Today THEN interview_ca_day ELSE -1 END,
            CASE WHEN interview_us_day <= @Today THEN interview_us_day ELSE -1 END,
            CASE WHEN approved_day <= @Today THEN approved_day ELSE -1 END,
            CASE WHEN card_day <= @Today THEN card_day ELSE -1 END,
            CASE WHEN denied_day <= @Today THEN denied_day ELSE -1 END)
        """;

    /// <summary>
    /// BEGIN IMMEDIATE: takes the write lock up front. A deferred transaction that reads and then writes
    /// can deadlock with another one doing the same (neither can upgrade its lock), and SQLite then fails
    /// one of them at once instead of waiting out the busy timeout.
    /// </summary>
    /// <remarks>
    /// While another process holds the lock (a backup, a <c>sqlite3</c> session), the wait happens here, on a
    /// timer: SQLite's busy handler would sleep this thread until the lock goes, and Microsoft.Data.Sqlite's own
    /// retry loop around it sleeps it again, for up to its command timeout. Native <c>BEGIN IMMEDIATE</c> attempts
    /// with no busy wait find the moment the lock is free; the transaction Microsoft.Data.Sqlite then begins
    /// takes it at once, unless another process took it in the instant between, when SQLite's busy handler
    /// waits what is left of <paramref name="wait"/>.
    /// </remarks>
    protected override async ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, TimeSpan wait, CancellationToken cancellationToken)
    {
        var sqlite = (SqliteConnection)connection;
        var handle = sqlite.Handle!;
        var started = Time.GetTimestamp();
        var pause = FirstPause;
        raw.sqlite3_busy_timeout(handle, 0);
        try
        {
            while (true)
            {
                var rc = raw.sqlite3_exec(handle, "BEGIN IMMEDIATE;");
                if (rc == raw.SQLITE_OK)
                {
                    raw.sqlite3_exec(handle, "ROLLBACK;");
                    break;
                }

                if ((rc & 0xFF) is not (raw.SQLITE_BUSY or raw.SQLITE_LOCKED))
                {
                    SqliteException.ThrowExceptionForRC(rc, handle);
                }

                var left = wait - Time.GetElapsedTime(started);
                if (left <= TimeSpan.Zero)
                {
                    throw WriterBusy();
                }

                await Task.Delay(pause < left ? pause : left, Time, cancellationToken);
                pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
            }

            var rest = wait - Time.GetElapsedTime(started);
            raw.sqlite3_busy_timeout(handle, (int)Math.Clamp(rest.TotalMilliseconds, 1, SqliteConnectionFactory.BusyTimeoutMilliseconds));
            return sqlite.BeginTransaction(deferred: false);
        }
        finally
        {
            raw.sqlite3_busy_timeout(handle, SqliteConnectionFactory.BusyTimeoutMilliseconds);
        }
    }

    // How often a write waiting for another process's lock looks again: soon at first, then every 50 ms.
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(50);

    /// <inheritdoc />
    protected override TimeProvider Time => time ?? TimeProvider.System;

    /// <summary>
    /// SQLite has one writer per database. Left to SQLite, a second writer waits in its busy handler, which
    /// sleeps the thread for at least a millisecond at a time even when the lock frees in microseconds: under
    /// load that blocked thread-pool threads and queued every request behind them, PINGs included. Writers of
    /// this process queue here instead, without holding a thread; the busy timeout still covers other
    /// processes. One dialect per connection factory, so one gate per database.
    /// </summary>
    protected override SemaphoreSlim? WriterGate { get; } = new(1, 1);

    /// <inheritdoc />
    /// <remarks>
    /// The busy timeout SQLite itself applies (<c>PRAGMA busy_timeout</c> in <see cref="SqliteConnectionFactory"/>):
    /// a write that cannot start within it fails as busy, as it did when SQLite did the waiting, so a database
    /// held by another process gives every queued member "storage is unavailable" after at most this long
    /// rather than an ever longer line of five-second waits.
    /// </remarks>
    protected override TimeSpan WriterWait => TimeSpan.FromMilliseconds(SqliteConnectionFactory.BusyTimeoutMilliseconds);

    /// <inheritdoc />
    protected override Exception WriterBusy() =>
        new SqliteException("database is locked: the write could not begin within the busy timeout", SqliteBusy);

    /// <inheritdoc />
    protected override Action? WriteEnded => writeEnded;

    /// <inheritdoc />
    public override bool IsUniqueViolation(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteConstraint } sqlite
        && sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey;

    /// <inheritdoc />
    public override bool IsUnavailable(Exception exception) =>
        exception is SqliteException sqlite && (sqlite.SqliteErrorCode & 0xFF) is SqliteBusy or SqliteLocked or SqliteReadOnly or SqliteIoError or SqliteFull or SqliteCantOpen
        || base.IsUnavailable(exception);
}
