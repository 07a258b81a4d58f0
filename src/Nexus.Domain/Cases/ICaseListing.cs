namespace Nexus.Domain.Cases;

/// <summary>What a listing of a server's cases may be narrowed to; every part is optional.</summary>
/// <param name="Type">Only this application type.</param>
/// <param name="Status">Only this applicant status.</param>
/// <param name="CentreCode">Only this enrolment centre (compared ignoring case).</param>
public sealed record CaseListFilter(ApplicationType? Type = null, ApplicantStatus? Status = null, string? CentreCode = null)
{
    /// <summary>No narrowing: every case of the server.</summary>
    public static CaseListFilter None { get; } = new();
}

/// <summary>One page of a server's cases, newest first, with the total for "page 2 of 7".</summary>
/// <param name="Cases">The cases on this page, newest (highest case number) first.</param>
/// <param name="Total">How many cases match in all.</param>
public sealed record CasePage(IReadOnlyList<Case> Cases, int Total);

/// <summary>
/// Lists a server's cases for <c>/cases</c> and moderator views. Removed cases never appear. Excluded
/// cases do appear, with <see cref="Case.Excluded"/> set: a listing shows that mark to moderators only,
/// and otherwise lists the case like any other (exclusion only keeps a case out of statistics).
/// </summary>
public interface ICaseListing
{
    /// <summary>A page of the server's cases, newest first, skipping <paramref name="skip"/> and taking at most <paramref name="take"/>.</summary>
    Task<CasePage> ListRecentAsync(ulong guildId, CaseListFilter filter, int skip, int take, CancellationToken cancellationToken);
}
