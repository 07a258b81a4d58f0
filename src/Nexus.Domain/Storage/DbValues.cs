namespace Nexus.Domain.Storage;

/// <summary>
/// How domain values are stored: Discord snowflakes as signed 64-bit integers (they stay below 2^63, and
/// SqlClient has no unsigned types), instants as Unix milliseconds UTC (identical in both providers).
/// </summary>
internal static class DbValues
{
    public static long Id(ulong id) => unchecked((long)id);

    public static long? Id(ulong? id) => id is { } value ? unchecked((long)value) : null;

    public static ulong FromId(long id) => unchecked((ulong)id);

    public static long Instant(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromInstant(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    /// <summary>An instant as it will read back, so a saved value equals a reloaded one.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset instant) => FromInstant(Instant(instant));
}
