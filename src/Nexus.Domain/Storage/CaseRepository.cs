using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;
using Nexus.Domain.Cases;
using Nexus.Domain.Statistics;

namespace Nexus.Domain.Storage;

/// <summary>
/// Cases, their milestones and history through Dapper, on any provider. Each write runs in one
/// transaction that also bumps the server's data version, so cached statistics anywhere notice it.
/// </summary>
public sealed class CaseRepository(IDbConnectionFactory connections, ILogger<CaseRepository> logger) : ICaseRepository, IStatsSource, ICaseListing
{
    /// <summary>Every column of a case with its milestone rows; callers add WHERE and ORDER BY (a case's rows must stay together).</summary>
    internal const string SelectCase = """
        SELECT c.id, c.guild_id, c.owner_id, c.case_number, c.application_type, c.applicant_status, c.applicants,
               c.centre_code, c.applied_on, c.visible, c.excluded, c.created_at, c.updated_at, c.version,
               m.milestone, m.date, c.owner_name
        FROM cases c
        LEFT JOIN case_milestones m ON m.case_id = c.id
        """;

    // The *_day columns are the statistics load's copy of applied_on and the milestone rows (migration 0004):
    // every statement that writes applied_on or a case's milestones writes them too, in the same transaction.
    private const string CaseColumns =
        "guild_id, owner_id, case_number, application_type, applicant_status, applicants, centre_code, applied_on, visible, excluded, created_at, updated_at, version, owner_name, "
        + "applied_day, conditional_day, interview_ca_day, interview_us_day, approved_day, card_day, denied_day";

    private const string CaseValues =
        "@GuildId, @OwnerId, @CaseNumber, @Type, @ApplicantStatus, @Applicants, @CentreCode, @Applied, @Visible, @Excluded, @CreatedAt, @UpdatedAt, 1, @OwnerName, "
        + "@AppliedDay, @ConditionalDay, @InterviewCaDay, @InterviewUsDay, @ApprovedDay, @CardDay, @DeniedDay";

    private const string InsertHistory = """
        INSERT INTO case_history (case_id, field, old_value, new_value, changed_at, actor_id)
        VALUES (@CaseId, @Field, @From, @To, @ChangedAt, @ActorId);
        """;

    private readonly SqlDialect _dialect = connections.Dialect;

    // Composed once: the dialect only decides how the generated id comes back.
    private readonly string _insertCaseSql = connections.Dialect.InsertReturningId("cases", CaseColumns, CaseValues);

    // The statistics load: one row per case, its dates already day numbers (the *_day columns), no join.
    private const string LoadGuildCasesSql = """
        SELECT id, case_number, application_type, applicant_status, centre_code, applied_day,
               conditional_day, interview_ca_day, interview_us_day, approved_day, card_day, denied_day
        FROM cases
        WHERE guild_id = @GuildId AND excluded = 0 AND deleted_at IS NULL
        ORDER BY id
        """;

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
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = _dialect.BeginWriteTransaction(connection);
        try
        {
            var saved = await InsertInTransactionAsync(connection, transaction, draft, history, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return saved;
        }
        catch (DbException ex) when (_dialect.IsUniqueViolation(ex))
        {
            // The only unique key a valid draft can hit is one case per member per server.
            await transaction.RollbackAsync(CancellationToken.None);
            StorageLog.DuplicateOwner(logger, draft.GuildId);
            return null;
        }
    }

    /// <summary>
    /// Inserts a case inside the caller's transaction (allocating its number, writing its milestones and
    /// history, and bumping the server's version); the moderator import writes many cases in one transaction.
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
        await WriteMilestonesAsync(connection, transaction, saved, cancellationToken);
        await WriteHistoryAndVersionAsync(connection, transaction, saved, history, cancellationToken);
        return saved;
    }

    /// <inheritdoc />
    public async Task<Case?> TryUpdateAsync(Case updated, IReadOnlyList<CaseHistoryEntry> history, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE cases SET
                owner_id = @OwnerId, application_type = @Type, applicant_status = @ApplicantStatus,
                applicants = @Applicants, centre_code = @CentreCode, applied_on = @Applied, visible = @Visible, owner_name = @OwnerName,
                applied_day = @AppliedDay, conditional_day = @ConditionalDay, interview_ca_day = @InterviewCaDay,
                interview_us_day = @InterviewUsDay, approved_day = @ApprovedDay, card_day = @CardDay, denied_day = @DeniedDay,
                updated_at = @UpdatedAt, version = version + 1
            WHERE id = @Id AND version = @Version AND deleted_at IS NULL;
            """;
        ArgumentNullException.ThrowIfNull(updated);
        ArgumentNullException.ThrowIfNull(history);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = _dialect.BeginWriteTransaction(connection);
        var rows = await connection.ExecuteAsync(new CommandDefinition(sql, CaseParameters(updated), transaction, cancellationToken: cancellationToken));
        if (rows == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            StorageLog.VersionConflict(logger, updated.Id, updated.Version);
            return null;
        }

        var saved = updated with { Version = updated.Version + 1, UpdatedAt = DbValues.Truncate(updated.UpdatedAt) };
        await WriteMilestonesAsync(connection, transaction, saved, cancellationToken);
        await WriteHistoryAndVersionAsync(connection, transaction, saved, history, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(ulong guildId, long caseId, CancellationToken cancellationToken)
    {
        // Milestones and history go with the case (ON DELETE CASCADE). A case a moderator removed is
        // already gone for its owner, so only a visible one can be deleted here.
        const string sql = "DELETE FROM cases WHERE guild_id = @GuildId AND id = @Id AND deleted_at IS NULL;";
        var guild = new { GuildId = DbValues.Id(guildId) };
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = _dialect.BeginWriteTransaction(connection);
        var rows = await connection.ExecuteAsync(new CommandDefinition(sql, new { guild.GuildId, Id = caseId }, transaction, cancellationToken: cancellationToken));
        if (rows == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(_dialect.BumpGuildVersionSql, guild, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
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
        // A NULL parameter means "any": one const text serves every combination of filters, and the count
        // and the page share it, so "page 2 of 7" always agrees with what is listed. Removed cases never show.
        const string where = """
            WHERE guild_id = @GuildId AND deleted_at IS NULL
              AND (@Type IS NULL OR application_type = @Type)
              AND (@Status IS NULL OR applicant_status = @Status)
              AND (@Centre IS NULL OR LOWER(centre_code) = LOWER(@Centre))
            """;
        const string count = "SELECT COUNT(*) FROM cases " + where + ";";
        const string page = "SELECT id FROM cases " + where + " ORDER BY case_number DESC ";
        const string select = SelectCase + " WHERE c.id IN @Ids ORDER BY c.case_number DESC";
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        var parameters = new
        {
            GuildId = DbValues.Id(guildId),
            Type = (int?)filter.Type,
            Status = (int?)filter.Status,
            Centre = string.IsNullOrWhiteSpace(filter.CentreCode) ? null : filter.CentreCode.Trim(),
            Skip = skip,
            Take = take,
        };
        await using var connection = await connections.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(count, parameters, cancellationToken: cancellationToken));
        var ids = (await connection.QueryAsync<long>(new CommandDefinition(page + _dialect.PageClause, parameters, cancellationToken: cancellationToken))).AsList();
        if (ids.Count == 0)
        {
            return new CasePage([], total);
        }

        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(select, new { Ids = ids }, cancellationToken: cancellationToken));
        return new CasePage(await ReadCasesAsync(reader, cancellationToken), total);
    }

    /// <inheritdoc />
    public async Task<long> GetGuildVersionAsync(ulong guildId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await ReadGuildVersionAsync(connection, guildId, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<(long Version, IReadOnlyList<CaseFacts> Cases)> LoadGuildCasesAsync(ulong guildId, CancellationToken cancellationToken)
    {
        // One streamed query in case-id order, one row per case; dates come as day numbers, so reading a
        // million cases parses nothing and allocates only the facts.
        await using var connection = await connections.OpenAsync(cancellationToken);

        // The version is read first: a write landing between the two reads makes the snapshot look older
        // than it is, which only costs a reload, never a stale cache.
        var version = await ReadGuildVersionAsync(connection, guildId, cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(
            new CommandDefinition(LoadGuildCasesSql, new { GuildId = DbValues.Id(guildId) }, cancellationToken: cancellationToken));

        var cases = new List<CaseFacts>();
        var centres = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            var timeline = new Timeline(
                DateOnly.FromDayNumber(reader.GetInt32(5)),
                Day(reader, 6),
                Day(reader, 7),
                Day(reader, 8),
                Day(reader, 9),
                Day(reader, 10),
                Day(reader, 11));
            cases.Add(new CaseFacts(
                reader.GetInt64(1),
                (ApplicationType)reader.GetInt32(2),
                (ApplicantStatus)reader.GetInt32(3),
                reader.IsDBNull(4) ? null : Shared(centres, reader.GetString(4)),
                timeline));
        }

        return (version, cases);
    }

    private static DateOnly? Day(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateOnly.FromDayNumber(reader.GetInt32(ordinal));

    // A server has a few dozen centres and up to a million cases: share one string per code.
    private static string Shared(Dictionary<string, string> pool, string value)
    {
        if (pool.TryGetValue(value, out var shared))
        {
            return shared;
        }

        pool[value] = value;
        return value;
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
        var found = await ReadCasesAsync(reader, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>
    /// Folds the rows of <see cref="SelectCase"/> (one per milestone, a case's rows together) into cases,
    /// in the order the query returns them.
    /// </summary>
    internal async Task<List<Case>> ReadCasesAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var cases = new List<Case>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt64(0);
            if (cases.Count == 0 || cases[^1].Id != id)
            {
                cases.Add(new Case
                {
                    Id = id,
                    GuildId = DbValues.FromId(reader.GetInt64(1)),
                    OwnerId = reader.IsDBNull(2) ? null : DbValues.FromId(reader.GetInt64(2)),
                    CaseNumber = reader.GetInt64(3),
                    Type = (ApplicationType)reader.GetInt32(4),
                    ApplicantStatus = (ApplicantStatus)reader.GetInt32(5),
                    Applicants = reader.GetInt32(6),
                    CentreCode = reader.IsDBNull(7) ? null : reader.GetString(7),
                    Timeline = new Timeline(_dialect.ReadDate(reader, 8)),
                    Visible = reader.GetBoolean(9),
                    Excluded = reader.GetBoolean(10),
                    CreatedAt = DbValues.FromInstant(reader.GetInt64(11)),
                    UpdatedAt = DbValues.FromInstant(reader.GetInt64(12)),
                    Version = reader.GetInt64(13),
                    OwnerName = reader.IsDBNull(16) ? null : reader.GetString(16),
                });
            }

            if (!reader.IsDBNull(14))
            {
                var current = cases[^1];
                cases[^1] = current with { Timeline = current.Timeline.With((Milestone)reader.GetInt32(14), _dialect.ReadDate(reader, 15)) };
            }
        }

        return cases;
    }

    private async Task WriteMilestonesAsync(DbConnection connection, DbTransaction transaction, Case saved, CancellationToken cancellationToken)
    {
        const string deleteMilestone = "DELETE FROM case_milestones WHERE case_id = @CaseId AND milestone = @Milestone;";

        // 'applied' lives on the case row itself (it is required and indexed for statistics).
        foreach (var (milestone, _, _) in WireNames.AllMilestones)
        {
            if (milestone == Milestone.Applied)
            {
                continue;
            }

            var date = saved.Timeline.Get(milestone);
            var sql = date is null ? deleteMilestone : _dialect.UpsertMilestoneSql;
            await connection.ExecuteAsync(new CommandDefinition(
                sql,
                new { CaseId = saved.Id, Milestone = (int)milestone, Date = date },
                transaction,
                cancellationToken: cancellationToken));
        }
    }

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

        await connection.ExecuteAsync(new CommandDefinition(
            _dialect.BumpGuildVersionSql, new { GuildId = DbValues.Id(saved.GuildId) }, transaction, cancellationToken: cancellationToken));
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
        c.Timeline.Applied,
        c.Visible,
        c.OwnerName,
        c.Excluded,
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
