using System.Globalization;
using Nexus.Domain.Statistics;

namespace Nexus.Domain.Moderation;

/// <summary>
/// What a member is told about a moderator's action on their case: once, on their next <c>/mycase show</c> or
/// <c>/mycase start</c>, and by direct message when the bot can send one. Written in the same transaction as
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
    long Id, ulong GuildId, ulong MemberId, long ActionId, ModerationAction Action, long CaseNumber, StageSet Stages, string? Reason, DateTimeOffset At)
{
    /// <summary>
    /// The sentence the member reads, e.g. "On 2 December 2026 a moderator left the Interview → approved wait of
    /// your case #12 out of this server's statistics (reason: …). The rest of your case still counts."
    /// </summary>
    public string Text()
    {
        var on = WaitText.Date(DateOnly.FromDateTime(At.UtcDateTime));
        var number = CaseNumber.ToString(CultureInfo.InvariantCulture);
        var reason = Reason is null ? string.Empty : $" (reason: {Reason})";
        if (Action == ModerationAction.Remove)
        {
            return $"On {on} a moderator removed your case #{number}{reason}. You can start a new one with `/mycase start`.";
        }

        return Stages.IsEmpty
            ? $"On {on} a moderator left your case #{number} out of this server's statistics{reason}. It is still yours: you can keep it up to date."
            : $"On {on} a moderator left the {Stages.Display()} {(Stages.Count == 1 ? "wait" : "waits")} of your case #{number} out of this server's statistics{reason}. "
              + "Check those dates with `/mycase show`; the rest of your case still counts.";
    }
}

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
