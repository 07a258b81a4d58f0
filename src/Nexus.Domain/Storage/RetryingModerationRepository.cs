using Nexus.Domain.Cases;
using Nexus.Domain.Moderation;
using Polly;

namespace Nexus.Domain.Storage;

/// <summary>
/// The moderation repository on SQL Server, with the operations that are safe to repeat retried on transient
/// errors by <see cref="SqlServerRetry"/>, as <see cref="RetryingCaseRepository"/> does for members.
/// </summary>
/// <remarks>
/// A transient error rolls the transaction back, so a repeat is normally a first attempt again; but one that
/// strikes during the commit may leave the first attempt saved, and the repeat must then do no harm. Reads
/// and the purge are harmless. Exclusion, removal and undo check the state they change (the flag still has
/// the old value, the case is not removed yet, the action is not undone yet), so a repeat after a saved
/// attempt changes nothing and reports the conflict. An import is repeated too: every row carries its import
/// key (<see cref="Case.ImportKey"/>), so a repeat after a saved attempt meets the unique index and returns
/// that attempt's action and cases. Dismissals and setting logs are not repeated: a saved first attempt would
/// be followed by a second audit-log entry, so their transient errors reach the moderator as "storage is
/// unavailable" at once.
/// </remarks>
public sealed class RetryingModerationRepository(IModerationRepository inner, ResiliencePipeline retry) : IModerationRepository
{
    /// <inheritdoc />
    public Task<IReadOnlyList<Case>> LoadCasesAsync(ulong guildId, CancellationToken cancellationToken) =>
        retry.RunAsync(token => inner.LoadCasesAsync(guildId, token), cancellationToken);

    /// <inheritdoc />
    public Task<Case?> FindAsync(ulong guildId, long caseNumber, CancellationToken cancellationToken) =>
        retry.RunAsync(token => inner.FindAsync(guildId, caseNumber, token), cancellationToken);

    /// <inheritdoc />
    public Task<Case?> FindByOwnerAsync(ulong guildId, ulong ownerId, CancellationToken cancellationToken) =>
        retry.RunAsync(token => inner.FindByOwnerAsync(guildId, ownerId, token), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<long, int>> BusiestWindowAsync(ulong guildId, TimeSpan window, CancellationToken cancellationToken) =>
        retry.RunAsync(token => inner.BusiestWindowAsync(guildId, window, token), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<long, long>> LoadDismissalsAsync(ulong guildId, CancellationToken cancellationToken) =>
        retry.RunAsync(token => inner.LoadDismissalsAsync(guildId, token), cancellationToken);

    /// <inheritdoc />
    public Task<long?> SetExcludedAsync(ModerationRecord record, IReadOnlyList<CaseRef> targets, bool excluded, CancellationToken cancellationToken) =>
        retry.RunAsync(token => inner.SetExcludedAsync(record, targets, excluded, token), cancellationToken);

    /// <inheritdoc />
    public Task<long?> RemoveAsync(ModerationRecord record, CaseRef target, CancellationToken cancellationToken) =>
        retry.RunAsync(token => inner.RemoveAsync(record, target, token), cancellationToken);

    /// <inheritdoc />
    /// <remarks>Not repeated: see the class remarks.</remarks>
    public Task<long> DismissAsync(ModerationRecord record, CaseRef target, long caseVersion, CancellationToken cancellationToken) =>
        inner.DismissAsync(record, target, caseVersion, cancellationToken);

    /// <inheritdoc />
    public Task<(long ActionId, IReadOnlyList<CaseRef> Cases)> ImportAsync(
        ModerationRecord record, IReadOnlyList<(Case Draft, IReadOnlyList<CaseHistoryEntry> History)> drafts, IProgress<int>? progress, CancellationToken cancellationToken) =>
        retry.RunAsync(token => inner.ImportAsync(record, drafts, progress, token), cancellationToken);

    /// <inheritdoc />
    /// <remarks>Not repeated: see the class remarks.</remarks>
    public Task<long> LogAsync(ModerationRecord record, CancellationToken cancellationToken) =>
        inner.LogAsync(record, cancellationToken);

    /// <inheritdoc />
    public Task<(UndoStoreResult Result, long? UndoId)> UndoAsync(ModerationRecord undo, ModerationLogEntry target, CancellationToken cancellationToken) =>
        retry.RunAsync(token => inner.UndoAsync(undo, target, token), cancellationToken);

    /// <inheritdoc />
    public Task<ModerationLogEntry?> GetEntryAsync(ulong guildId, long actionId, CancellationToken cancellationToken) =>
        retry.RunAsync(token => inner.GetEntryAsync(guildId, actionId, token), cancellationToken);

    /// <inheritdoc />
    public Task<ModerationLogEntry?> GetLastUndoableAsync(ulong guildId, CancellationToken cancellationToken) =>
        retry.RunAsync(token => inner.GetLastUndoableAsync(guildId, token), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ModerationLogEntry>> GetLiveActionsAfterAsync(ulong guildId, long actionId, CancellationToken cancellationToken) =>
        retry.RunAsync(token => inner.GetLiveActionsAfterAsync(guildId, actionId, token), cancellationToken);

    /// <inheritdoc />
    public Task<(IReadOnlyList<ModerationLogEntry> Entries, int Total)> GetLogAsync(ulong guildId, int skip, int take, CancellationToken cancellationToken) =>
        retry.RunAsync(token => inner.GetLogAsync(guildId, skip, take, token), cancellationToken);

    /// <inheritdoc />
    public Task<int> PurgeAsync(ulong? guildId, DateTimeOffset removedBefore, CancellationToken cancellationToken) =>
        retry.RunAsync(token => inner.PurgeAsync(guildId, removedBefore, token), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<CaseHistoryEntry>> GetHistoryAsync(long caseId, CancellationToken cancellationToken) =>
        retry.RunAsync(token => inner.GetHistoryAsync(caseId, token), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ModerationLogEntry>> GetCaseActionsAsync(ulong guildId, long caseId, CancellationToken cancellationToken) =>
        retry.RunAsync(token => inner.GetCaseActionsAsync(guildId, caseId, token), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<MemberNotice>> GetNoticesAsync(ulong guildId, long actionId, CancellationToken cancellationToken) =>
        retry.RunAsync(token => inner.GetNoticesAsync(guildId, actionId, token), cancellationToken);

    /// <inheritdoc />
    /// <remarks>Repeated: a repeat after a saved first attempt finds the notices shown and returns none, so nothing is told twice.</remarks>
    public Task<IReadOnlyList<MemberNotice>> TakeNoticesAsync(ulong guildId, ulong memberId, DateTimeOffset now, CancellationToken cancellationToken) =>
        retry.RunAsync(token => inner.TakeNoticesAsync(guildId, memberId, now, token), cancellationToken);
}
