namespace Nexus.Discord.Dispatch;

/// <summary>
/// The ids of recently dispatched interactions, so an interaction delivered twice (e.g. replayed after a
/// gateway resume) is answered once. Bounded: the oldest ids are forgotten first, which is safe because an
/// interaction's token dies after 15 minutes and replays come within seconds.
/// </summary>
public sealed class RecentInteractionIds
{
    private readonly Lock _lock = new();
    private readonly HashSet<ulong> _ids = [];
    private readonly Queue<ulong> _order = new();
    private readonly int _capacity;

    /// <summary>Creates the set.</summary>
    /// <param name="capacity">How many ids to remember.</param>
    public RecentInteractionIds(int capacity = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    /// <summary>True the first time an id is seen; false for a repeat.</summary>
    public bool TryAdd(ulong id)
    {
        lock (_lock)
        {
            if (!_ids.Add(id))
            {
                return false;
            }

            _order.Enqueue(id);
            if (_order.Count > _capacity)
            {
                _ids.Remove(_order.Dequeue());
            }

            return true;
        }
    }
}
