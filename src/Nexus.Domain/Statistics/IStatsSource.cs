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
    /// Brings <paramref name="sink"/> up to date with the server's cases that count for statistics (not
    /// excluded by a moderator, not deleted), and returns the version it now holds.
    /// </summary>
    /// <param name="guildId">The server.</param>
    /// <param name="changedSince">
    /// The version <paramref name="sink"/> already holds, or null when it holds nothing. When the source still
    /// knows what changed since then, only those cases are written (<see cref="IStatsCaseSink.Upsert"/> for
    /// each that counts, <see cref="IStatsCaseSink.Remove"/> for each that no longer does); otherwise
    /// <see cref="IStatsCaseSink.Clear"/> comes first and every case follows.
    /// </param>
    /// <param name="sink">What receives the cases.</param>
    /// <param name="cancellationToken">Stops the read; the sink may then hold part of it.</param>
    /// <returns>
    /// A version such that the sink now holds every write up to it (it may hold some later ones too, which a
    /// later call with this version writes again).
    /// </returns>
    Task<long> ReadCasesAsync(ulong guildId, long? changedSince, IStatsCaseSink sink, CancellationToken cancellationToken);
}

/// <summary>Conveniences over <see cref="IStatsSource"/>.</summary>
public static class StatsSourceExtensions
{
    /// <summary>Every case of the server that counts for statistics, read afresh, with the version read.</summary>
    public static async Task<(long Version, CaseTable Cases)> LoadGuildCasesAsync(this IStatsSource source, ulong guildId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var table = new CaseTable();
        var version = await source.ReadCasesAsync(guildId, null, table, cancellationToken);
        return (version, table);
    }
}
