using Nexus.Bot.Localization;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Models;
using Nexus.Domain.Cases;
using Nexus.Domain.Common;
using Nexus.Domain.Moderation;
using Nexus.Domain.Settings;
using Nexus.Domain.Statistics;

namespace Nexus.Bot.Commands.MyCase;

/// <summary>
/// Turns a case into the ephemeral <c>/mycase</c> reply: asks statistics for the estimate of its next
/// milestone and builds the case embed. Shared by every subcommand that ends by showing the case.
/// </summary>
public sealed class CaseView(StatsService stats, EnrolmentCentres centres, ServerCalendar calendar)
{
    /// <summary>Today in the server's time zone: the day dates like "today" mean and the rules check against.</summary>
    public ValueTask<DateOnly> TodayAsync(ulong guildId, CancellationToken cancellationToken) => calendar.TodayAsync(guildId, cancellationToken);

    /// <summary>The reply showing <paramref name="shown"/>, with an optional first line saying what just changed.</summary>
    public async Task<InteractionMessage> RenderAsync(Case shown, string owner, string? note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shown);
        var estimate = await stats.EstimateAsync(shown.GuildId, shown.ToFacts(), cancellationToken);
        var today = await TodayAsync(shown.GuildId, cancellationToken);
        return new InteractionMessage
        {
            Content = note,
            Embeds = [CaseEmbed.Build(shown, estimate, today, owner, centres)],
            Ephemeral = true,
        };
    }

    /// <summary>The reply to a change of the member's own case: the case with a note, or the rule it broke, ephemerally.</summary>
    public async Task<InteractionResult> ReplyAsync(Result<Case> result, Func<Case, string> note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(note);
        return result.IsSuccess
            ? InteractionResult.Reply(await RenderAsync(result.Value, Strings.Case_YourCase, note(result.Value), cancellationToken))
            : CaseFailure.From(result.Error!);
    }

    /// <summary>
    /// The member's notices not shown yet (what moderators did to their case), each on its own line ending in a line
    /// break, ready to precede the reply's text; null when there are none. Taking them marks them shown.
    /// </summary>
    public static async Task<string?> NoticesAsync(ModerationService moderation, ulong guildId, ulong memberId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moderation);
        var notices = await moderation.TakeNoticesAsync(guildId, memberId, cancellationToken);
        return notices.Count == 0 ? null : string.Concat(notices.Select(n => Text.Format(Strings.Notice_FromModerators, NoticeText.Of(n)) + "\n"));
    }

    /// <summary>A member's name as plain text: server nickname, else display name, else username. Never a mention.</summary>
    public static string DisplayName(GuildMember? member, User? user) =>
        member?.Nick ?? user?.GlobalName ?? member?.User?.GlobalName ?? user?.Username ?? member?.User?.Username ?? Strings.Case_AMember;
}
