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
        MERGE guild_case_counters WITH (HOLDLOCK) AS t
        USING (SELECT @GuildId AS guild_id) AS s ON t.guild_id = s.guild_id
        WHEN MATCHED THEN UPDATE SET last_case_number = t.last_case_number + 1
        WHEN NOT MATCHED THEN INSERT (guild_id, last_case_number) VALUES (s.guild_id, 1)
        OUTPUT inserted.last_case_number;
        """;

    /// <inheritdoc />
    public override string BumpGuildVersionSql => """
        MERGE guild_versions WITH (HOLDLOCK) AS t
        USING (SELECT @GuildId AS guild_id) AS s ON t.guild_id = s.guild_id
        WHEN MATCHED THEN UPDATE SET version = t.version + 1
        WHEN NOT MATCHED THEN INSERT (guild_id, version) VALUES (s.guild_id, 1)
        OUTPUT inserted.version;
        """;

    /// <inheritdoc />
    public override string UpsertGuildSettingsSql => """
        MERGE guild_settings WITH (HOLDLOCK) AS t
        USING (SELECT @GuildId AS guild_id) AS s ON t.guild_id = s.guild_id
        WHEN MATCHED THEN UPDATE SET
            moderator_role_id = @ModeratorRoleId, feed_channel_id = @FeedChannelId, updated_at = @UpdatedAt
        WHEN NOT MATCHED THEN INSERT (guild_id, moderator_role_id, feed_channel_id, updated_at)
            VALUES (s.guild_id, @ModeratorRoleId, @FeedChannelId, @UpdatedAt);
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
    public override string PageClause => "OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY";

    /// <inheritdoc />
    protected override DbTransaction BeginWriteTransaction(DbConnection connection) =>
        connection.BeginTransaction(IsolationLevel.ReadCommitted);

    /// <inheritdoc />
    public override bool IsUniqueViolation(Exception exception) =>
        exception is SqlException { Number: DuplicateKeyInUniqueIndex or UniqueConstraintViolation };

    /// <inheritdoc />
    /// <remarks>The errors <see cref="SqlServerRetry"/> retries: by the time one reaches a caller, the retries are spent.</remarks>
    public override bool IsUnavailable(Exception exception) => SqlServerRetry.IsTransient(exception) || base.IsUnavailable(exception);
}
