namespace Nexus.Discord.Dispatch;

/// <summary>
/// The ids of recently dispatched interactions, so an interaction delivered twice (replayed after a gateway
/// resume, or a captured HTTP request sent again) is answered once. Each id is kept for the whole replay window:
/// over HTTP a signed timestamp stays acceptable for <c>Discord:TimestampToleranceSeconds</c>, so an id is
/// remembered until its request's timestamp is older than that, however many other interactions arrive in
/// between. Ids are kept in buckets by that timestamp (one per second) and whole buckets are dropped as they
/// leave the window, so memory follows the rate of interactions, with <c>capacity</c> as a hard bound.
/// </summary>
public sealed class RecentInteractionIds
{
    private readonly Lock _lock = new();
    private readonly HashSet<ulong> _ids = [];
    private readonly SortedDictionary<long, List<ulong>> _buckets = [];
    private readonly TimeProvider _time;
    private readonly long _windowSeconds;
    private readonly int _capacity;

    /// <summary>Creates the set.</summary>
    /// <param name="time">The clock that says what has left the window.</param>
    /// <param name="window">How long an id is kept after its timestamp (at least a second).</param>
    /// <param name="capacity">How many ids are kept at most, whatever the window: the oldest go first.</param>
    public RecentInteractionIds(TimeProvider time, TimeSpan window, int capacity)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.FromSeconds(1));
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _time = time;
        _windowSeconds = (long)Math.Ceiling(window.TotalSeconds);
        _capacity = capacity;
    }

    /// <summary>How many ids are remembered now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _ids.Count;
            }
        }
    }

    /// <summary>True the first time an id is seen within the window; false for a repeat.</summary>
    /// <param name="id">The interaction id.</param>
    /// <param name="timestamp">
    /// What the window is measured from: the signed timestamp of an HTTP request (a replay carries the
    /// original's), or when the interaction arrived.
    /// </param>
    public bool TryAdd(ulong id, DateTimeOffset timestamp)
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var oldest = now - _windowSeconds;
        lock (_lock)
        {
            while (_buckets.Count > 0 && _buckets.First() is { Key: var second, Value: var ids } && second < oldest)
            {
                Forget(second, ids);
            }

            if (!_ids.Add(id))
            {
                return false;
            }

            // A timestamp can only be outside the window by clock skew; keep such an id for the whole window.
            var bucket = Math.Clamp(timestamp.ToUnixTimeSeconds(), oldest, now + _windowSeconds);
            if (!_buckets.TryGetValue(bucket, out var list))
            {
                _buckets[bucket] = list = [];
            }

            list.Add(id);
            while (_ids.Count > _capacity && _buckets.First() is { Key: var second, Value: var ids })
            {
                Forget(second, ids);
            }

            return true;
        }
    }

    private void Forget(long second, List<ulong> ids)
    {
        _buckets.Remove(second);
        foreach (var old in ids)
        {
            _ids.Remove(old);
        }
    }
}
