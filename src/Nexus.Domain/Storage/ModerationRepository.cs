using System.Data.Common;
using System.Text.Json;
using Dapper;
using Nexus.Domain.Cases;
using Nexus.Domain.Moderation;
using Nexus.Domain.Statistics;

namespace Nexus.Domain.Storage;

/// <summary>
/// Moderation through Dapper, on any provider. Each write is one transaction with its audit-log row; the
/// log's <c>payload</c> is the JSON array <c>[[caseId, caseNumber], …]</c> of the cases affected. Removal is a
/// soft delete (<c>cases.deleted_at</c>), which the case queries of <see cref="CaseRepository"/> leave out.
/// </summary>
public sealed class ModerationRepository(IDbConnectionFactory connections, CaseRepository cases) : IModerationRepository
{
    private const string LogColumns = "guild_id, actor_id, action, detail, reason, payload, created_at, undo_of";
    private const string LogValues = "@GuildId, @ActorId, @Action, @Detail, @Reason, @Payload, @CreatedAt, @UndoOf";
    private const string SelectLog =
        "SELECT id, guild_id, actor_id, action, detail, reason, payload, created_at, undone_at, undone_by, undo_of FROM moderation_log ";

    private const string SelectNotice =
        "SELECT id, guild_id, member_id, action_id, action, case_number, stages, reason, created_at FROM member_notices ";

    // The undoable actions, as stored (ModerationActions.IsUndoable).
    private const string Undoable = "('exclude', 'include', 'remove', 'prune', 'import')";

    private readonly SqlDialect _dialect = connections.Dialect;

    // Composed once: the dialect only decides how the generated id comes back.
    private readonly string _insertLogSql = connections.Dialect.InsertReturningId("moderation_log", LogColumns, LogValues);

    /// <inheritdoc />
    public async Task<IReadOnlyList<Case>> LoadCasesAsync(ulong guildId, CancellationToken cancellationToken)
    {
        const string sql = CaseRepository.SelectCase + " WHERE c.guild_id = @GuildId AND c.deleted_at IS NULL ORDER BY c.case_number";
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(
            new CommandDefinition(sql, new { GuildId = DbValues.Id(guildId) }, cancellationToken: cancellationToken));
        return await CaseRepository.ReadCaseRowsAsync(reader, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Case?> FindAsync(ulong guildId, long caseNumber, CancellationToken cancellationToken) =>
        cases.FindByNumberAsync(guildId, caseNumber, cancellationToken);

    /// <inheritdoc />
    public Task<Case?> FindByOwnerAsync(ulong guildId, ulong ownerId, CancellationToken cancellationToken) =>
        cases.FindByOwnerAsync(guildId, ownerId, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<long, int>> BusiestWindowAsync(ulong guildId, TimeSpan window, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT h.case_id, h.changed_at
            FROM case_history h
            JOIN cases c ON c.id = h.case_id
            WHERE c.guild_id = @GuildId AND c.deleted_at IS NULL
            ORDER BY h.case_id, h.changed_at
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(
            new CommandDefinition(sql, new { GuildId = DbValues.Id(guildId) }, cancellationToken: cancellationToken));
        var result = new Dictionary<long, int>();
        var instants = new List<DateTimeOffset>();
        long current = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            var caseId = reader.GetInt64(0);
            if (caseId != current && instants.Count > 0)
            {
                result[current] = EditBursts.MostWithin(instants, window);
                instants.Clear();
            }

            current = caseId;
            instants.Add(DbValues.FromInstant(reader.GetInt64(1)));
        }

        if (instants.Count > 0)
        {
            result[current] = EditBursts.MostWithin(instants, window);
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<long, long>> LoadDismissalsAsync(ulong guildId, CancellationToken cancellationToken)
    {
        const string sql = "SELECT case_id, case_version FROM review_dismissals WHERE guild_id = @GuildId;";
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long CaseId, long Version)>(
            new CommandDefinition(sql, new { GuildId = DbValues.Id(guildId) }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.CaseId, r => r.Version);
    }

    /// <inheritdoc />
    public async Task<long?> SetExcludedAsync(ModerationRecord record, IReadOnlyList<CaseRef> targets, bool excluded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(targets);
        await using var write = await _dialect.BeginWriteAsync(connections, cancellationToken);
        var (connection, transaction) = (write.Connection, write.Transaction);
        var actionId = await InsertLogAsync(connection, transaction, record, targets, null, cancellationToken);
        foreach (var target in targets)
        {
            if (!await FlipAsync(connection, transaction, record.GuildId, target, excluded, cancellationToken))
            {
                await transaction.RollbackAsync(cancellationToken);
                return null;
            }

            if (excluded)
            {
                await InsertNoticeAsync(connection, transaction, record, actionId, target, cancellationToken);
            }
        }

        await GuildChanges.RecordAsync(connection, transaction, _dialect, record.GuildId, targets.Select(t => t.Id), cancellationToken);
        await write.CommitAsync(cancellationToken);
        return actionId;
    }

    /// <inheritdoc />
    public async Task<long?> RemoveAsync(ModerationRecord record, CaseRef target, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE cases SET deleted_at = @At, deleted_by = @ActorId, delete_action_id = @ActionId
            WHERE guild_id = @GuildId AND id = @Id AND deleted_at IS NULL;
            """;
        ArgumentNullException.ThrowIfNull(record);
        await using var write = await _dialect.BeginWriteAsync(connections, cancellationToken);
        var (connection, transaction) = (write.Connection, write.Transaction);
        var actionId = await InsertLogAsync(connection, transaction, record, [target], null, cancellationToken);
        var rows = await connection.ExecuteAsync(new CommandDefinition(
            sql,
            new { At = DbValues.Instant(record.At), ActorId = DbValues.Id(record.ActorId), ActionId = actionId, GuildId = DbValues.Id(record.GuildId), target.Id },
            transaction,
            cancellationToken: cancellationToken));
        if (rows == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }

        await InsertNoticeAsync(connection, transaction, record, actionId, target, cancellationToken);
        await GuildChanges.RecordAsync(connection, transaction, _dialect, record.GuildId, [target.Id], cancellationToken);
        await write.CommitAsync(cancellationToken);
        return actionId;
    }

    /// <inheritdoc />
    public async Task<long> DismissAsync(ModerationRecord record, CaseRef target, long caseVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var write = await _dialect.BeginWriteAsync(connections, cancellationToken);
        var (connection, transaction) = (write.Connection, write.Transaction);
        var actionId = await InsertLogAsync(connection, transaction, record, [target], null, cancellationToken);
        // One upsert: a delete then an insert would let two dismissals of one case (a double click) both find
        // no row at READ COMMITTED and insert twice, the second failing on the key.
        await connection.ExecuteAsync(new CommandDefinition(
            _dialect.UpsertDismissalSql,
            new { CaseId = target.Id, GuildId = DbValues.Id(record.GuildId), Version = caseVersion, At = DbValues.Instant(record.At), ActorId = DbValues.Id(record.ActorId) },
            transaction,
            cancellationToken: cancellationToken));
        await write.CommitAsync(cancellationToken);
        return actionId;
    }

    /// <inheritdoc />
    public async Task<(long ActionId, IReadOnlyList<CaseRef> Cases)> ImportAsync(
        ModerationRecord record, IReadOnlyList<(Case Draft, IReadOnlyList<CaseHistoryEntry> History)> drafts, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(drafts);
        if (drafts.Any(d => d.Draft.GuildId != record.GuildId || d.Draft.OwnerId is not null || d.Draft.ImportKey is null))
        {
            throw new ArgumentException("Imported cases belong to the importing server, have no owner and carry their import key.", nameof(drafts));
        }

        await using var write = await _dialect.BeginWriteAsync(connections, cancellationToken);
        var (connection, transaction) = (write.Connection, write.Transaction);
        var saved = new List<CaseRef>(drafts.Count);
        try
        {
            foreach (var (draft, history) in drafts)
            {
                var inserted = await cases.InsertInTransactionAsync(connection, transaction, draft, history, cancellationToken);
                saved.Add(new CaseRef(inserted.Id, inserted.CaseNumber));
                if (saved.Count % 500 == 0)
                {
                    progress?.Report(saved.Count);
                }
            }
        }
        catch (DbException ex) when (_dialect.IsUniqueViolation(ex))
        {
            // A row's import key is taken: an earlier attempt of this import was saved (its acknowledgement lost).
            // Its audit-log entry has this record's server, moderator, action and instant, and names its cases.
            await transaction.RollbackAsync(CancellationToken.None);
            return await FindImportAsync(record, cancellationToken)
                ?? throw new InvalidOperationException("An import key was taken, but no import with this record was logged.", ex);
        }

        var actionId = await InsertLogAsync(connection, transaction, record, saved, null, cancellationToken);
        await write.CommitAsync(cancellationToken);
        progress?.Report(saved.Count);
        return (actionId, saved);
    }

    private async Task<(long ActionId, IReadOnlyList<CaseRef> Cases)?> FindImportAsync(ModerationRecord record, CancellationToken cancellationToken)
    {
        const string sql = SelectLog + "WHERE guild_id = @GuildId AND actor_id = @ActorId AND action = @Action AND created_at = @CreatedAt;";
        var found = await QueryLogAsync(
            sql,
            new { GuildId = DbValues.Id(record.GuildId), ActorId = DbValues.Id(record.ActorId), Action = record.Action.Name(), CreatedAt = DbValues.Instant(record.At) },
            cancellationToken);
        return found.Count == 0 ? null : (found[0].Id, found[0].Cases);
    }

    /// <inheritdoc />
    public async Task<long> LogAsync(ModerationRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var write = await _dialect.BeginWriteAsync(connections, cancellationToken);
        var (connection, transaction) = (write.Connection, write.Transaction);
        var id = await InsertLogAsync(connection, transaction, record, [], null, cancellationToken);
        await write.CommitAsync(cancellationToken);
        return id;
    }

    /// <inheritdoc />
    public async Task<(UndoStoreResult Result, long? UndoId)> UndoAsync(ModerationRecord undo, ModerationLogEntry target, CancellationToken cancellationToken)
    {
        const string markUndone = """
            UPDATE moderation_log SET undone_at = @At, undone_by = @ActorId
            WHERE guild_id = @GuildId AND id = @Id AND undone_at IS NULL;
            """;
        const string restoreRemoved = """
            UPDATE cases SET deleted_at = NULL, deleted_by = NULL, delete_action_id = NULL
            WHERE guild_id = @GuildId AND delete_action_id = @ActionId;
            """;
        const string deleteImported = "DELETE FROM cases WHERE guild_id = @GuildId AND id = @Id;";
        ArgumentNullException.ThrowIfNull(undo);
        ArgumentNullException.ThrowIfNull(target);
        var guild = DbValues.Id(undo.GuildId);
        await using var write = await _dialect.BeginWriteAsync(connections, cancellationToken);
        var (connection, transaction) = (write.Connection, write.Transaction);
        try
        {
            var marked = await connection.ExecuteAsync(new CommandDefinition(
                markUndone, new { At = DbValues.Instant(undo.At), ActorId = DbValues.Id(undo.ActorId), GuildId = guild, target.Id }, transaction, cancellationToken: cancellationToken));
            if (marked == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return (UndoStoreResult.AlreadyUndone, null);
            }

            var ok = true;
            switch (target.Action)
            {
                case ModerationAction.Exclude or ModerationAction.Prune or ModerationAction.Include:
                    var restoreTo = target.Action == ModerationAction.Include;
                    foreach (var c in target.Cases)
                    {
                        ok &= await FlipAsync(connection, transaction, undo.GuildId, c, restoreTo, cancellationToken);
                    }

                    break;
                case ModerationAction.Remove:
                    ok = await connection.ExecuteAsync(new CommandDefinition(
                        restoreRemoved, new { GuildId = guild, ActionId = target.Id }, transaction, cancellationToken: cancellationToken)) > 0;
                    break;
                case ModerationAction.Import:
                    foreach (var c in target.Cases)
                    {
                        await connection.ExecuteAsync(new CommandDefinition(deleteImported, new { GuildId = guild, c.Id }, transaction, cancellationToken: cancellationToken));
                    }

                    break;
                default:
                    throw new ArgumentException($"Action {target.Action} can't be undone.", nameof(target));
            }

            if (!ok)
            {
                await transaction.RollbackAsync(cancellationToken);
                return (UndoStoreResult.Conflict, null);
            }

            // A notice the member has not seen yet is about something that no longer holds.
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM member_notices WHERE guild_id = @GuildId AND action_id = @Id AND shown_at IS NULL;",
                new { GuildId = guild, target.Id },
                transaction,
                cancellationToken: cancellationToken));
            var undoId = await InsertLogAsync(connection, transaction, undo, target.Cases, target.Id, cancellationToken);
            await GuildChanges.RecordAsync(connection, transaction, _dialect, undo.GuildId, target.Cases.Select(c => c.Id), cancellationToken);
            await write.CommitAsync(cancellationToken);
            return (UndoStoreResult.Done, undoId);
        }
        catch (DbException ex) when (_dialect.IsUniqueViolation(ex))
        {
            // Bringing back a removed case whose owner has started a new one: one case per member wins.
            await transaction.RollbackAsync(CancellationToken.None);
            return (UndoStoreResult.OwnerHasNewCase, null);
        }
    }

    /// <inheritdoc />
    public async Task<ModerationLogEntry?> GetEntryAsync(ulong guildId, long actionId, CancellationToken cancellationToken)
    {
        const string sql = SelectLog + "WHERE guild_id = @GuildId AND id = @Id;";
        var found = await QueryLogAsync(sql, new { GuildId = DbValues.Id(guildId), Id = actionId }, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <inheritdoc />
    public async Task<ModerationLogEntry?> GetLastUndoableAsync(ulong guildId, CancellationToken cancellationToken)
    {
        const string sql = SelectLog + "WHERE guild_id = @GuildId AND undone_at IS NULL AND action IN " + Undoable + " ORDER BY id DESC ";
        var found = await QueryLogAsync(sql + _dialect.PageClause, new { GuildId = DbValues.Id(guildId), Skip = 0, Take = 1 }, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ModerationLogEntry>> GetLiveActionsAfterAsync(ulong guildId, long actionId, CancellationToken cancellationToken)
    {
        const string sql = SelectLog + "WHERE guild_id = @GuildId AND id > @Id AND undone_at IS NULL AND action IN " + Undoable + " ORDER BY id;";
        return await QueryLogAsync(sql, new { GuildId = DbValues.Id(guildId), Id = actionId }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<(IReadOnlyList<ModerationLogEntry> Entries, int Total)> GetLogAsync(ulong guildId, int skip, int take, CancellationToken cancellationToken)
    {
        const string count = "SELECT COUNT(*) FROM moderation_log WHERE guild_id = @GuildId;";
        const string sql = SelectLog + "WHERE guild_id = @GuildId ORDER BY id DESC ";
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        var parameters = new { GuildId = DbValues.Id(guildId), Skip = skip, Take = take };
        int total;
        await using (var connection = await connections.OpenAsync(cancellationToken))
        {
            total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(count, parameters, cancellationToken: cancellationToken));
        }

        return (await QueryLogAsync(sql + _dialect.PageClause, parameters, cancellationToken), total);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CaseHistoryEntry>> GetHistoryAsync(long caseId, CancellationToken cancellationToken) =>
        await cases.GetHistoryAsync(caseId, 0, int.MaxValue, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<ModerationLogEntry>> GetCaseActionsAsync(ulong guildId, long caseId, CancellationToken cancellationToken)
    {
        // The payload is [[caseId, caseNumber(, stages)], …]: "[<id>," appears exactly where the case is named.
        const string sql = SelectLog + "WHERE guild_id = @GuildId AND payload LIKE @Pattern ORDER BY id;";
        var pattern = _dialect.LikeContaining("[" + caseId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ",");
        var found = await QueryLogAsync(sql, new { GuildId = DbValues.Id(guildId), Pattern = pattern }, cancellationToken);
        return [.. found.Where(e => e.Cases.Any(c => c.Id == caseId))];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MemberNotice>> GetNoticesAsync(ulong guildId, long actionId, CancellationToken cancellationToken)
    {
        const string sql = SelectNotice + "WHERE guild_id = @GuildId AND action_id = @ActionId ORDER BY id;";
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await ReadNoticesAsync(connection, null, sql, new { GuildId = DbValues.Id(guildId), ActionId = actionId }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MemberNotice>> TakeNoticesAsync(ulong guildId, ulong memberId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string pending = SelectNotice + "WHERE guild_id = @GuildId AND member_id = @MemberId AND shown_at IS NULL ORDER BY id;";
        const string mark = "UPDATE member_notices SET shown_at = @At WHERE id = @Id AND shown_at IS NULL;";
        var parameters = new { GuildId = DbValues.Id(guildId), MemberId = DbValues.Id(memberId) };

        // Most calls find nothing: look first without taking the write lock.
        await using (var reader = await connections.OpenAsync(cancellationToken))
        {
            if ((await ReadNoticesAsync(reader, null, pending, parameters, cancellationToken)).Count == 0)
            {
                return [];
            }
        }

        await using var write = await _dialect.BeginWriteAsync(connections, cancellationToken);
        var (connection, transaction) = (write.Connection, write.Transaction);
        var taken = new List<MemberNotice>();
        foreach (var notice in await ReadNoticesAsync(connection, transaction, pending, parameters, cancellationToken))
        {
            // Two requests at once: only the one that marks a notice shows it.
            if (await connection.ExecuteAsync(new CommandDefinition(mark, new { At = DbValues.Instant(now), notice.Id }, transaction, cancellationToken: cancellationToken)) > 0)
            {
                taken.Add(notice);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return taken;
    }

    /// <inheritdoc />
    public async Task<int> PurgeAsync(ulong? guildId, DateTimeOffset removedBefore, CancellationToken cancellationToken)
    {
        // Milestones, history and dismissals go with the case (ON DELETE CASCADE). Two texts rather than
        // "@GuildId IS NULL OR …", which would give SQL Server one plan for both.
        const string everyServer = "DELETE FROM cases WHERE deleted_at IS NOT NULL AND deleted_at <= @Before;";
        const string oneServer = "DELETE FROM cases WHERE guild_id = @GuildId AND deleted_at IS NOT NULL AND deleted_at <= @Before;";
        await using var write = await _dialect.BeginWriteAsync(connections, cancellationToken);
        var purged = await write.Connection.ExecuteAsync(new CommandDefinition(
            guildId is null ? everyServer : oneServer,
            new { GuildId = DbValues.Id(guildId), Before = DbValues.Instant(removedBefore) },
            write.Transaction,
            cancellationToken: cancellationToken));
        await write.CommitAsync(cancellationToken);
        return purged;
    }

    // Sets the case's flag, or its stages' bits, when they still have the opposite value. A case that is gone
    // (deleted by its owner) needs nothing; a case that exists with the flag or a bit already changed means
    // someone else acted: false.
    private static async Task<bool> FlipAsync(DbConnection connection, DbTransaction transaction, ulong guildId, CaseRef target, bool excluded, CancellationToken cancellationToken)
    {
        const string flipCase = "UPDATE cases SET excluded = @To WHERE guild_id = @GuildId AND id = @Id AND excluded = @From AND deleted_at IS NULL;";

        // Adding bits: none of them may be set yet; removing: all of them must be (bits are disjoint, so + and − are | and &~).
        const string addStages = """
            UPDATE cases SET excluded_stages = excluded_stages + @Bits
            WHERE guild_id = @GuildId AND id = @Id AND (excluded_stages & @Bits) = 0 AND deleted_at IS NULL;
            """;
        const string removeStages = """
            UPDATE cases SET excluded_stages = excluded_stages - @Bits
            WHERE guild_id = @GuildId AND id = @Id AND (excluded_stages & @Bits) = @Bits AND deleted_at IS NULL;
            """;
        const string exists = "SELECT COUNT(*) FROM cases WHERE guild_id = @GuildId AND id = @Id AND deleted_at IS NULL;";
        var parameters = new { To = excluded, From = !excluded, GuildId = DbValues.Id(guildId), target.Id, target.Stages.Bits };
        var update = target.Stages.IsEmpty ? flipCase : excluded ? addStages : removeStages;
        if (await connection.ExecuteAsync(new CommandDefinition(update, parameters, transaction, cancellationToken: cancellationToken)) > 0)
        {
            return true;
        }

        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(exists, parameters, transaction, cancellationToken: cancellationToken)) == 0;
    }

    // A notice for the case's owner, if it has one (imported community cases have none).
    private static async Task InsertNoticeAsync(
        DbConnection connection, DbTransaction transaction, ModerationRecord record, long actionId, CaseRef target, CancellationToken cancellationToken)
    {
        const string sql = """
            INSERT INTO member_notices (guild_id, member_id, action_id, action, case_number, stages, reason, created_at)
            SELECT guild_id, owner_id, @ActionId, @Action, case_number, @Stages, @Reason, @At
            FROM cases WHERE guild_id = @GuildId AND id = @Id AND owner_id IS NOT NULL;
            """;
        await connection.ExecuteAsync(new CommandDefinition(
            sql,
            new
            {
                ActionId = actionId,
                Action = record.Action.Name(),
                Stages = target.Stages.Bits,
                record.Reason,
                At = DbValues.Instant(record.At),
                GuildId = DbValues.Id(record.GuildId),
                target.Id,
            },
            transaction,
            cancellationToken: cancellationToken));
    }

    private static async Task<List<MemberNotice>> ReadNoticesAsync(
        DbConnection connection, DbTransaction? transaction, string sql, object parameters, CancellationToken cancellationToken)
    {
        var notices = new List<MemberNotice>();
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
        while (await reader.ReadAsync(cancellationToken))
        {
            var action = reader.GetString(4);
            if (!ModerationActions.TryParse(action, out var parsed))
            {
                throw new InvalidOperationException($"Unknown moderation action '{action}' in member_notices row {reader.GetInt64(0)}.");
            }

            notices.Add(new MemberNotice(
                reader.GetInt64(0),
                DbValues.FromId(reader.GetInt64(1)),
                DbValues.FromId(reader.GetInt64(2)),
                reader.GetInt64(3),
                parsed,
                reader.GetInt64(5),
                new StageSet(reader.GetInt32(6)),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                DbValues.FromInstant(reader.GetInt64(8))));
        }

        return notices;
    }

    private async Task<long> InsertLogAsync(
        DbConnection connection, DbTransaction transaction, ModerationRecord record, IReadOnlyList<CaseRef> affected, long? undoOf, CancellationToken cancellationToken)
    {
        // [caseId, caseNumber] for the whole case, [caseId, caseNumber, stageBits] for stages of it.
        var payload = JsonSerializer.Serialize(affected.Select(c => c.Stages.IsEmpty ? new[] { c.Id, c.Number } : [c.Id, c.Number, c.Stages.Bits]).ToArray());
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            _insertLogSql,
            new
            {
                GuildId = DbValues.Id(record.GuildId),
                ActorId = DbValues.Id(record.ActorId),
                Action = record.Action.Name(),
                record.Detail,
                record.Reason,
                Payload = payload,
                CreatedAt = DbValues.Instant(record.At),
                UndoOf = undoOf,
            },
            transaction,
            cancellationToken: cancellationToken));
    }

    private async Task<List<ModerationLogEntry>> QueryLogAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        var entries = new List<ModerationLogEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var action = reader.GetString(3);
            if (!ModerationActions.TryParse(action, out var parsed))
            {
                throw new InvalidOperationException($"Unknown moderation action '{action}' in moderation_log row {reader.GetInt64(0)}.");
            }

            var payload = reader.IsDBNull(6) ? null : JsonSerializer.Deserialize<long[][]>(reader.GetString(6));
            entries.Add(new ModerationLogEntry(
                reader.GetInt64(0),
                DbValues.FromId(reader.GetInt64(1)),
                DbValues.FromId(reader.GetInt64(2)),
                parsed,
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                payload is null ? [] : [.. payload.Select(p => new CaseRef(p[0], p[1], p.Length > 2 ? new StageSet((int)p[2]) : StageSet.None))],
                DbValues.FromInstant(reader.GetInt64(7)),
                reader.IsDBNull(8) ? null : DbValues.FromInstant(reader.GetInt64(8)),
                reader.IsDBNull(9) ? null : DbValues.FromId(reader.GetInt64(9)),
                reader.IsDBNull(10) ? null : reader.GetInt64(10)));
        }

        return entries;
    }
}
