using System.Collections.Concurrent;
using Nexus.Domain.Cases;

namespace Nexus.Domain.Statistics;

/// <summary>
/// Serves statistics per server from a cache of computed snapshots, one per filter combination.
/// </summary>
/// <remarks>
/// <para>Warm path: one cheap <see cref="IStatsSource.GetGuildVersionAsync"/> and a dictionary lookup. The
/// version changes on every write to the server, by this instance or by another one sharing the database,
/// so a snapshot is never served after a write it has not seen. A snapshot also belongs to one "today":
/// waits grow every day, so a new day discards it.</para>
/// <para>Cold path: <see cref="IStatsSource.LoadGuildCasesAsync"/> and one linear computation. Concurrent
/// requests for the same server and filter share one computation. A requester's cancellation stops its
/// own wait, not the shared computation, which others may still need.</para>
/// <para>Memory: at most <c>maxSnapshotsPerServer</c> filter combinations per server, least recently used
/// dropped first. Snapshots keep per-day curves, not cases.</para>
/// </remarks>
public sealed class StatsService
{
    /// <summary>The default cap on cached filter combinations per server.</summary>
    public const int DefaultMaxSnapshotsPerServer = 64;

    private readonly IStatsSource _source;
    private readonly TimeProvider _time;
    private readonly int _maxSnapshotsPerServer;
    private readonly ConcurrentDictionary<ulong, ServerCache> _servers = new();

    /// <summary>Creates the service over a source of cases and a clock that says what "today" is (UTC).</summary>
    /// <param name="source">Where cases and versions come from.</param>
    /// <param name="timeProvider">The clock; "today" is its UTC date.</param>
    /// <param name="maxSnapshotsPerServer">How many filter combinations to keep per server.</param>
    public StatsService(IStatsSource source, TimeProvider timeProvider, int maxSnapshotsPerServer = DefaultMaxSnapshotsPerServer)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSnapshotsPerServer, 1);
        _source = source;
        _time = timeProvider;
        _maxSnapshotsPerServer = maxSnapshotsPerServer;
    }

    /// <summary>Today's date (UTC), as the statistics see it.</summary>
    public DateOnly Today => DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);

    /// <summary>The statistics of a server for a filter (<see cref="StatsFilter.Default"/> for none).</summary>
    public async Task<StatsReport> GetStatsAsync(ulong guildId, StatsFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var snapshot = await GetSnapshotAsync(guildId, filter, Today, cancellationToken);
        return snapshot.Report;
    }

    /// <summary>The estimate for the next milestone of <paramref name="myCase"/>, from the server's comparable cases.</summary>
    public async Task<CaseEstimate> EstimateAsync(ulong guildId, CaseFacts myCase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(myCase);
        var today = Today;
        var position = CasePosition.Of(myCase.Timeline, today);
        if (position.Stage is not { } stage || position.Kind != EstimateKind.Estimated)
        {
            return position.WithoutData();
        }

        // Both at once, so that when both are cold they share one load of the server's cases.
        var sameStatus = GetSnapshotAsync(guildId, new StatsFilter(myCase.Type, myCase.Status), today, cancellationToken);
        var sameType = GetSnapshotAsync(guildId, new StatsFilter(myCase.Type), today, cancellationToken);
        await Task.WhenAll(sameStatus, sameType);
        return position.From((await sameStatus).Curve(stage), (await sameType).Curve(stage), today);
    }

    private async Task<StatsSnapshot> GetSnapshotAsync(ulong guildId, StatsFilter filter, DateOnly today, CancellationToken cancellationToken)
    {
        var key = filter.Resolve(today);
        var version = await _source.GetGuildVersionAsync(guildId, cancellationToken);
        var server = _servers.GetOrAdd(guildId, static (_, capacity) => new ServerCache(capacity), _maxSnapshotsPerServer);
        var entry = server.GetOrAdd(version, today, key, () => ComputeAsync(server, guildId, filter, today, version));
        try
        {
            return await entry.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (entry.IsValueCreated && entry.Value.IsFaulted)
        {
            // A failed load must not stay cached: the next request tries again.
            server.Remove(key, entry);
            throw;
        }
    }

    private async Task<StatsSnapshot> ComputeAsync(ServerCache server, ulong guildId, StatsFilter filter, DateOnly today, long expectedVersion)
    {
        // Not the requester's token: the computation is shared by everyone asking for this key.
        var loaded = await server.LoadSharedAsync(() => _source.LoadGuildCasesAsync(guildId, CancellationToken.None));
        if (loaded.Version != expectedVersion)
        {
            // The shared load read another version than the one this request checked (it began before a
            // write this request has seen, or a write came in between); its cases may be older than the
            // version the snapshot is filed under, so read again on our own.
            loaded = await _source.LoadGuildCasesAsync(guildId, CancellationToken.None);
        }

        return StatsCalculator.ComputeSnapshot(loaded.Cases, filter, today, loaded.Version);
    }

    /// <summary>One server's snapshots, valid for one version and one day; a small LRU map under a lock.</summary>
    private sealed class ServerCache(int capacity)
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<AppliedFilter, LinkedListNode<(AppliedFilter Key, Lazy<Task<StatsSnapshot>> Entry)>> _map = [];
        private readonly LinkedList<(AppliedFilter Key, Lazy<Task<StatsSnapshot>> Entry)> _recency = new();
        private long _version;
        private DateOnly _day;
        private Task<(long Version, IReadOnlyList<CaseFacts> Cases)>? _loading;

        /// <summary>
        /// Joins the load in flight for this server, or starts one. Cold computations for different filters
        /// that overlap (such as the two behind an estimate) then read the cases once. The load is forgotten
        /// as soon as it completes, so the cases are never kept beyond the computations that use them.
        /// </summary>
        public Task<(long Version, IReadOnlyList<CaseFacts> Cases)> LoadSharedAsync(Func<Task<(long Version, IReadOnlyList<CaseFacts> Cases)>> load)
        {
            lock (_gate)
            {
                if (_loading is { } inFlight)
                {
                    return inFlight;
                }

                // On the thread pool, so the source is never called under the lock.
                var task = Task.Run(load);
                _loading = task;
                _ = task.ContinueWith(
                    done =>
                    {
                        lock (_gate)
                        {
                            if (ReferenceEquals(_loading, done))
                            {
                                _loading = null;
                            }
                        }
                    },
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
                return task;
            }
        }

        public Lazy<Task<StatsSnapshot>> GetOrAdd(long version, DateOnly day, AppliedFilter key, Func<Task<StatsSnapshot>> compute)
        {
            lock (_gate)
            {
                if (version != _version || day != _day)
                {
                    _map.Clear();
                    _recency.Clear();
                    _version = version;
                    _day = day;
                }

                if (_map.TryGetValue(key, out var node))
                {
                    _recency.Remove(node);
                    _recency.AddFirst(node);
                    return node.Value.Entry;
                }

                // Lazy, so the computation starts outside the lock, once, on the first await.
                var entry = new Lazy<Task<StatsSnapshot>>(compute, LazyThreadSafetyMode.ExecutionAndPublication);
                _map[key] = _recency.AddFirst((key, entry));
                if (_map.Count > capacity)
                {
                    var oldest = _recency.Last!;
                    _recency.RemoveLast();
                    _map.Remove(oldest.Value.Key);
                }

                return entry;
            }
        }

        public void Remove(AppliedFilter key, Lazy<Task<StatsSnapshot>> entry)
        {
            lock (_gate)
            {
                if (_map.TryGetValue(key, out var node) && ReferenceEquals(node.Value.Entry, entry))
                {
                    _recency.Remove(node);
                    _map.Remove(key);
                }
            }
        }
    }
}
