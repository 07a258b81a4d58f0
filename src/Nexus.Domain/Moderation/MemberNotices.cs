using Nexus.Domain.Statistics;

namespace Nexus.Domain.Moderation;

/// <summary>
/// What a member is told about a moderator's action on their case: once, the next time they look at their case,
/// and by direct message when the bot can send one. Written in the same transaction as
/// the action (removal, exclusion of the case or of stages of it), withdrawn when the action is undone unseen.
/// </summary>
/// <param name="Id">The notice's storage id.</param>
/// <param name="GuildId">The server.</param>
/// <param name="MemberId">The case's owner.</param>
/// <param name="ActionId">The audit-log action it tells about.</param>
/// <param name="Action">Remove, exclude or prune.</param>
/// <param name="CaseNumber">The case's number in the server.</param>
/// <param name="Stages">The stages left out, or <see cref="StageSet.None"/> for the whole case.</param>
/// <param name="Reason">The moderator's reason, when given.</param>
/// <param name="At">When the moderator acted.</param>
public sealed record MemberNotice(
    long Id, ulong GuildId, ulong MemberId, long ActionId, ModerationAction Action, long CaseNumber, StageSet Stages, string? Reason, DateTimeOffset At);

/// <summary>Told after a moderator action created notices for members; the bot sends them as direct messages.</summary>
public interface IMemberNoticeObserver
{
    /// <summary>Called after the action is saved. Must not wait for Discord: queue and return.</summary>
    ValueTask NoticesCreatedAsync(IReadOnlyList<MemberNotice> notices, CancellationToken cancellationToken);
}

/// <summary>One case as <c>/mod case</c> shows it.</summary>
/// <param name="Case">The case.</param>
/// <param name="Findings">Its review findings now (dismissed or not), empty when it looks sound.</param>
/// <param name="History">Its history of changes, oldest first: each field's old and new value, who and when.</param>
/// <param name="Actions">The moderator actions that touched it, oldest first.</param>
/// <param name="Today">The day the waits and findings were judged on.</param>
public sealed record CaseReview(
    Cases.Case Case, IReadOnlyList<ReviewFinding> Findings, IReadOnlyList<Cases.CaseHistoryEntry> History, IReadOnlyList<ModerationLogEntry> Actions, DateOnly Today);
