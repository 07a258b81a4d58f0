using Nexus.Bot.Localization;
using Nexus.Domain.Statistics;

namespace Nexus.Bot.Commands.Stats;

/// <summary>
/// Rendered <c>/stats</c> charts, kept per server, data version, filter and day, so a warm <c>/stats</c>
/// sends bytes it already has and never draws again. Bounded: at most <see cref="Capacity"/> charts and
/// <see cref="MaxBytes"/> bytes, the least recently used dropped first. Requests for the same chart while
/// it is being drawn share that drawing.
/// </summary>
/// <remarks>
/// A new data version or a new day makes a new key, so a stale chart is never served; old keys simply age
/// out. The figures' own cache lives in <see cref="StatsService"/>: this one only holds pictures of reports.
/// </remarks>
public sealed class StatsChartCache(StatsChart chart)
{
    /// <summary>How many charts are kept at most.</summary>
    public const int Capacity = 128;

    /// <summary>How many bytes of PNG are kept at most (about 150 typical charts).</summary>
    public const long MaxBytes = 16L * 1024 * 1024;

    private readonly Dictionary<Key, LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recent = new();
    private readonly Lock _lock = new();
    private long _bytes;

    /// <summary>How many charts are held (for tests and the benchmark).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>How many charts were drawn since start (a warm request adds none).</summary>
    public int Rendered => Volatile.Read(ref _rendered);

    private int _rendered;

    /// <summary>
    /// The chart of <paramref name="report"/> for server <paramref name="guildId"/>: from the cache, or drawn
    /// now and kept. Null when charts can't be drawn here (the caller shows the text trend).
    /// </summary>
    public byte[]? GetOrRender(ulong guildId, StatsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var key = new Key(guildId, report.Version, report.Filter, report.Today, Languages.Current.Name);
        Lazy<byte[]?> drawing;
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _recent.Remove(node);
                _recent.AddFirst(node);
                drawing = node.Value.Png;
            }
            else
            {
                drawing = new Lazy<byte[]?>(() => Draw(report), LazyThreadSafetyMode.ExecutionAndPublication);
                _entries[key] = _recent.AddFirst(new Entry(key, drawing));
            }
        }

        var png = drawing.Value;
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node) && ReferenceEquals(node.Value.Png, drawing) && !node.Value.Counted)
            {
                if (png is null)
                {
                    // Nothing to keep: charts are off, or this one failed; the next request may try again.
                    Drop(node);
                }
                else
                {
                    node.Value.Counted = true;
                    node.Value.Size = png.Length;
                    _bytes += png.Length;
                    Trim();
                }
            }
        }

        return png;
    }

    private byte[]? Draw(StatsReport report)
    {
        var png = chart.Render(report);
        if (png is not null)
        {
            Interlocked.Increment(ref _rendered);
        }

        return png;
    }

    private void Trim()
    {
        while ((_entries.Count > Capacity || _bytes > MaxBytes) && _recent.Last is { } oldest && _entries.Count > 1)
        {
            Drop(oldest);
        }
    }

    private void Drop(LinkedListNode<Entry> node)
    {
        _recent.Remove(node);
        _entries.Remove(node.Value.Key);
        _bytes -= node.Value.Size;
    }

    // The language is part of the key: a French server and an English one draw different labels.
    private readonly record struct Key(ulong GuildId, long Version, AppliedFilter Filter, DateOnly Day, string Language);

    private sealed class Entry(Key key, Lazy<byte[]?> png)
    {
        public Key Key { get; } = key;

        public Lazy<byte[]?> Png { get; } = png;

        public bool Counted { get; set; }

        public long Size { get; set; }
    }
}
