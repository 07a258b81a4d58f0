using System.Collections.Concurrent;

namespace Nexus.Domain.Settings;

/// <summary>
/// Each server's calendar: its time zone (set by its moderators, <see cref="DefaultTimeZoneId"/> until then)
/// and so which date "today" is there. Members of a server mostly live in one region, and a milestone
/// recorded at 9 PM belongs to that evening's date, not to the next day's date in UTC. "today" and
/// "yesterday", the future-date rule, the day statistics and estimates are computed for and "time so far"
/// all read it.
/// </summary>
/// <remarks>
/// A server's zone is read from its settings at most once a <see cref="CacheFor"/> per process (every
/// command needs it, often twice), and forgotten at once when this process changes it; another instance
/// sharing the database sees a change within that time.
/// </remarks>
public sealed class ServerCalendar
{
    /// <summary>The zone of a server that has not chosen one: Eastern time, where most NEXUS applicants live.</summary>
    public const string DefaultTimeZoneId = "America/Toronto";

    /// <summary>How long a server's zone is kept before its settings are read again.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

    private readonly IGuildSettingsRepository? _settings;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<ulong, (TimeZoneInfo Zone, long ReadAt)> _zones = new();

    /// <summary>The calendar of every server, from their settings.</summary>
    /// <param name="settings">Where each server's zone is kept; null for a calendar where every server uses the default zone.</param>
    /// <param name="time">The clock.</param>
    public ServerCalendar(IGuildSettingsRepository? settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _settings = settings;
        _time = time;
    }

    /// <summary>The default zone, <see cref="DefaultTimeZoneId"/>.</summary>
    public static TimeZoneInfo DefaultTimeZone { get; } = TimeZoneInfo.FindSystemTimeZoneById(DefaultTimeZoneId);

    /// <summary>The server's time zone.</summary>
    public async ValueTask<TimeZoneInfo> TimeZoneAsync(ulong guildId, CancellationToken cancellationToken)
    {
        if (_settings is null)
        {
            return DefaultTimeZone;
        }

        if (_zones.TryGetValue(guildId, out var kept) && _time.GetElapsedTime(kept.ReadAt) < CacheFor)
        {
            return kept.Zone;
        }

        var readAt = _time.GetTimestamp();
        var saved = (await _settings.GetAsync(guildId, cancellationToken))?.TimeZoneId;

        // A zone that this machine no longer knows (tzdata changed) must not stop the server's commands.
        var zone = saved is not null && TryFindZone(saved, out var found) ? found : DefaultTimeZone;
        _zones[guildId] = (zone, readAt);
        return zone;
    }

    /// <summary>Today's date in the server's time zone.</summary>
    public async ValueTask<DateOnly> TodayAsync(ulong guildId, CancellationToken cancellationToken) =>
        DayOf(_time.GetUtcNow(), await TimeZoneAsync(guildId, cancellationToken));

    /// <summary>Drops the kept zone of a server whose settings just changed, so the next command reads them.</summary>
    public void Forget(ulong guildId) => _zones.TryRemove(guildId, out _);

    /// <summary>The date of <paramref name="instant"/> in <paramref name="zone"/>.</summary>
    public static DateOnly DayOf(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
    }

    /// <summary>
    /// Finds an IANA time zone by name ("America/Vancouver"), ignoring case; false for anything else,
    /// Windows names included, so what is stored reads the same on every platform.
    /// </summary>
    public static bool TryFindZone(string? name, out TimeZoneInfo zone)
    {
        zone = null!;
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 64)
        {
            return false;
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(trimmed, out var found))
        {
            // Zone names are file names on Linux, so an exact lookup is case-sensitive there.
            var id = TimeZoneInfo.GetSystemTimeZones().FirstOrDefault(z => string.Equals(z.Id, trimmed, StringComparison.OrdinalIgnoreCase))?.Id;
            if (id is null || !TimeZoneInfo.TryFindSystemTimeZoneById(id, out found))
            {
                return false;
            }
        }

        if (!found.HasIanaId && !(found.Id is "UTC" or "Etc/UTC"))
        {
            return false;
        }

        zone = found;
        return true;
    }
}
