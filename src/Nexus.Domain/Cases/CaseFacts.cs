namespace Nexus.Domain.Cases;

/// <summary>
/// What statistics and listings need to know about one case, without who owns it: the stable
/// per-server case number, the filterable attributes and the timeline.
/// </summary>
/// <param name="CaseNumber">The per-server number shown as "Case #123".</param>
/// <param name="Type">Initial application or renewal.</param>
/// <param name="Status">The applicant's status.</param>
/// <param name="CentreCode">The enrolment centre's stable code, when given.</param>
/// <param name="Timeline">The milestone dates.</param>
/// <param name="ExcludedStages">The stages a moderator left out of statistics for this case.</param>
public sealed record CaseFacts(
    long CaseNumber,
    ApplicationType Type,
    ApplicantStatus Status,
    string? CentreCode,
    Timeline Timeline,
    Statistics.StageSet ExcludedStages = default);
