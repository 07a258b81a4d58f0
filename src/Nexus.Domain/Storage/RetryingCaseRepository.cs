using Nexus.Domain.Cases;
using Nexus.Domain.Statistics;
using Polly;

namespace Nexus.Domain.Storage;

/// <summary>
/// The case repository on SQL Server, with every operation retried on transient errors by
/// <see cref="SqlServerRetry"/>. A whole operation is repeated (a new connection, a new transaction), never
/// a statement half-way: a transient error rolls the transaction back. Even when it strikes during the
/// commit, so the first attempt may have been saved, a repeat is harmless: an update finds the version
/// moved and the service reapplies nothing, a start meets the one-case-per-member index, a case without an
/// owner meets its import key's unique index (one is given here, before the first attempt, when it has none)
/// and the first attempt's case comes back, a delete finds no row, and reads have no effect.
/// </summary>
public sealed class RetryingCaseRepository(CaseRepository inner, ResiliencePipeline retry) : ICaseRepository, IStatsSource, ICaseListing
{
    /// <inheritdoc />
    public Task<Case?> FindByOwnerAsync(ulong guildId, ulong ownerId, CancellationToken cancellationToken) =>
        retry.RunAsync(token => inner.FindByOwnerAsync(guildId, ownerId, token), cancellationToken);

    /// <inheritdoc />
    public Task<Case?> FindByNumberAsync(ulong guildId, long caseNumber, CancellationToken cancellationToken) =>
        retry.RunAsync(token => inner.FindByNumberAsync(guildId, caseNumber, token), cancellationToken);

    /// <inheritdoc />
    public Task<Case?> InsertAsync(Case draft, IReadOnlyList<CaseHistoryEntry> history, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var keyed = draft is { OwnerId: null, ImportKey: null } ? draft with { ImportKey = $"insert:{Guid.NewGuid():N}" } : draft;
        return retry.RunAsync(token => inner.InsertAsync(keyed, history, token), cancellationToken);
    }

    /// <inheritdoc />
    public Task<Case?> TryUpdateAsync(Case updated, IReadOnlyList<CaseHistoryEntry> history, CancellationToken cancellationToken) =>
        retry.RunAsync(token => inner.TryUpdateAsync(updated, history, token), cancellationToken);

    /// <inheritdoc />
    public Task<bool> DeleteAsync(ulong guildId, long caseId, CancellationToken cancellationToken) =>
        retry.RunAsync(token => inner.DeleteAsync(guildId, caseId, token), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<CaseHistoryEntry>> GetHistoryAsync(long caseId, int skip, int take, CancellationToken cancellationToken) =>
        retry.RunAsync(token => inner.GetHistoryAsync(caseId, skip, take, token), cancellationToken);

    /// <inheritdoc />
    public Task<long> GetGuildVersionAsync(ulong guildId, CancellationToken cancellationToken) =>
        retry.RunAsync(token => inner.GetGuildVersionAsync(guildId, token), cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// A failed attempt may have written part of its read into the sink, so a repeat reads the whole server
    /// (the sink is cleared first) rather than build on a half-applied read.
    /// </remarks>
    public Task<long> ReadCasesAsync(ulong guildId, long? changedSince, IStatsCaseSink sink, CancellationToken cancellationToken)
    {
        var attempts = 0;
        return retry.RunAsync(token => inner.ReadCasesAsync(guildId, attempts++ == 0 ? changedSince : null, sink, token), cancellationToken);
    }

    /// <inheritdoc />
    public Task<CasePage> ListRecentAsync(ulong guildId, CaseListFilter filter, int skip, int take, CancellationToken cancellationToken) =>
        retry.RunAsync(token => inner.ListRecentAsync(guildId, filter, skip, take, token), cancellationToken);
}
