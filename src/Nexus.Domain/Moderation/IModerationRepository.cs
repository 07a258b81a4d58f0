using Nexus.Domain.Cases;

namespace Nexus.Domain.Moderation;

/// <summary>How an undo ended in storage.</summary>
public enum UndoStoreResult
{
    /// <summary>Reverted; the target is marked undone and the undo is logged.</summary>
    Done = 0,

    /// <summary>A case no longer had the state the action left it in; nothing was saved.</summary>
    Conflict = 1,

    /// <summary>A removed case's owner has a case again (one case per member); nothing was saved.</summary>
    OwnerHasNewCase = 2,

    /// <summary>Someone else undid the action at the same moment; nothing was saved.</summary>
    AlreadyUndone = 3,
}

/// <summary>
/// Where moderation reads and writes. Storage implements it; every method is scoped by server, and every
/// write runs in one transaction together with its audit-log row (and bumps the server's data version when
/// statistics change), or saves nothing.
/// </summary>
public interface IModerationRepository
{
    /// <summary>Every case of the server that is not removed, excluded ones included, in case-number order.</summary>
    Task<IReadOnlyList<Case>> LoadCasesAsync(ulong guildId, CancellationToken cancellationToken);

    /// <summary>The case with this number in this server, unless removed.</summary>
    Task<Case?> FindAsync(ulong guildId, long caseNumber, CancellationToken cancellationToken);

    /// <summary>The member's case in this server, unless removed.</summary>
    Task<Case?> FindByOwnerAsync(ulong guildId, ulong ownerId, CancellationToken cancellationToken);

    /// <summary>
    /// For each case of the server with history, the most saves (distinct change instants) within any one
    /// hour (<paramref name="window"/>) of its history.
    /// </summary>
    Task<IReadOnlyDictionary<long, int>> BusiestWindowAsync(ulong guildId, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>The server's review dismissals: case id → the case version when it was dismissed.</summary>
    Task<IReadOnlyDictionary<long, long>> LoadDismissalsAsync(ulong guildId, CancellationToken cancellationToken);

    /// <summary>
    /// Sets <see cref="Case.Excluded"/> to <paramref name="excluded"/> on every target case whose
    /// <see cref="CaseRef.Stages"/> is empty, or adds (removes) those stages to (from) <see cref="Case.ExcludedStages"/>;
    /// each must currently have the opposite value and not be removed. Logs <paramref name="record"/>, and when
    /// excluding, leaves a <see cref="MemberNotice"/> for each target's owner. Returns the action id, or null when
    /// some case was not in that state (nothing is saved).
    /// </summary>
    Task<long?> SetExcludedAsync(ModerationRecord record, IReadOnlyList<CaseRef> targets, bool excluded, CancellationToken cancellationToken);

    /// <summary>
    /// Removes (soft-deletes) the case, logs <paramref name="record"/> and leaves a <see cref="MemberNotice"/> for its
    /// owner. Returns the action id, or null when it was already removed.
    /// </summary>
    Task<long?> RemoveAsync(ModerationRecord record, CaseRef target, CancellationToken cancellationToken);

    /// <summary>Hides the case from the review queue while it keeps <paramref name="caseVersion"/>, and logs <paramref name="record"/>.</summary>
    Task<long> DismissAsync(ModerationRecord record, CaseRef target, long caseVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts every draft as a new case of the record's server, with new case numbers, and logs
    /// <paramref name="record"/>, all in one transaction. Reports progress as the number of cases inserted.
    /// Returns the action id and the new cases.
    /// </summary>
    Task<(long ActionId, IReadOnlyList<CaseRef> Cases)> ImportAsync(
        ModerationRecord record, IReadOnlyList<(Case Draft, IReadOnlyList<CaseHistoryEntry> History)> drafts, IProgress<int>? progress, CancellationToken cancellationToken);

    /// <summary>Writes an audit-log row for an action that changes no case (a setting). Returns its id.</summary>
    Task<long> LogAsync(ModerationRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Reverts <paramref name="target"/> exactly: restores the flags it set (only where they still hold the
    /// value it set), brings back the cases it removed, or deletes the cases it imported; marks it undone and
    /// logs <paramref name="undo"/>, all in one transaction.
    /// </summary>
    Task<(UndoStoreResult Result, long? UndoId)> UndoAsync(ModerationRecord undo, ModerationLogEntry target, CancellationToken cancellationToken);

    /// <summary>The audit-log entry with this id in this server, or null.</summary>
    Task<ModerationLogEntry?> GetEntryAsync(ulong guildId, long actionId, CancellationToken cancellationToken);

    /// <summary>The server's most recent action that can be undone and has not been, or null.</summary>
    Task<ModerationLogEntry?> GetLastUndoableAsync(ulong guildId, CancellationToken cancellationToken);

    /// <summary>The server's actions after <paramref name="actionId"/> that can be undone and have not been, oldest first.</summary>
    Task<IReadOnlyList<ModerationLogEntry>> GetLiveActionsAfterAsync(ulong guildId, long actionId, CancellationToken cancellationToken);

    /// <summary>A page of the server's audit log, newest first, and the total number of entries.</summary>
    Task<(IReadOnlyList<ModerationLogEntry> Entries, int Total)> GetLogAsync(ulong guildId, int skip, int take, CancellationToken cancellationToken);

    /// <summary>The case's history of changes, oldest first (every row: a case's history is short).</summary>
    Task<IReadOnlyList<CaseHistoryEntry>> GetHistoryAsync(long caseId, CancellationToken cancellationToken);

    /// <summary>The server's audit-log actions that touched the case, oldest first.</summary>
    Task<IReadOnlyList<ModerationLogEntry>> GetCaseActionsAsync(ulong guildId, long caseId, CancellationToken cancellationToken);

    /// <summary>The notices an action created (one per case owner it touched).</summary>
    Task<IReadOnlyList<MemberNotice>> GetNoticesAsync(ulong guildId, long actionId, CancellationToken cancellationToken);

    /// <summary>The member's notices not shown yet in this server, oldest first, marked shown at <paramref name="now"/>: each is returned once.</summary>
    Task<IReadOnlyList<MemberNotice>> TakeNoticesAsync(ulong guildId, ulong memberId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes for good every case of <paramref name="guildId"/> (of every server when null) removed at or before
    /// <paramref name="removedBefore"/>. Returns how many.
    /// </summary>
    Task<int> PurgeAsync(ulong? guildId, DateTimeOffset removedBefore, CancellationToken cancellationToken);
}
