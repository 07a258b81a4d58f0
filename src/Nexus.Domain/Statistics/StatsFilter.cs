using Nexus.Domain.Cases;

namespace Nexus.Domain.Statistics;

/// <summary>
/// What a member asks <c>/stats</c> for. Every part is optional; <see cref="Resolve"/> fills in the defaults.
/// </summary>
/// <param name="Type">Initial applications or renewals. When not given, initial applications: the two are never mixed,
/// because renewals usually skip stages and would make the initial waits look shorter than they are.</param>
/// <param name="Status">Only applicants with this status; all when not given.</param>
/// <param name="CentreCode">Only cases at this enrolment centre (compared ignoring case); all when not given.</param>
/// <param name="AppliedSince">Only cases that applied on or after this date; by default 24 months before today,
/// so that old processing regimes don't dominate.</param>
/// <param name="AppliedUntil">Only cases that applied on or before this date; by default today.</param>
public sealed record StatsFilter(
    ApplicationType? Type = null,
    ApplicantStatus? Status = null,
    string? CentreCode = null,
    DateOnly? AppliedSince = null,
    DateOnly? AppliedUntil = null)
{
    /// <summary>How far back the default period reaches, in months.</summary>
    public const int DefaultPeriodMonths = 24;

    /// <summary>No filter given: initial applications of the last 24 months.</summary>
    public static StatsFilter Default { get; } = new();

    /// <summary>The filter with every default filled in, as of <paramref name="today"/>.</summary>
    public AppliedFilter Resolve(DateOnly today)
    {
        var centre = string.IsNullOrWhiteSpace(CentreCode) ? null : CentreCode.Trim();
        return new AppliedFilter(
            Type ?? ApplicationType.Initial,
            TypeDefaulted: Type is null,
            Status,
            centre,
            AppliedSince ?? today.AddMonths(-DefaultPeriodMonths),
            AppliedUntil ?? today,
            PeriodDefaulted: AppliedSince is null && AppliedUntil is null);
    }
}

/// <summary>
/// The filter statistics were actually computed with, defaults filled in, so that a reply or a JSON
/// document can say exactly what it covers (e.g. "initial applications, applied since 21 Nov 2024").
/// </summary>
/// <param name="Type">The application type counted.</param>
/// <param name="TypeDefaulted">True when no type was asked for and initial applications were chosen by default.</param>
/// <param name="Status">The applicant status counted, or null for all.</param>
/// <param name="CentreCode">The centre counted, or null for all.</param>
/// <param name="AppliedSince">First application date counted.</param>
/// <param name="AppliedUntil">Last application date counted.</param>
/// <param name="PeriodDefaulted">True when no period was asked for and the last 24 months were chosen by default.</param>
public sealed record AppliedFilter(
    ApplicationType Type,
    bool TypeDefaulted,
    ApplicantStatus? Status,
    string? CentreCode,
    DateOnly AppliedSince,
    DateOnly AppliedUntil,
    bool PeriodDefaulted);
