using Nexus.Domain.Cases;

namespace Nexus.Domain.Statistics;

/// <summary>What the statistics keep of one case: its id, the attributes filters look at, and its days.</summary>
/// <param name="Id">The case's storage id (unique across servers).</param>
/// <param name="Type">Initial application or renewal.</param>
/// <param name="Status">The applicant's status.</param>
/// <param name="CentreCode">The enrolment centre's code, when given.</param>
/// <param name="Days">The timeline as day numbers.</param>
/// <param name="ExcludedStages">The stages a moderator left out of statistics for this case (the rest counts).</param>
public readonly record struct StatsCaseRow(long Id, ApplicationType Type, ApplicantStatus Status, string? CentreCode, CaseDays Days, StageSet ExcludedStages = default);

/// <summary>
/// Receives a server's cases from an <see cref="IStatsSource"/>: everything after <see cref="Clear"/>, or only
/// what changed since a version the receiver already holds.
/// </summary>
public interface IStatsCaseSink
{
    /// <summary>Forgets every case: what follows is the whole server, about <paramref name="expectedCount"/> cases.</summary>
    /// <param name="expectedCount">How many cases will probably follow (a hint for sizing; 0 when unknown).</param>
    void Clear(int expectedCount);

    /// <summary>Adds the case, or replaces the one with the same <see cref="StatsCaseRow.Id"/>.</summary>
    void Upsert(in StatsCaseRow row);

    /// <summary>Forgets the case with this id (deleted, excluded or removed), if it is held.</summary>
    void Remove(long id);
}
