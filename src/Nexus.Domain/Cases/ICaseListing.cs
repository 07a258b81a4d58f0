namespace Nexus.Domain.Cases;

/// <summary>Which cases a listing keeps by where they are in the process.</summary>
public enum CaseListState
{
    /// <summary>Every case.</summary>
    Any = 0,

    /// <summary>Cases still waiting: neither a card nor a denial recorded.</summary>
    Waiting = 1,

    /// <summary>Finished cases: card received, or denied.</summary>
    Finished = 2,

    /// <summary>Cases with a milestone in the last <see cref="CaseListFilter.MovedDays"/> days (today included).</summary>
    Moved = 3,
}

/// <summary>What a listing of a server's cases may be narrowed to; every part is optional.</summary>
/// <param name="Type">Only this application type.</param>
/// <param name="Status">Only this applicant status.</param>
/// <param name="CentreCode">Only this enrolment centre (compared ignoring case).</param>
/// <param name="AppliedSince">Only cases that applied on or after this date.</param>
/// <param name="AppliedUntil">Only cases that applied on or before this date.</param>
/// <param name="State">Only waiting, finished or recently moved cases.</param>
/// <param name="Today">The server's today: milestones after it (a booked interview) don't count as the
/// latest one, and "moved" looks back from it. Every milestone counts when null.</param>
public sealed record CaseListFilter(
    ApplicationType? Type = null,
    ApplicantStatus? Status = null,
    string? CentreCode = null,
    DateOnly? AppliedSince = null,
    DateOnly? AppliedUntil = null,
    CaseListState State = CaseListState.Any,
    DateOnly? Today = null)
{
    /// <summary>How many days, today included, "moved" looks back.</summary>
    public const int MovedDays = 7;

    /// <summary>No narrowing: every case of the server.</summary>
    public static CaseListFilter None { get; } = new();
}

/// <summary>One page of a server's cases, latest milestone first, with the total for "page 2 of 7".</summary>
/// <param name="Cases">The cases on this page: the latest milestone (on or before today) first, then the highest case number.</param>
/// <param name="Total">How many cases match in all.</param>
public sealed record CasePage(IReadOnlyList<Case> Cases, int Total);

/// <summary>
/// Lists a server's cases for <c>/cases</c> and moderator views. Removed cases never appear. Excluded
/// cases do appear, with <see cref="Case.Excluded"/> set: a listing shows that mark to moderators only,
/// and otherwise lists the case like any other (exclusion only keeps a case out of statistics).
/// </summary>
public interface ICaseListing
{
    /// <summary>
    /// A page of the server's cases, the most recent milestone first (ties: the highest case number), skipping
    /// <paramref name="skip"/> and taking at most <paramref name="take"/>.
    /// </summary>
    Task<CasePage> ListRecentAsync(ulong guildId, CaseListFilter filter, int skip, int take, CancellationToken cancellationToken);
}
