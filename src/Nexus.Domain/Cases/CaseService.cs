using Nexus.Domain.Common;
using Nexus.Domain.Settings;

namespace Nexus.Domain.Cases;

/// <summary>What a member gives to start their case.</summary>
/// <param name="GuildId">The server.</param>
/// <param name="UserId">The member, who becomes the owner.</param>
/// <param name="Applied">The application date.</param>
/// <param name="Type">Initial application or renewal.</param>
/// <param name="ApplicantStatus">The applicant's coarse status.</param>
/// <param name="Applicants">How many people are on the application (1–10).</param>
/// <param name="CentreCode">The enrolment centre's code, when known.</param>
public sealed record StartCaseRequest(
    ulong GuildId,
    ulong UserId,
    DateOnly Applied,
    ApplicationType Type,
    ApplicantStatus ApplicantStatus,
    int Applicants = 1,
    string? CentreCode = null);

/// <summary>
/// What a member changes with an edit of their case's details; null parts stay as they are.
/// </summary>
/// <param name="Applied">A corrected application date.</param>
/// <param name="Type">A corrected application type.</param>
/// <param name="ApplicantStatus">A corrected applicant status.</param>
/// <param name="Applicants">A corrected number of applicants (1–10).</param>
/// <param name="CentreCode">A corrected enrolment centre's code.</param>
/// <param name="RemoveCentre">True to remove the centre from the case.</param>
public sealed record CaseEdit(
    DateOnly? Applied = null,
    ApplicationType? Type = null,
    ApplicantStatus? ApplicantStatus = null,
    int? Applicants = null,
    string? CentreCode = null,
    bool RemoveCentre = false)
{
    /// <summary>True when the edit names nothing to change.</summary>
    public bool IsEmpty => Applied is null && Type is null && ApplicantStatus is null && Applicants is null && CentreCode is null && !RemoveCentre;
}

/// <summary>A saved change of a case: the case before and after, so a reply can say what it replaced.</summary>
/// <param name="Before">The case as it was.</param>
/// <param name="After">The case as saved (the same as <paramref name="Before"/> when nothing changed).</param>
public sealed record CaseChange(Case Before, Case After);

/// <summary>
/// The member-facing operations on cases. Each write checks the rules with "today" from
/// <see cref="TimeProvider"/>, then saves the case with its history rows in one transaction. A write
/// that loses a race with another write of the same case reloads the case and reapplies the change,
/// so neither change is lost. An optional <see cref="ICaseChangeObserver"/> hears of every saved milestone
/// update (for the feed channel).
/// </summary>
/// <param name="repository">Where cases are kept.</param>
/// <param name="centres">The enrolment centres.</param>
/// <param name="time">The clock.</param>
/// <param name="observer">Hears of every saved milestone update, when given.</param>
/// <param name="calendar">Each server's "today"; every server in the default zone when not given.</param>
public sealed class CaseService(ICaseRepository repository, EnrolmentCentres centres, TimeProvider time, ICaseChangeObserver? observer = null, ServerCalendar? calendar = null)
{
    private readonly ServerCalendar _calendar = calendar ?? new ServerCalendar(null, time);

    /// <summary>How often a change is reapplied after losing a race before the member is asked to retry.</summary>
    /// <remarks>
    /// Ten, not five, since SQLite writers queue in this process (the storage's writer gate)
    /// rather than sleep in SQLite's busy handler: a crowd updating one case loses more races in a row, while
    /// each retry costs only a read and a refused update, well under a millisecond.
    /// </remarks>
    public const int MaxAttempts = 10;

    /// <summary>The longest shared owner name kept (Discord names are at most 32 characters).</summary>
    public const int MaxOwnerNameLength = 100;

    /// <summary>Starts the member's case; a member has at most one case per server.</summary>
    public async Task<Result<Case>> StartAsync(StartCaseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var error = CaseRules.CheckApplicationDate(request.Applied, await TodayAsync(request.GuildId, cancellationToken))
            ?? CaseRules.CheckApplicants(request.Applicants)
            ?? CaseRules.CheckCentre(request.CentreCode, centres);
        if (error is not null)
        {
            return error;
        }

        if (await repository.FindByOwnerAsync(request.GuildId, request.UserId, cancellationToken) is not null)
        {
            return AlreadyStarted();
        }

        var now = time.GetUtcNow();
        var centreCode = centres.Find(request.CentreCode)?.Code;
        var draft = new Case
        {
            GuildId = request.GuildId,
            OwnerId = request.UserId,
            Type = request.Type,
            ApplicantStatus = request.ApplicantStatus,
            Applicants = request.Applicants,
            CentreCode = centreCode,
            Timeline = new Timeline(request.Applied),
            CreatedAt = now,
            UpdatedAt = now,
        };

        List<CaseHistoryEntry> history =
        [
            new(Milestone.Applied.Name(), null, CaseRules.Iso(request.Applied), now, request.UserId),
            new(CaseFields.Type, null, request.Type.Name(), now, request.UserId),
            new(CaseFields.ApplicantStatus, null, request.ApplicantStatus.Name(), now, request.UserId),
            new(CaseFields.Applicants, null, Number(request.Applicants), now, request.UserId),
        ];
        if (centreCode is not null)
        {
            history.Add(new(CaseFields.Centre, null, centreCode, now, request.UserId));
        }

        // The unique index is the real guard: two starts at once both pass the check above.
        var saved = await repository.InsertAsync(draft, history, cancellationToken);
        return saved is null ? AlreadyStarted() : saved;
    }

    /// <summary>Records or replaces a milestone's date on the member's case, then tells the observer.</summary>
    public async Task<Result<Case>> UpdateMilestoneAsync(ulong guildId, ulong userId, MilestoneInput milestone, DateOnly date, CancellationToken cancellationToken) =>
        (await RecordMilestoneAsync(guildId, userId, milestone, date, cancellationToken)).Map(change => change.After);

    /// <summary>
    /// Records or replaces a milestone's date on the member's case and returns the case before and after, so the
    /// member can be told what a correction replaced; then tells the observer.
    /// </summary>
    public async Task<Result<CaseChange>> RecordMilestoneAsync(ulong guildId, ulong userId, MilestoneInput milestone, DateOnly date, CancellationToken cancellationToken)
    {
        var result = await ChangeAsync(guildId, userId, (current, today, now) =>
            CaseRules.SetMilestone(current.Type, current.Timeline, milestone, date, today)
                .Map<(Case, IReadOnlyList<CaseHistoryEntry>)>(timeline => (current with { Timeline = timeline }, MilestoneHistory(current.Timeline, timeline, now, userId))),
            cancellationToken);

        // Only a change that was saved is news; an unchanged date (no history) is not.
        if (observer is not null && result.IsSuccess && result.Value.Before.Timeline != result.Value.After.Timeline)
        {
            await observer.MilestoneRecordedAsync(new MilestoneRecorded(guildId, result.Value.Before.ToFacts(), result.Value.After.ToFacts(), milestone, await TodayAsync(guildId, cancellationToken)), cancellationToken);
        }

        return result;
    }

    /// <summary>Corrects the application date of the member's case.</summary>
    public async Task<Result<Case>> UpdateApplicationDateAsync(ulong guildId, ulong userId, DateOnly date, CancellationToken cancellationToken) =>
        (await EditAsync(guildId, userId, new CaseEdit(Applied: date), cancellationToken)).Map(change => change.After);

    /// <summary>
    /// Corrects the details of the member's case (application date, type, applicant status, applicants,
    /// centre), each checked by the same rules as at the start: the application date against every milestone,
    /// the type against the milestones it requires. Every changed detail gets its history row; the case keeps
    /// its number. All or nothing: one broken rule saves none of the changes.
    /// </summary>
    public Task<Result<CaseChange>> EditAsync(ulong guildId, ulong userId, CaseEdit edit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edit);
        if (edit.IsEmpty)
        {
            return Task.FromResult<Result<CaseChange>>(new DomainError(CaseErrorCodes.NothingToEdit, "Name at least one detail to change: the application date, type, status, applicants or centre."));
        }

        var error = (edit.Applicants is { } applicants ? CaseRules.CheckApplicants(applicants) : null)
            ?? CaseRules.CheckCentre(edit.CentreCode, centres);
        if (error is not null)
        {
            return Task.FromResult<Result<CaseChange>>(error);
        }

        var centreCode = edit.RemoveCentre ? null : centres.Find(edit.CentreCode)?.Code;
        return ChangeAsync(guildId, userId, (current, today, now) =>
        {
            var timeline = current.Timeline;
            if (edit.Applied is { } applied)
            {
                var moved = CaseRules.SetApplicationDate(timeline, applied, today);
                if (!moved.IsSuccess)
                {
                    return moved.Error!;
                }

                timeline = moved.Value;
            }

            var type = edit.Type ?? current.Type;
            if (CaseRules.CheckType(type, timeline) is { } typeError)
            {
                return typeError;
            }

            var updated = current with
            {
                Timeline = timeline,
                Type = type,
                ApplicantStatus = edit.ApplicantStatus ?? current.ApplicantStatus,
                Applicants = edit.Applicants ?? current.Applicants,
                CentreCode = edit.RemoveCentre ? null : centreCode ?? current.CentreCode,
            };
            var history = MilestoneHistory(current.Timeline, updated.Timeline, now, userId);
            AddIfChanged(history, CaseFields.Type, current.Type.Name(), updated.Type.Name(), now, userId);
            AddIfChanged(history, CaseFields.ApplicantStatus, current.ApplicantStatus.Name(), updated.ApplicantStatus.Name(), now, userId);
            AddIfChanged(history, CaseFields.Applicants, Number(current.Applicants), Number(updated.Applicants), now, userId);
            AddIfChanged(history, CaseFields.Centre, current.CentreCode, updated.CentreCode, now, userId);
            return Result<(Case, IReadOnlyList<CaseHistoryEntry>)>.Ok((updated, history));
        },
        cancellationToken);
    }

    /// <summary>Clears a milestone on the member's case, when no later milestone depends on it.</summary>
    public async Task<Result<Case>> ClearMilestoneAsync(ulong guildId, ulong userId, MilestoneInput milestone, CancellationToken cancellationToken) =>
        (await ChangeAsync(guildId, userId, (current, _, now) =>
            CaseRules.ClearMilestone(current.Type, current.Timeline, milestone)
                .Map<(Case, IReadOnlyList<CaseHistoryEntry>)>(timeline => (current with { Timeline = timeline }, MilestoneHistory(current.Timeline, timeline, now, userId))),
            cancellationToken)).Map(change => change.After);

    /// <summary>Shows the member's case to other members, or hides it again.</summary>
    public Task<Result<Case>> SetVisibilityAsync(ulong guildId, ulong userId, bool visible, CancellationToken cancellationToken) =>
        SetVisibilityAsync(guildId, userId, visible, null, cancellationToken);

    /// <summary>
    /// Shows the member's case to other members under <paramref name="ownerName"/> (their display name; at
    /// most <see cref="MaxOwnerNameLength"/> characters are kept), or hides it again, which forgets the name.
    /// The name is never written to the history, so hiding the case leaves no trace of it.
    /// </summary>
    public async Task<Result<Case>> SetVisibilityAsync(ulong guildId, ulong userId, bool visible, string? ownerName, CancellationToken cancellationToken) =>
        (await ChangeAsync(guildId, userId, (current, _, now) =>
        {
            var name = visible && !string.IsNullOrWhiteSpace(ownerName) ? ownerName.Trim() : null;
            IReadOnlyList<CaseHistoryEntry> history = current.Visible == visible
                ? []
                : [new(CaseFields.Visible, Flag(current.Visible), Flag(visible), now, userId)];
            var updated = current with { Visible = visible, OwnerName = name is { Length: > MaxOwnerNameLength } ? name[..MaxOwnerNameLength] : name };
            return Result<(Case, IReadOnlyList<CaseHistoryEntry>)>.Ok((updated, history));
        },
        cancellationToken)).Map(change => change.After);

    /// <summary>
    /// Deletes the member's case in the server with its milestones and history, and returns the number
    /// the case had.
    /// </summary>
    public async Task<Result<long>> DeleteAsync(ulong guildId, ulong userId, CancellationToken cancellationToken)
    {
        var current = await repository.FindByOwnerAsync(guildId, userId, cancellationToken);
        if (current is null || !await repository.DeleteAsync(guildId, current.Id, cancellationToken))
        {
            return NoOwnCase();
        }

        return current.CaseNumber;
    }

    /// <summary>
    /// The requester's own case (when <paramref name="memberId"/> is null or the requester), or another
    /// member's case when that member made it visible. A hidden case reads as no case, so privacy holds.
    /// </summary>
    public async Task<Result<Case>> GetAsync(ulong guildId, ulong requesterId, ulong? memberId, CancellationToken cancellationToken)
    {
        var ownerId = memberId ?? requesterId;
        var found = await repository.FindByOwnerAsync(guildId, ownerId, cancellationToken);
        if (ownerId == requesterId)
        {
            return found is null ? NoOwnCase() : found;
        }

        return found is { Visible: true }
            ? found
            : new DomainError(CaseErrorCodes.NotFound, "That member has no case you can see; cases are private unless their owner shares them.");
    }

    /// <summary>The history of the member's own case, oldest first.</summary>
    public async Task<Result<IReadOnlyList<CaseHistoryEntry>>> GetHistoryAsync(ulong guildId, ulong userId, int skip, int take, CancellationToken cancellationToken)
    {
        var found = await repository.FindByOwnerAsync(guildId, userId, cancellationToken);
        if (found is null)
        {
            return NoOwnCase();
        }

        return Result<IReadOnlyList<CaseHistoryEntry>>.Ok(await repository.GetHistoryAsync(found.Id, skip, take, cancellationToken));
    }

    // Load, apply, save with the version read; on a lost race reload and apply again, so the change is
    // judged against (and merged into) whatever the other writer saved.
    private async Task<Result<CaseChange>> ChangeAsync(
        ulong guildId,
        ulong userId,
        Func<Case, DateOnly, DateTimeOffset, Result<(Case Updated, IReadOnlyList<CaseHistoryEntry> History)>> change,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await repository.FindByOwnerAsync(guildId, userId, cancellationToken);
            if (current is null)
            {
                return NoOwnCase();
            }

            var now = time.GetUtcNow();
            var applied = change(current, await TodayAsync(guildId, cancellationToken), now);
            if (!applied.IsSuccess)
            {
                return applied.Error!;
            }

            var (updated, history) = applied.Value;

            // Nothing changed: no write, no version bump. (A renamed shared case changes without history.)
            if (history.Count == 0 && updated == current)
            {
                return new CaseChange(current, current);
            }

            var saved = await repository.TryUpdateAsync(updated with { UpdatedAt = now }, history, cancellationToken);
            if (saved is not null)
            {
                return new CaseChange(current, saved);
            }
        }

        return new DomainError(CaseErrorCodes.Busy, "Your case was being changed at the same moment; please try again.");
    }

    private static void AddIfChanged(List<CaseHistoryEntry> history, string field, string? from, string? to, DateTimeOffset now, ulong actorId)
    {
        if (!string.Equals(from, to, StringComparison.Ordinal))
        {
            history.Add(new(field, from, to, now, actorId));
        }
    }

    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static List<CaseHistoryEntry> MilestoneHistory(Timeline before, Timeline after, DateTimeOffset now, ulong actorId)
    {
        var entries = new List<CaseHistoryEntry>();
        foreach (var (milestone, name, _) in WireNames.AllMilestones)
        {
            var from = before.Get(milestone);
            var to = after.Get(milestone);
            if (from != to)
            {
                entries.Add(new(name, from is { } f ? CaseRules.Iso(f) : null, to is { } t ? CaseRules.Iso(t) : null, now, actorId));
            }
        }

        return entries;
    }

    private static string Flag(bool visible) => visible ? "visible" : "hidden";

    private ValueTask<DateOnly> TodayAsync(ulong guildId, CancellationToken cancellationToken) => _calendar.TodayAsync(guildId, cancellationToken);

    private static DomainError AlreadyStarted() =>
        new(CaseErrorCodes.Exists, "You already have a case in this server.");

    private static DomainError NoOwnCase() =>
        new(CaseErrorCodes.NoCase, "You don't have a case in this server yet.");
}
