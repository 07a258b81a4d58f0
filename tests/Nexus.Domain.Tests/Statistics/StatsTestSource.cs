using Nexus.Domain.Cases;
using Nexus.Domain.Statistics;

namespace Nexus.Domain.Tests.Statistics;

/// <summary>
/// Stands in for the shared database: cases and a version per server, bumped on every write. Several
/// <see cref="StatsService"/> objects over one source behave like bot instances over one SQL Server.
/// </summary>
internal sealed class StatsTestSource : IStatsSource
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ulong, List<CaseFacts>> _cases = [];
    private readonly Dictionary<ulong, long> _versions = [];
    private readonly Dictionary<ulong, Dictionary<long, int>> _countAt = [];
    private readonly List<long?> _readsSince = [];
    private readonly List<(Func<bool> Reached, TaskCompletionSource Done)> _waiters = [];
    private int _loads;
    private int _versionReads;

    /// <summary>When set, loads wait for it, so a test can pile up concurrent requests.</summary>
    public TaskCompletionSource? LoadGate { get; set; }

    /// <summary>When set, the next load throws this once.</summary>
    public Exception? FailNextLoad { get; set; }

    public int Loads => Volatile.Read(ref _loads);

    public int VersionReads => Volatile.Read(ref _versionReads);

    /// <summary>Completes once <see cref="VersionReads"/> reaches <paramref name="count"/>; fails after 10 s.</summary>
    public Task VersionReadsReached(int count) => Reached(() => VersionReads >= count);

    /// <summary>Completes once <see cref="Loads"/> reaches <paramref name="count"/>; fails after 10 s.</summary>
    public Task LoadsReached(int count) => Reached(() => Loads >= count);

    private Task Reached(Func<bool> condition)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiters.Add((condition, done));
        }

        Signal();
        return done.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    // Called after every count changes: completes the waits whose condition now holds.
    private void Signal()
    {
        lock (_gate)
        {
            foreach (var waiter in _waiters.Where(w => w.Reached()).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Done.SetResult();
            }
        }
    }

    public void Write(ulong guildId, params CaseFacts[] cases)
    {
        lock (_gate)
        {
            if (!_cases.TryGetValue(guildId, out var list))
            {
                _cases[guildId] = list = [];
            }

            list.AddRange(cases);
            var version = _versions[guildId] = _versions.GetValueOrDefault(guildId) + 1;
            if (!_countAt.TryGetValue(guildId, out var counts))
            {
                _countAt[guildId] = counts = new() { [0] = 0 };
            }

            counts[version] = list.Count;
        }
    }

    public Task<long> GetGuildVersionAsync(ulong guildId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _versionReads);
        Signal();
        lock (_gate)
        {
            return Task.FromResult(_versions.GetValueOrDefault(guildId));
        }
    }

    /// <summary>What each read was asked for: the version the reader held, or null for none.</summary>
    public IReadOnlyList<long?> ReadsSince
    {
        get
        {
            lock (_gate)
            {
                return [.. _readsSince];
            }
        }
    }

    /// <summary>
    /// Answers with the changes since <paramref name="changedSince"/> when it can (cases are only ever added
    /// here, so the changes are the cases added since), and with everything otherwise, like the database.
    /// </summary>
    public async Task<long> ReadCasesAsync(ulong guildId, long? changedSince, IStatsCaseSink sink, CancellationToken cancellationToken)
    {
        // The read happens when it starts, like a database snapshot; the gate only delays the answer.
        long version;
        List<(int Index, CaseFacts Facts)> rows;
        var whole = changedSince is null;
        lock (_gate)
        {
            _readsSince.Add(changedSince);
            version = _versions.GetValueOrDefault(guildId);
            var all = _cases.TryGetValue(guildId, out var list) ? list : [];
            var from = whole ? 0 : _countAt[guildId].GetValueOrDefault(changedSince!.Value);
            rows = [.. all.Skip(from).Select((c, i) => (from + i, c))];
        }

        // Counted once the read is done, so a test that waits for a load knows what it read.
        Interlocked.Increment(ref _loads);
        Signal();

        if (LoadGate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        if (FailNextLoad is { } failure)
        {
            FailNextLoad = null;
            throw failure;
        }

        if (whole)
        {
            sink.Clear(rows.Count);
        }

        foreach (var (index, facts) in rows)
        {
            sink.Upsert(new StatsCaseRow(index, facts.Type, facts.Status, facts.CentreCode, CaseDays.From(facts.Timeline)));
        }

        return version;
    }
}
