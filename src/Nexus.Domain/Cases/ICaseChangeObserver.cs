namespace Nexus.Domain.Cases;

/// <summary>A milestone a member recorded, as the feed needs it: no owner, no id, no name.</summary>
/// <param name="GuildId">The server.</param>
/// <param name="Before">The case before the change.</param>
/// <param name="After">The case after the change.</param>
/// <param name="Milestone">The milestone the member recorded.</param>
/// <param name="Today">The day it was recorded (UTC).</param>
public sealed record MilestoneRecorded(ulong GuildId, CaseFacts Before, CaseFacts After, MilestoneInput Milestone, DateOnly Today);

/// <summary>
/// Told by <see cref="CaseService"/> after a milestone update has been saved, so the bot can post it to the
/// server's feed channel. Called on the member's request path: implementations hand the news off (e.g. to a
/// queue) and return at once, and must not throw.
/// </summary>
public interface ICaseChangeObserver
{
    /// <summary>A milestone update was saved.</summary>
    ValueTask MilestoneRecordedAsync(MilestoneRecorded change, CancellationToken cancellationToken);
}
