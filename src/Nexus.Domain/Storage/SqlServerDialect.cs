using System.Data;
using System.Data.Common;
using Microsoft.Data.SqlClient;

namespace Nexus.Domain.Storage;

/// <summary>SQL Server: <c>OUTPUT INSERTED</c>, <c>MERGE … WITH (HOLDLOCK)</c> upserts, <c>OFFSET/FETCH</c>.</summary>
public sealed class SqlServerDialect : SqlDialect
{
    private const int DuplicateKeyInUniqueIndex = 2601;
    private const int UniqueConstraintViolation = 2627;

    /// <inheritdoc />
    public override StorageProvider Provider => StorageProvider.SqlServer;

    /// <inheritdoc />
    public override string InsertReturningId(string table, string columns, string values) =>
        $"INSERT INTO {table} ({columns}) OUTPUT INSERTED.id VALUES ({values});";

    // HOLDLOCK: without it two MERGEs can both see "not matched" and both insert.

    /// <inheritdoc />
    public override string NextCaseNumberSql => """
        MERGE dbo.guild_case_counters WITH (HOLDLOCK) AS t
        USING (SELECT @GuildId AS guild_id) AS s ON t.guild_id = s.guild_id
        WHEN MATCHED THEN UPDATE SET last_case_number = t.last_case_number + 1
        WHEN NOT MATCHED THEN INSERT (guild_id, last_case_number) VALUES (s.guild_id, 1)
        OUTPUT inserted.last_case_number;
        """;

    /// <inheritdoc />
    public override string BumpGuildVersionSql => """
        MERGE dbo.guild_versions WITH (HOLDLOCK) AS t
        USING (SELECT @GuildId AS guild_id) AS s ON t.guild_id = s.guild_id
        WHEN MATCHED THEN UPDATE SET version = t.version + 1
        WHEN NOT MATCHED THEN INSERT (guild_id, version) VALUES (s.guild_id, 1)
        OUTPUT inserted.version;
        """;

    /// <inheritdoc />
    public override string UpsertGuildSettingsSql => """
        MERGE dbo.guild_settings WITH (HOLDLOCK) AS t
        USING (SELECT @GuildId AS guild_id) AS s ON t.guild_id = s.guild_id
        WHEN MATCHED THEN UPDATE SET
            moderator_role_id = @ModeratorRoleId, feed_channel_id = @FeedChannelId, time_zone = @TimeZoneId, updated_at = @UpdatedAt
        WHEN NOT MATCHED THEN INSERT (guild_id, moderator_role_id, feed_channel_id, time_zone, updated_at)
            VALUES (s.guild_id, @ModeratorRoleId, @FeedChannelId, @TimeZoneId, @UpdatedAt);
        """;

    /// <inheritdoc />
    public override string UpsertDismissalSql => """
        MERGE dbo.review_dismissals WITH (HOLDLOCK) AS t
        USING (SELECT @CaseId AS case_id) AS s ON t.case_id = s.case_id
        WHEN MATCHED THEN UPDATE SET
            guild_id = @GuildId, case_version = @Version, dismissed_at = @At, dismissed_by = @ActorId
        WHEN NOT MATCHED THEN INSERT (case_id, guild_id, case_version, dismissed_at, dismissed_by)
            VALUES (s.case_id, @GuildId, @Version, @At, @ActorId);
        """;

    /// <inheritdoc />
    public override string CreateJournalSql => """
        IF OBJECT_ID(N'dbo.schema_journal', N'U') IS NULL
        CREATE TABLE dbo.schema_journal (
            id INT NOT NULL CONSTRAINT pk_schema_journal PRIMARY KEY,
            name NVARCHAR(200) NOT NULL,
            checksum CHAR(64) NOT NULL,
            applied_at BIGINT NOT NULL
        );
        """;

    /// <inheritdoc />
    /// <remarks>
    /// <c>sp_getapplock</c> owned by the transaction: exclusive, released by the commit or rollback (or when the
    /// connection dies), waited for without a limit while another instance applies a script, since migrations
    /// run with no command timeout either. A failure to get it (deadlock victim, cancelled) stops the run.
    /// </remarks>
    public override string MigrationLockSql => """
        DECLARE @lock INT;
        EXEC @lock = sys.sp_getapplock @Resource = N'Nexus.DatabaseMigrator', @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = -1;
        IF @lock < 0 THROW 51000, N'The migration lock (sp_getapplock Nexus.DatabaseMigrator) could not be taken.', 1;
        """;

    /// <inheritdoc />
    public override string SnapshotReadsSql =>
        "SELECT name, CAST(is_read_committed_snapshot_on AS INT) AS snapshot_reads FROM sys.databases WHERE database_id = DB_ID();";

    /// <inheritdoc />
    public override string PageClause => "OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY";

    /// <inheritdoc />
    /// <remarks>
    /// With XACT_ABORT on, any error in a write (a constraint, a timeout, a cancelled command) rolls the whole
    /// transaction back at once on the server: without it, some errors end only the statement and leave the
    /// transaction open with half its writes.
    /// </remarks>
    protected override string WriteSessionSql => "SET XACT_ABORT ON;";

    /// <inheritdoc />
    public override string LatestMilestoneDaySql => """
        (SELECT MAX(m.d) FROM (VALUES (applied_day), (conditional_day), (interview_ca_day), (interview_us_day),
            (approved_day), (card_day), (denied_day)) AS m(d) WHERE m.d <= @Today)
        """;

    /// <inheritdoc />
    public override string LikeContaining(string literal)
    {
        ArgumentNullException.ThrowIfNull(literal);
        return "%" + literal.Replace("[", "[[]", StringComparison.Ordinal) + "%";
    }

    /// <inheritdoc />
    protected override async ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, TimeSpan wait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
    }

    /// <inheritdoc />
    public override bool IsUniqueViolation(Exception exception) =>
        exception is SqlException { Number: DuplicateKeyInUniqueIndex or UniqueConstraintViolation };

    /// <inheritdoc />
    /// <remarks>The errors <see cref="SqlServerRetry"/> retries: by the time one reaches a caller, the retries are spent.</remarks>
    public override bool IsUnavailable(Exception exception) => SqlServerRetry.IsTransient(exception) || base.IsUnavailable(exception);
}
