namespace Nexus.Domain.Cases;

/// <summary>
/// One change to a case, kept so members and moderators can see how a timeline came to be.
/// </summary>
/// <param name="Field">What changed: a milestone's wire name (e.g. <c>interview-ca</c>) or a field name (e.g. <c>visible</c>).</param>
/// <param name="From">The value before, as text (dates as ISO <c>yyyy-MM-dd</c>); null when it was not set.</param>
/// <param name="To">The value after, as text; null when it was cleared.</param>
/// <param name="At">When the change was made.</param>
/// <param name="ActorId">The Discord user who made it.</param>
public sealed record CaseHistoryEntry(string Field, string? From, string? To, DateTimeOffset At, ulong ActorId);

/// <summary>The field names used in <see cref="CaseHistoryEntry.Field"/> besides milestone names.</summary>
public static class CaseFields
{
    /// <summary>The application type.</summary>
    public const string Type = "type";

    /// <summary>The applicant status.</summary>
    public const string ApplicantStatus = "applicant-status";

    /// <summary>The number of applicants.</summary>
    public const string Applicants = "applicants";

    /// <summary>The enrolment centre code.</summary>
    public const string Centre = "centre";

    /// <summary>The privacy flag.</summary>
    public const string Visible = "visible";
}
