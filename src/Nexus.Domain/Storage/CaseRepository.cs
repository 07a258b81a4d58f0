using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;
using Nexus.Domain.Cases;
using Nexus.Domain.Statistics;

namespace Nexus.Domain.Storage;

/// <summary>
/// Cases and their history through Dapper, on any provider. Each write runs in one
/// transaction that also bumps the server's data version, so cached statistics anywhere notice it.
/// </summary>
public sealed class CaseRepository(IDbConnectionFactory connections, ILogger<CaseRepository> logger) : ICaseRepository, IStatsSource, ICaseListing
{
    // A case is one row: its milestone dates are the seven *_day columns (migration 0006), day numbers
    // (DateOnly.DayNumber) or NULL for a milestone not recorded, in Milestone order. The case reader and the
    // statistics load read the same columns.
    private const string CaseColumns =
        "guild_id, owner_id, case_number, application_type, applicant_status, applicants, centre_code, visible, excluded, created_at, updated_at, version, owner_name, import_key, excluded_stages, "
        + "applied_day, conditional_day, interview_ca_day, interview_us_day, approved_day, card_day, denied_day";

    private const string CaseValues =
        "@GuildId, @OwnerId, @CaseNumber, @Type, @ApplicantStatus, @Applicants, @CentreCode, @Visible, @Excluded, @CreatedAt, @UpdatedAt, 1, @OwnerName, @ImportKey, @ExcludedStages, "
        + "@AppliedDay, @ConditionalDay, @InterviewCaDay, @InterviewUsDay, @ApprovedDay, @CardDay, @DeniedDay";

    /// <summary>Every column of a case, one row per case, in the order <see cref="ReadCaseRowsAsync"/> reads; callers add WHERE and ORDER BY.</summary>
    internal const string SelectCase = """
        SELECT c.id, c.guild_id, c.owner_id, c.case_number, c.application_type, c.applicant_status, c.applicants, c.centre_code,
               c.visible, c.excluded, c.created_at, c.updated_at, c.version, c.owner_name,
               c.applied_day, c.conditional_day, c.interview_ca_day, c.interview_us_day, c.approved_day, c.card_day, c.denied_day,
               c.import_key, c.excluded_stages
        FROM cases c
        """;

    private const string InsertHistory = """
        INSERT INTO case_history (case_id, field, old_value, new_value, changed_at, actor_id)
        VALUES (@CaseId, @Field, @From, @To, @ChangedAt, @ActorId);
        """;

    private readonly SqlDialect _dialect = connections.Dialect;

    // The listing's filter, composed once with the dialect's "latest milestone" expression. A NULL parameter
    // means "any": one text serves every combination of filters, and the count and the page share it, so
    // "page 2 of 7" always agrees with what is listed. Removed cases never show.
    private readonly string _listCountSql = "SELECT COUNT(*) FROM cases c " + ListWhere(connections.Dialect) + ";";
    private readonly string _listPageSql = SelectCase + " " + ListWhere(connections.Dialect)
        + " ORDER BY " + connections.Dialect.LatestMilestoneDaySql + " DESC, case_number DESC " + connections.Dialect.PageClause;

    // Composed once: the dialect only decides how the generated id comes back.
    private readonly string _insertCaseSql = connections.Dialect.InsertReturningId("cases", CaseColumns, CaseValues);

    // What the statistics keep of a case, in as few columns as possible: reading a column costs a native call
    // or two per row, which at a million rows outweighs what SQLite spends finding them. So the attributes
    // share one integer (type + 16 × status, plus 256 when the case counts, plus 512 × the excluded stages' bits),
    // and the day columns (migration 0006) go two to a 64-bit integer, each as day number + 1 so that NULL is 0 (any DateOnly fits in 32 bits).
    // Constants are BIGINT so SQL Server multiplies in 64 bits too. UnpackDays reads them back.
    private const string StatsDays = """
        COALESCE(c.applied_day + 1, 0) + COALESCE(CAST(c.conditional_day AS BIGINT) + 1, 0) * CAST(4294967296 AS BIGINT),
        COALESCE(c.interview_ca_day + 1, 0) + COALESCE(CAST(c.interview_us_day AS BIGINT) + 1, 0) * CAST(4294967296 AS BIGINT),
        COALESCE(c.approved_day + 1, 0) + COALESCE(CAST(c.card_day AS BIGINT) + 1, 0) * CAST(4294967296 AS BIGINT),
        COALESCE(CAST(c.denied_day AS BIGINT) + 1, 0)
        """;

    private const string ReadAllStatsCasesSql = "SELECT c.id, c.application_type + c.applicant_status * 16 + 256 + c.excluded_stages * 512, c.centre_code, " + StatsDays + """

        FROM cases c
        WHERE c.guild_id = @GuildId AND c.excluded = 0 AND c.deleted_at IS NULL
        ORDER BY c.id
        """;

    // Every case a version after @Since touched, as it is now: gone (deleted) or no longer counting (excluded or
    // removed), both read as attributes 0, or its current row. Case ids are unique across servers, so the join
    // needs no guild.
    private const string ReadChangedStatsCasesSql = """
        SELECT ch.case_id,
               CASE WHEN c.excluded = 0 AND c.deleted_at IS NULL THEN c.application_type + c.applicant_status * 16 + 256 + c.excluded_stages * 512 ELSE 0 END,
               c.centre_code,
        """ + StatsDays + """

        FROM (SELECT DISTINCT case_id FROM case_changes WHERE guild_id = @GuildId AND version > @Since) ch
        LEFT JOIN cases c ON c.id = ch.case_id
        ORDER BY ch.case_id
        """;

    private const string CountGuildCasesSql = "SELECT COUNT(*) FROM cases WHERE guild_id = @GuildId;";

    private const string ReadVersionAndLogSql = "SELECT version, changes_from FROM guild_versions WHERE guild_id = @GuildId;";

    /// <inheritdoc />
    public Task<Case?> FindByOwnerAsync(ulong guildId, ulong ownerId, CancellationToken cancellationToken)
    {
        const string sql = SelectCase + " WHERE c.guild_id = @GuildId AND c.owner_id = @OwnerId AND c.deleted_at IS NULL";
        return FindOneAsync(sql, new { GuildId = DbValues.Id(guildId), OwnerId = DbValues.Id(ownerId) }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Case?> FindByNumberAsync(ulong guildId, long caseNumber, CancellationToken cancellationToken)
    {
        const string sql = SelectCase + " WHERE c.guild_id = @GuildId AND c.case_number = @CaseNumber AND c.deleted_at IS NULL";
        return FindOneAsync(sql, new { GuildId = DbValues.Id(guildId), CaseNumber = caseNumber }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Case?> InsertAsync(Case draft, IReadOnlyList<CaseHistoryEntry> history, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(history);
        await using var write = await _dialect.BeginWriteAsync(connections, cancellationToken);
        var (connection, transaction) = (write.Connection, write.Transaction);
        try
        {
            var saved = await InsertInTransactionAsync(connection, transaction, draft, history, cancellationToken);
            await write.CommitAsync(cancellationToken);
            return saved;
        }
        catch (DbException ex) when (_dialect.IsUniqueViolation(ex))
        {
            await transaction.RollbackAsync(CancellationToken.None);
            if (draft.ImportKey is { } key)
            {
                // An ownerless case's only unique key is its import key: an earlier attempt of this very insert
                // was saved (its acknowledgement lost), and that case is the answer.
                return await FindByImportKeyAsync(draft.GuildId, key, cancellationToken);
            }

            // The only other unique key a valid draft can hit is one case per member per server.
            StorageLog.DuplicateOwner(logger, draft.GuildId);
            return null;
        }
    }

    /// <summary>The case saved under <paramref name="importKey"/> in the server (removed or not), or null.</summary>
    internal Task<Case?> FindByImportKeyAsync(ulong guildId, string importKey, CancellationToken cancellationToken)
    {
        const string sql = SelectCase + " WHERE c.guild_id = @GuildId AND c.import_key = @ImportKey";
        return FindOneAsync(sql, new { GuildId = DbValues.Id(guildId), ImportKey = importKey }, cancellationToken);
    }

    /// <summary>
    /// Inserts a case inside the caller's transaction (allocating its number, writing its history and
    /// bumping the server's version); the moderator import writes many cases in one transaction.
    /// </summary>
    internal async Task<Case> InsertInTransactionAsync(
        DbConnection connection, DbTransaction transaction, Case draft, IReadOnlyList<CaseHistoryEntry> history, CancellationToken cancellationToken)
    {
        var guild = new { GuildId = DbValues.Id(draft.GuildId) };
        var number = await connection.ExecuteScalarAsync<long>(
            new CommandDefinition(_dialect.NextCaseNumberSql, guild, transaction, cancellationToken: cancellationToken));
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            _insertCaseSql,
            CaseParameters(draft with { CaseNumber = number }),
            transaction,
            cancellationToken: cancellationToken));
        var saved = draft with
        {
            Id = id,
            CaseNumber = number,
            Version = 1,
            CreatedAt = DbValues.Truncate(draft.CreatedAt),
            UpdatedAt = DbValues.Truncate(draft.UpdatedAt),
        };
        await WriteHistoryAndVersionAsync(connection, transaction, saved, history, cancellationToken);
        return saved;
    }

    /// <inheritdoc />
    public async Task<Case?> TryUpdateAsync(Case updated, IReadOnlyList<CaseHistoryEntry> history, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE cases SET
                owner_id = @OwnerId, application_type = @Type, applicant_status = @ApplicantStatus,
                applicants = @Applicants, centre_code = @CentreCode, visible = @Visible, owner_name = @OwnerName,
                applied_day = @AppliedDay, conditional_day = @ConditionalDay, interview_ca_day = @InterviewCaDay,
                interview_us_day = @InterviewUsDay, approved_day = @ApprovedDay, card_day = @CardDay, denied_day = @DeniedDay,
                updated_at = @UpdatedAt, version = version + 1
            WHERE id = @Id AND version = @Version AND deleted_at IS NULL;
            """;
        ArgumentNullException.ThrowIfNull(updated);
        ArgumentNullException.ThrowIfNull(history);
        await using var write = await _dialect.BeginWriteAsync(connections, cancellationToken);
        var (connection, transaction) = (write.Connection, write.Transaction);
        var rows = await connection.ExecuteAsync(new CommandDefinition(sql, CaseParameters(updated), transaction, cancellationToken: cancellationToken));
        if (rows == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            StorageLog.VersionConflict(logger, updated.Id, updated.Version);
            return null;
        }

        var saved = updated with { Version = updated.Version + 1, UpdatedAt = DbValues.Truncate(updated.UpdatedAt) };
        await WriteHistoryAndVersionAsync(connection, transaction, saved, history, cancellationToken);
        await write.CommitAsync(cancellationToken);
        return saved;
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(ulong guildId, long caseId, CancellationToken cancellationToken)
    {
        // Its history goes with the case (ON DELETE CASCADE). A case a moderator removed is
        // already gone for its owner, so only a visible one can be deleted here.
        const string sql = "DELETE FROM cases WHERE guild_id = @GuildId AND id = @Id AND deleted_at IS NULL;";
        await using var write = await _dialect.BeginWriteAsync(connections, cancellationToken);
        var (connection, transaction) = (write.Connection, write.Transaction);
        var rows = await connection.ExecuteAsync(new CommandDefinition(sql, new { GuildId = DbValues.Id(guildId), Id = caseId }, transaction, cancellationToken: cancellationToken));
        if (rows == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await GuildChanges.RecordAsync(connection, transaction, _dialect, guildId, [caseId], cancellationToken);
        await write.CommitAsync(cancellationToken);
        return true;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CaseHistoryEntry>> GetHistoryAsync(long caseId, int skip, int take, CancellationToken cancellationToken)
    {
        const string sql = "SELECT field, old_value, new_value, changed_at, actor_id FROM case_history WHERE case_id = @CaseId ORDER BY id ";
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(
            new CommandDefinition(sql + _dialect.PageClause, new { CaseId = caseId, Skip = skip, Take = take }, cancellationToken: cancellationToken));
        var entries = new List<CaseHistoryEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new CaseHistoryEntry(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                DbValues.FromInstant(reader.GetInt64(3)),
                DbValues.FromId(reader.GetInt64(4))));
        }

        return entries;
    }

    /// <inheritdoc />
    public async Task<CasePage> ListRecentAsync(ulong guildId, CaseListFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        var today = filter.Today ?? DateOnly.MaxValue;
        var parameters = new
        {
            GuildId = DbValues.Id(guildId),
            Type = (int?)filter.Type,
            Status = (int?)filter.Status,
            // Stored codes are the directory's, in lower case (CaseService and the import store Find(...).Code):
            // comparing with a lower-cased parameter matches on both providers without LOWER() on the column,
            // which would keep SQL Server from using an index and is needless under its case-insensitive collation.
            Centre = string.IsNullOrWhiteSpace(filter.CentreCode) ? null : filter.CentreCode.Trim().ToLowerInvariant(),
            AppliedFrom = filter.AppliedSince?.DayNumber,
            AppliedTo = filter.AppliedUntil?.DayNumber,
            Waiting = filter.State switch { CaseListState.Waiting => 1, CaseListState.Finished => 0, _ => (int?)null },
            MovedSince = filter.State == CaseListState.Moved ? today.AddDays(-(CaseListFilter.MovedDays - 1)).DayNumber : (int?)null,
            Today = today.DayNumber,
            Skip = skip,
            Take = take,
        };
        await using var connection = await connections.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(_listCountSql, parameters, cancellationToken: cancellationToken));
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(_listPageSql, parameters, cancellationToken: cancellationToken));
        return new CasePage(await ReadCaseRowsAsync(reader, cancellationToken), total);
    }

    private static string ListWhere(SqlDialect dialect) => $"""
        WHERE guild_id = @GuildId AND deleted_at IS NULL
          AND (@Type IS NULL OR application_type = @Type)
          AND (@Status IS NULL OR applicant_status = @Status)
          AND (@Centre IS NULL OR centre_code = @Centre)
          AND (@AppliedFrom IS NULL OR applied_day >= @AppliedFrom)
          AND (@AppliedTo IS NULL OR applied_day <= @AppliedTo)
          AND (@Waiting IS NULL
               OR (@Waiting = 1 AND card_day IS NULL AND denied_day IS NULL)
               OR (@Waiting = 0 AND (card_day IS NOT NULL OR denied_day IS NOT NULL)))
          AND (@MovedSince IS NULL OR {dialect.LatestMilestoneDaySql} >= @MovedSince)
        """;

    /// <inheritdoc />
    public async Task<long> GetGuildVersionAsync(ulong guildId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await ReadGuildVersionAsync(connection, guildId, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<long> ReadCasesAsync(ulong guildId, long? changedSince, IStatsCaseSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var guild = DbValues.Id(guildId);

        // The version is read before the cases: a write landing in between is then read too, and a later
        // update from this version reads it again (harmless), rather than being missed.
        var (version, changesFrom) = await ReadVersionAndLogAsync(connection, guild, cancellationToken);
        // A version below the one held means the database went back (a restored backup): read everything.
        if (changedSince is { } since && since + 1 >= changesFrom && since <= version)
        {
            if (since == version)
            {
                return version;
            }

            await ReadStatsCasesAsync(connection, ReadChangedStatsCasesSql, new { GuildId = guild, Since = since }, sink, cancellationToken);

            // The log may have been pruned past `since` while it was read (a reader far behind, at the moment
            // of a prune): then what was read may miss a change, so read everything instead.
            if (since + 1 >= (await ReadVersionAndLogAsync(connection, guild, cancellationToken)).ChangesFrom)
            {
                return version;
            }
        }

        // The count (excluded and removed cases too, so the index alone answers it) sizes the sink once.
        var expected = await connection.ExecuteScalarAsync<int>(new CommandDefinition(CountGuildCasesSql, new { GuildId = guild }, cancellationToken: cancellationToken));
        sink.Clear(expected);
        await ReadStatsCasesAsync(connection, ReadAllStatsCasesSql, new { GuildId = guild }, sink, cancellationToken);
        return version;
    }

    // Streams rows straight into the sink: a million cases never exist as a million objects.
    private static async Task ReadStatsCasesAsync(DbConnection connection, string sql, object parameters, IStatsCaseSink sink, CancellationToken cancellationToken)
    {
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt64(0);
            var attributes = reader.GetInt32(1);
            if (attributes < 256)
            {
                sink.Remove(id);
                continue;
            }

            // The sink keeps one string per distinct centre, so this one is short-lived garbage.
            var centre = reader.IsDBNull(2) ? null : reader.GetString(2);
            var (applied, conditional) = UnpackDays(reader.GetInt64(3));
            var (interviewCa, interviewUs) = UnpackDays(reader.GetInt64(4));
            var (approved, card) = UnpackDays(reader.GetInt64(5));
            sink.Upsert(new StatsCaseRow(
                id,
                (ApplicationType)(attributes & 15),
                (ApplicantStatus)((attributes >> 4) & 15),
                centre,
                new CaseDays(applied, conditional, interviewCa, interviewUs, approved, card, (int)reader.GetInt64(6) - 1),
                new StageSet((attributes >> 9) & StageSet.AllBits)));
        }
    }

    // Two day numbers packed by StatsDays; 0 (NULL) comes back as CaseDays.None (-1).
    private static (int Low, int High) UnpackDays(long packed) => ((int)(packed & 0xFFFF_FFFF) - 1, (int)(packed >> 32) - 1);

    // A server with no row has never been written: version 0, and its (empty) log complete from version 1.
    private static async Task<(long Version, long ChangesFrom)> ReadVersionAndLogAsync(DbConnection connection, long guild, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<(long Version, long ChangesFrom)?>(
            new CommandDefinition(ReadVersionAndLogSql, new { GuildId = guild }, cancellationToken: cancellationToken));
        return row ?? (0, 1);
    }

    private static async Task<long> ReadGuildVersionAsync(DbConnection connection, ulong guildId, CancellationToken cancellationToken)
    {
        const string sql = "SELECT version FROM guild_versions WHERE guild_id = @GuildId;";
        return await connection.ExecuteScalarAsync<long?>(
            new CommandDefinition(sql, new { GuildId = DbValues.Id(guildId) }, cancellationToken: cancellationToken)) ?? 0;
    }

    private async Task<Case?> FindOneAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        var found = await ReadCaseRowsAsync(reader, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>Reads the rows of <see cref="SelectCase"/> into cases, in the order the query returns them.</summary>
    internal static async Task<List<Case>> ReadCaseRowsAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var cases = new List<Case>();
        while (await reader.ReadAsync(cancellationToken))
        {
            cases.Add(new Case
            {
                Id = reader.GetInt64(0),
                GuildId = DbValues.FromId(reader.GetInt64(1)),
                OwnerId = reader.IsDBNull(2) ? null : DbValues.FromId(reader.GetInt64(2)),
                CaseNumber = reader.GetInt64(3),
                Type = (ApplicationType)reader.GetInt32(4),
                ApplicantStatus = (ApplicantStatus)reader.GetInt32(5),
                Applicants = reader.GetInt32(6),
                CentreCode = reader.IsDBNull(7) ? null : reader.GetString(7),
                Visible = reader.GetBoolean(8),
                Excluded = reader.GetBoolean(9),
                CreatedAt = DbValues.FromInstant(reader.GetInt64(10)),
                UpdatedAt = DbValues.FromInstant(reader.GetInt64(11)),
                Version = reader.GetInt64(12),
                OwnerName = reader.IsDBNull(13) ? null : reader.GetString(13),
                Timeline = new Timeline(
                    DateOnly.FromDayNumber(reader.GetInt32(14)),
                    Day(reader, 15),
                    Day(reader, 16),
                    Day(reader, 17),
                    Day(reader, 18),
                    Day(reader, 19),
                    Day(reader, 20)),
                ImportKey = reader.IsDBNull(21) ? null : reader.GetString(21),
                ExcludedStages = new StageSet(reader.GetInt32(22)),
            });
        }

        return cases;
    }

    private static DateOnly? Day(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : DateOnly.FromDayNumber(reader.GetInt32(ordinal));

    private async Task WriteHistoryAndVersionAsync(
        DbConnection connection, DbTransaction transaction, Case saved, IReadOnlyList<CaseHistoryEntry> history, CancellationToken cancellationToken)
    {
        var rows = history.Select(h => new
        {
            CaseId = saved.Id,
            h.Field,
            h.From,
            h.To,
            ChangedAt = DbValues.Instant(h.At),
            ActorId = DbValues.Id(h.ActorId),
        }).ToList();
        if (rows.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertHistory, rows, transaction, cancellationToken: cancellationToken));
        }

        await GuildChanges.RecordAsync(connection, transaction, _dialect, saved.GuildId, [saved.Id], cancellationToken);
    }

    private static object CaseParameters(Case c) => new
    {
        c.Id,
        GuildId = DbValues.Id(c.GuildId),
        OwnerId = DbValues.Id(c.OwnerId),
        c.CaseNumber,
        Type = (int)c.Type,
        ApplicantStatus = (int)c.ApplicantStatus,
        c.Applicants,
        c.CentreCode,
        c.Visible,
        c.OwnerName,
        c.ImportKey,
        c.Excluded,
        ExcludedStages = c.ExcludedStages.Bits,
        CreatedAt = DbValues.Instant(c.CreatedAt),
        UpdatedAt = DbValues.Instant(c.UpdatedAt),
        c.Version,
        AppliedDay = c.Timeline.Applied.DayNumber,
        ConditionalDay = c.Timeline.Get(Milestone.Conditional)?.DayNumber,
        InterviewCaDay = c.Timeline.Get(Milestone.InterviewCa)?.DayNumber,
        InterviewUsDay = c.Timeline.Get(Milestone.InterviewUs)?.DayNumber,
        ApprovedDay = c.Timeline.Get(Milestone.Approved)?.DayNumber,
        CardDay = c.Timeline.Get(Milestone.Card)?.DayNumber,
        DeniedDay = c.Timeline.Get(Milestone.Denied)?.DayNumber,
    };
}
