namespace Nexus.Domain.Cases;

/// <summary>
/// One applicant's NEXUS application in one server: its attributes, its timeline and the flags that
/// decide who sees it. Immutable: every accepted change produces a new value, which is what lets
/// <see cref="CaseService"/> reapply a change on a freshly loaded copy after a concurrent write.
/// </summary>
public sealed record Case
{
    /// <summary>The storage id; 0 until the case is first saved.</summary>
    public long Id { get; init; }

    /// <summary>The Discord server (guild) the case belongs to.</summary>
    public required ulong GuildId { get; init; }

    /// <summary>The member who owns the case; null for community cases imported by moderators and not yet claimed.</summary>
    public ulong? OwnerId { get; init; }

    /// <summary>The stable per-server number shown as "Case #123"; 0 until the case is first saved.</summary>
    public long CaseNumber { get; init; }

    /// <summary>Initial application or renewal.</summary>
    public required ApplicationType Type { get; init; }

    /// <summary>The applicant's coarse status.</summary>
    public required ApplicantStatus ApplicantStatus { get; init; }

    /// <summary>How many people are on the application (1–10, for families).</summary>
    public int Applicants { get; init; } = 1;

    /// <summary>The enrolment centre's stable code (see <see cref="EnrolmentCentres"/>), when given.</summary>
    public string? CentreCode { get; init; }

    /// <summary>The milestone dates.</summary>
    public required Timeline Timeline { get; init; }

    /// <summary>Whether other members may see the case; private unless the owner opts in.</summary>
    public bool Visible { get; init; }

    /// <summary>
    /// The owner's name as they shared it (their display name when they made the case visible), shown in
    /// listings instead of the case number. Null whenever the case is private.
    /// </summary>
    public string? OwnerName { get; init; }

    /// <summary>Set by a moderator to keep the case out of statistics.</summary>
    public bool Excluded { get; init; }

    /// <summary>
    /// The stages a moderator left out of statistics while the rest of the case counts (one wrong date spoils
    /// one or two waits, not the whole case). Only moderators change it; member edits keep it.
    /// </summary>
    public Statistics.StageSet ExcludedStages { get; init; }

    /// <summary>When the case was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the case was last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>
    /// The optimistic-concurrency version: storage accepts a write only when the stored version still
    /// equals this one, and increments it. 0 until the case is first saved.
    /// </summary>
    public long Version { get; init; }

    /// <summary>
    /// For a case saved without an owner (an imported row, a demo case): a key unique in its server that names
    /// this one creation, so an insert repeated after a lost acknowledgement finds the case the first attempt
    /// saved instead of saving it twice. Null for members' own cases, which their one-case-per-member rule covers.
    /// </summary>
    public string? ImportKey { get; init; }

    /// <summary>The status derived from the timeline as of <paramref name="today"/>.</summary>
    public CaseStatus StatusOn(DateOnly today) => CaseRules.DeriveStatus(Timeline, today);

    /// <summary>What statistics need to know about this case.</summary>
    public CaseFacts ToFacts() => new(CaseNumber, Type, ApplicantStatus, CentreCode, Timeline, ExcludedStages);
}
