namespace Nexus.Domain.Cases;

/// <summary>
/// Where cases are kept. Storage implements it; the domain never sees SQL. Every write stores the case,
/// its milestones and the given history rows in one transaction, or nothing.
/// </summary>
public interface ICaseRepository
{
    /// <summary>The member's case in the server, or null. Cases removed by a moderator are never found.</summary>
    Task<Case?> FindByOwnerAsync(ulong guildId, ulong ownerId, CancellationToken cancellationToken);

    /// <summary>The case with this per-server number, or null. Cases removed by a moderator are never found.</summary>
    Task<Case?> FindByNumberAsync(ulong guildId, long caseNumber, CancellationToken cancellationToken);

    /// <summary>
    /// Saves a new case: allocates its id and its per-server case number, and sets its version to 1.
    /// Returns the saved case, or null when its owner already has a case in that server (nothing is saved).
    /// </summary>
    Task<Case?> InsertAsync(Case draft, IReadOnlyList<CaseHistoryEntry> history, CancellationToken cancellationToken);

    /// <summary>
    /// Saves a changed case when the stored version still equals <see cref="Case.Version"/> of
    /// <paramref name="updated"/>, incrementing it. Returns the saved case, or null when another write got
    /// there first (nothing is saved; reload and reapply). The moderation flags (<see cref="Case.Excluded"/>,
    /// removal) are not written here: they belong to moderators, and a member's edit racing a moderator's
    /// action must not undo it.
    /// </summary>
    Task<Case?> TryUpdateAsync(Case updated, IReadOnlyList<CaseHistoryEntry> history, CancellationToken cancellationToken);

    /// <summary>Deletes a case with its milestones and history. Returns false when it no longer exists.</summary>
    Task<bool> DeleteAsync(ulong guildId, long caseId, CancellationToken cancellationToken);

    /// <summary>A page of a case's history, oldest first.</summary>
    Task<IReadOnlyList<CaseHistoryEntry>> GetHistoryAsync(long caseId, int skip, int take, CancellationToken cancellationToken);
}
