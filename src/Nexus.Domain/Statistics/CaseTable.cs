using System.Runtime.InteropServices;
using Nexus.Domain.Cases;

namespace Nexus.Domain.Statistics;

/// <summary>
/// One server's cases as the statistics need them, compactly: one array of 40-byte entries sorted by case id
/// (no object per case), centres as small indexes into a shared list. A million cases take about 40 MB, and
/// a change is applied in place, so the statistics read the database only for what changed.
/// </summary>
/// <remarks>
/// Not thread-safe: the owner (<see cref="StatsService"/>) applies changes and computes under one lock per server.
/// A removed case leaves a hole that the next computations skip; the holes are squeezed out once they are a
/// quarter of the array, so a removal costs O(log n) and the table never holds more than a third of dead space.
/// </remarks>
public sealed class CaseTable : IStatsCaseSink
{
    // A hole: no case of this type exists.
    private const byte Dead = byte.MaxValue;

    private Entry[] _entries;
    private int _length;
    private int _dead;
    private readonly List<string> _centres = [];
    private readonly Dictionary<string, short> _centreIndex = new(StringComparer.Ordinal);

    /// <summary>An empty table with room for <paramref name="capacity"/> cases before it grows.</summary>
    public CaseTable(int capacity = 16) => _entries = new Entry[Math.Max(capacity, 16)];

    /// <summary>How many cases the table holds.</summary>
    public int Count => _length - _dead;

    /// <summary>The cases held, in id order (for tests and tools; the statistics read the entries directly).</summary>
    public IEnumerable<StatsCaseRow> Rows
    {
        get
        {
            for (var i = 0; i < _length; i++)
            {
                var e = _entries[i];
                if (e.Type != Dead)
                {
                    yield return new StatsCaseRow(e.Id, (ApplicationType)e.Type, (ApplicantStatus)e.ApplicantStatus, e.Centre < 0 ? null : _centres[e.Centre], e.Days, e.ExcludedStages);
                }
            }
        }
    }

    /// <summary>A table of <paramref name="cases"/>, numbered by their position (for callers that hold cases, not rows).</summary>
    public static CaseTable From(IReadOnlyList<CaseFacts> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var table = new CaseTable(cases.Count);
        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            table.Upsert(new StatsCaseRow(i, c.Type, c.Status, c.CentreCode, CaseDays.From(c.Timeline), c.ExcludedStages));
        }

        return table;
    }

    /// <inheritdoc />
    public void Clear(int expectedCount)
    {
        // Sized once for a whole-server read: growing by doubling to a million entries would allocate twice
        // the final 40 MB on the way, and hold 60 MB at the last step. A sixteenth more leaves room for new cases.
        if (expectedCount > _entries.Length)
        {
            _entries = new Entry[expectedCount + (expectedCount / 16)];
        }

        _length = 0;
        _dead = 0;
        _centres.Clear();
        _centreIndex.Clear();
    }

    /// <inheritdoc />
    public void Upsert(in StatsCaseRow row)
    {
        var entry = new Entry(row.Id, (byte)row.Type, Entry.PackStatus(row.Status, row.ExcludedStages), CentreIndex(row.CentreCode), row.Days);

        // Ids are handed out in increasing order, so a new case nearly always goes at the end.
        if (_length == 0 || _entries[_length - 1].Id < row.Id)
        {
            Grow();
            _entries[_length++] = entry;
            return;
        }

        var at = Find(row.Id);
        if (at >= 0)
        {
            if (_entries[at].Type == Dead)
            {
                _dead--;
            }

            _entries[at] = entry;
            return;
        }

        // An id below the largest held that is new to the table (a database that reused the id of a deleted
        // case): shift the tail by one. Rare, and one memory move even at a million cases.
        at = ~at;
        Grow();
        Array.Copy(_entries, at, _entries, at + 1, _length - at);
        _entries[at] = entry;
        _length++;
    }

    /// <inheritdoc />
    public void Remove(long id)
    {
        var at = Find(id);
        if (at < 0 || _entries[at].Type == Dead)
        {
            return;
        }

        _entries[at].Type = Dead;
        _dead++;
        if (_dead > 64 && _dead * 4 > _length)
        {
            Compact();
        }
    }

    /// <summary>The entries, holes included (their <see cref="Entry.Type"/> is <see cref="Dead"/>, no application type): what the calculator scans.</summary>
    internal ReadOnlySpan<Entry> Entries => _entries.AsSpan(0, _length);

    /// <summary>The centre codes the entries index into.</summary>
    internal IReadOnlyList<string> Centres => _centres;

    private int Find(long id)
    {
        var lo = 0;
        var hi = _length - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var at = _entries[mid].Id;
            if (at == id)
            {
                return mid;
            }

            if (at < id)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }

    private void Grow()
    {
        if (_length == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }
    }

    private void Compact()
    {
        var kept = 0;
        for (var i = 0; i < _length; i++)
        {
            if (_entries[i].Type != Dead)
            {
                _entries[kept++] = _entries[i];
            }
        }

        _length = kept;
        _dead = 0;
    }

    private short CentreIndex(string? code)
    {
        if (code is null)
        {
            return -1;
        }

        if (_centreIndex.TryGetValue(code, out var index))
        {
            return index;
        }

        // A few dozen real centres; the cap only guards the entry's 16 bits against a store full of junk codes.
        if (_centres.Count == short.MaxValue)
        {
            throw new InvalidOperationException($"A server has more than {short.MaxValue} distinct centre codes.");
        }

        index = (short)_centres.Count;
        _centres.Add(code);
        _centreIndex[code] = index;
        return index;
    }

    /// <summary>One case: 40 bytes, no references.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Entry(long id, byte type, byte status, short centre, CaseDays days)
    {
        /// <summary>The bits of <see cref="Status"/> that hold the applicant status (five values); the rest hold the excluded stages.</summary>
        public const byte StatusMask = 0b111;

        public long Id = id;
        public CaseDays Days = days;
        public short Centre = centre;
        public byte Type = type;

        /// <summary>The applicant status in the low three bits, the excluded stages' five bits above: one byte keeps the entry at 40 bytes.</summary>
        public byte Status = status;

        public readonly int ApplicantStatus => Status & StatusMask;

        public readonly StageSet ExcludedStages => new(Status >> 3);

        public static byte PackStatus(ApplicantStatus status, StageSet excluded) => (byte)((int)status | (excluded.Bits << 3));
    }
}
