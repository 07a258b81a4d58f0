using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Nexus.Bot.Commands.Mod;

/// <summary>A removal waiting for its Confirm button.</summary>
/// <param name="GuildId">The server.</param>
/// <param name="ModeratorId">Who asked.</param>
/// <param name="CaseNumber">The case to remove.</param>
/// <param name="Reason">The moderator's reason.</param>
/// <param name="ExpiresAt">When the confirmation stops working (the interaction token's 15 minutes).</param>
public sealed record PendingRemoval(ulong GuildId, ulong ModeratorId, long CaseNumber, string Reason, DateTimeOffset ExpiresAt);

/// <summary>
/// Removals asked for and not yet confirmed, by a short random key that the Confirm button carries. The
/// reason can be long, and a custom id holds 100 characters, so it waits here. In memory: a button pressed
/// after a restart, or on another instance sharing the database, says the confirmation expired.
/// </summary>
public sealed class PendingRemovals(TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    private readonly ConcurrentDictionary<string, PendingRemoval> _pending = new(StringComparer.Ordinal);

    /// <summary>Keeps the removal and returns its key.</summary>
    public string Add(ulong guildId, ulong moderatorId, long caseNumber, string reason)
    {
        var now = time.GetUtcNow();
        foreach (var (key, old) in _pending)
        {
            if (old.ExpiresAt <= now)
            {
                _pending.TryRemove(key, out _);
            }
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        _pending[id] = new PendingRemoval(guildId, moderatorId, caseNumber, reason, now + Lifetime);
        return id;
    }

    /// <summary>Takes the removal out (a confirmation works once), or null when unknown or expired.</summary>
    public PendingRemoval? Take(string key) =>
        _pending.TryRemove(key, out var pending) && pending.ExpiresAt > time.GetUtcNow() ? pending : null;
}
