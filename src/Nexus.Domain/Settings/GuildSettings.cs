namespace Nexus.Domain.Settings;

/// <summary>Per-server settings chosen by the server's administrators.</summary>
/// <param name="GuildId">The server.</param>
/// <param name="ModeratorRoleId">The role whose members may moderate cases, when set.</param>
/// <param name="FeedChannelId">The channel where milestone news is posted, when set.</param>
/// <param name="TimeZoneId">The server's IANA time zone, when chosen (see <see cref="ServerCalendar"/>).</param>
public sealed record GuildSettings(ulong GuildId, ulong? ModeratorRoleId = null, ulong? FeedChannelId = null, string? TimeZoneId = null);

/// <summary>Where per-server settings are kept.</summary>
public interface IGuildSettingsRepository
{
    /// <summary>The server's settings, or null when none were saved yet.</summary>
    Task<GuildSettings?> GetAsync(ulong guildId, CancellationToken cancellationToken);

    /// <summary>Saves the server's settings, replacing any saved before.</summary>
    Task UpsertAsync(GuildSettings settings, CancellationToken cancellationToken);
}
