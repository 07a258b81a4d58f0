using Nexus.Domain.Cases;

namespace Nexus.Domain.Statistics;

/// <summary>
/// Where statistics read their cases from. Storage implements it; statistics never see SQL.
/// </summary>
public interface IStatsSource
{
    /// <summary>
    /// A number that changes whenever any case of the server is written, by this process or by
    /// another instance sharing the database. Cheap to read, so a cached snapshot can be checked
    /// on every request.
    /// </summary>
    Task<long> GetGuildVersionAsync(ulong guildId, CancellationToken cancellationToken);

    /// <summary>
    /// Every case of the server that counts for statistics (not excluded by a moderator, not deleted),
    /// together with the version read in the same snapshot.
    /// </summary>
    Task<(long Version, IReadOnlyList<CaseFacts> Cases)> LoadGuildCasesAsync(ulong guildId, CancellationToken cancellationToken);
}
