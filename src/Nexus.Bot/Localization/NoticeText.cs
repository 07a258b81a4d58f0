using Nexus.Domain.Moderation;
using Nexus.Domain.Statistics;

namespace Nexus.Bot.Localization;

/// <summary>
/// What a member reads about a moderator's action on their case, in the current language: e.g. "On 2 December
/// 2026 a moderator left the Interview → approved wait of your case #12 out of this server's statistics".
/// </summary>
public static class NoticeText
{
    /// <summary>The sentence for <paramref name="notice"/>.</summary>
    public static string Of(MemberNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var on = Words.Date(DateOnly.FromDateTime(notice.At.UtcDateTime));
        var reason = notice.Reason is null ? string.Empty : Text.Format(Strings.Notice_Reason, notice.Reason);
        if (notice.Action == ModerationAction.Remove)
        {
            return Text.Format(Strings.Notice_Removed, on, notice.CaseNumber, reason);
        }

        return notice.Stages.IsEmpty
            ? Text.Format(Strings.Notice_Excluded, on, notice.CaseNumber, reason)
            : Text.Format(notice.Stages.Count == 1 ? Strings.Notice_StageExcluded : Strings.Notice_StagesExcluded, on, Stages(notice.Stages), notice.CaseNumber, reason);
    }

    /// <summary>Stage names joined for a sentence: "A, B and C" / "A, B et C".</summary>
    public static string Stages(StageSet stages)
    {
        var names = stages.Select(Names.Of).ToList();
        return names.Count <= 1
            ? string.Concat(names)
            : Text.Format(Strings.List_And, string.Join(", ", names[..^1]), names[^1]);
    }
}
