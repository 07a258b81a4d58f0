using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Nexus.Bot.Hosting;

/// <summary>
/// Stable fake Discord ids for names typed locally: the shell's <c>:server NAME</c> and <c>:user NAME</c>,
/// and <c>stats --server NAME</c>. The same name always gives the same id (case-insensitively), so a shell
/// session and a later <c>stats --json --server NAME</c> read the same server's cases.
/// </summary>
internal static class LocalIds
{
    /// <summary>The server the shell starts in, and the one <c>stats --json</c> reads without <c>--server</c>.</summary>
    public const string DefaultServer = "local";

    /// <summary>The member the shell acts as until <c>:user</c>.</summary>
    public const string DefaultUser = "you";

    /// <summary>The id of the server called <paramref name="name"/>.</summary>
    public static ulong Server(string name) => FromName("server", name);

    /// <summary>The id of the member called <paramref name="name"/>.</summary>
    public static ulong User(string name) => FromName("user", name);

    /// <summary>The id of a channel, role or other object named in the shell.</summary>
    public static ulong Other(string kind, string name) => FromName(kind, name);

    /// <summary>The name an id was made from in this process (a member, role or channel typed in the shell), or null.</summary>
    public static string? NameOf(ulong id) => Names.TryGetValue(id, out var name) ? name : null;

    // Ids are one-way hashes; the shell shows mentions by name, so remember the names it has turned into ids.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<ulong, string> Names = new();

    private static ulong FromName(string kind, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(kind + ":" + name.Trim().ToLowerInvariant()));
        // Real snowflakes from recent years lie between 2^59 and 2^61 (a timestamp in the top 42 bits), and
        // storage keeps ids below 2^63: 59 hash bits above 2^59 fit both.
        var id = (BinaryPrimitives.ReadUInt64LittleEndian(bytes) >> 5) | (1UL << 59);
        Names.TryAdd(id, name.Trim());
        return id;
    }
}
