using System.Collections.Concurrent;
using Nexus.Domain.Cases;
using Nexus.Domain.Common;

namespace Nexus.Domain.Statistics;

/// <summary>
/// Serves statistics per server from a cache of computed snapshots, one per filter combination.
/// </summary>
/// <remarks>
/// <para>Warm path: one cheap <see cref="IStatsSource.GetGuildVersionAsync"/> and a dictionary lookup. The
/// version changes on every write to the server, by this instance or by another one sharing the database,
/// so a snapshot is never served after a write it has not seen. A snapshot also belongs to one "today":
/// waits grow every day, so a new day discards it.</para>
/// <para>Cold path: the server's cases are brought up to date and one linear computation runs over them.
/// Each server's cases are kept in memory as a <see cref="CaseTable"/> (about 40 bytes a case): the first
/// request reads them all (<see cref="IStatsSource.ReadCasesAsync"/>), later ones read only the cases written
/// since, so a computation after a write costs a small query and a pass over the table rather than a read of
/// the whole server. Concurrent requests for the same server and filter share one computation. A
/// requester's cancellation stops its own wait, not the shared computation, which others may still need.</para>
/// <para>Memory: the case table of every server asked about since start, and at most
/// <c>maxSnapshotsPerServer</c> filter combinations per server, least recently used dropped first.
/// Snapshots keep per-day curves, not cases.</para>
/// <para>Large servers (<see cref="StatsFreshness"/>): a computation over a million cases takes tens of
/// milliseconds of CPU, so recomputing for every request after every write would let a busy server's
/// writes set the cost of its reads. There, a snapshot as of at most
/// <see cref="StatsFreshness.MaxStaleness"/> ago is served at once while one refresh per server runs in the
/// background, and requests with no such snapshot share one computation per filter. One write among fifty
/// thousand moves no figure that /stats shows.</para>
/// </remarks>
public sealed class StatsService
{
    /// <summary>The default cap on cached filter combinations per server.</summary>
    public const int DefaultMaxSnapshotsPerServer = 64;

    private readonly IStatsSource _source;
    private readonly TimeProvider _time;
    private readonly int _maxSnapshotsPerServer;
    private readonly StatsFreshness _freshness;
    private readonly ConcurrentDictionary<ulong, ServerCache> _servers = new();
    private int _computations;

    /// <summary>Creates the service over a source of cases and a clock that says what "today" is (UTC).</summary>
    /// <param name="source">Where cases and versions come from.</param>
    /// <param name="timeProvider">The clock; "today" is its UTC date.</param>
    /// <param name="maxSnapshotsPerServer">How many filter combinations to keep per server.</param>
    /// <param name="freshness">How late a large server's figures may be; <see cref="StatsFreshness.Exact"/> (never late) when null.</param>
    public StatsService(IStatsSource source, TimeProvider timeProvider, int maxSnapshotsPerServer = DefaultMaxSnapshotsPerServer, StatsFreshness? freshness = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSnapshotsPerServer, 1);
        _source = source;
        _time = timeProvider;
        _maxSnapshotsPerServer = maxSnapshotsPerServer;
        _freshness = freshness ?? StatsFreshness.Exact;
    }

    /// <summary>Today's date (UTC), as the statistics see it.</summary>
    public DateOnly Today => _time.Today();

    /// <summary>The statistics of a server for a filter (<see cref="StatsFilter.Default"/> for none).</summary>
    public async Task<StatsReport> GetStatsAsync(ulong guildId, StatsFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var asOf = _time.GetTimestamp();
        var version = await _source.GetGuildVersionAsync(guildId, cancellationToken);
        var snapshot = await GetSnapshotAsync(guildId, filter, Today, version, asOf, cancellationToken);
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

        // One version read for both; both at once, so that when both are cold they share one update of the
        // server's cases.
        var asOf = _time.GetTimestamp();
        var version = await _source.GetGuildVersionAsync(guildId, cancellationToken);
        var sameStatus = GetSnapshotAsync(guildId, new StatsFilter(myCase.Type, myCase.Status), today, version, asOf, cancellationToken);
        var sameType = GetSnapshotAsync(guildId, new StatsFilter(myCase.Type), today, version, asOf, cancellationToken);
        await Task.WhenAll(sameStatus, sameType);
        return position.From((await sameStatus).Curve(stage), (await sameType).Curve(stage), today);
    }

    // `version` was read at `asOf` (a timestamp of _time), just before this call.
    private async Task<StatsSnapshot> GetSnapshotAsync(ulong guildId, StatsFilter filter, DateOnly today, long version, long asOf, CancellationToken cancellationToken)
    {
        var key = filter.Resolve(today);
        var server = _servers.GetOrAdd(guildId, static (_, capacity) => new ServerCache(capacity), _maxSnapshotsPerServer);
        if (server.TryGetRecent(key, filter, today, version, _freshness, _time, out var recent, out var refresh))
        {
            if (refresh)
            {
                RefreshInBackground(server, guildId, today);
            }

            return recent;
        }

        if (server.MayLag(_freshness))
        {
            // No recent snapshot on a server that may lag (or whose size is not known yet): one computation per
            // filter at a time, whatever version each requester read, so steady writes never start a reload
            // per request. The load begins after this request read the version, or shortly before.
            return await server.JoinOrStart(key, today, () => ComputeLatestAsync(server, guildId, filter, key, today)).WaitAsync(cancellationToken);
        }

        var entry = server.GetOrAdd(version, today, key, () => ComputeAsync(server, guildId, filter, key, today, version, asOf));
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

    /// <summary>How many snapshots this service has computed (for tests: what the cache saved).</summary>
    internal int Computations => Volatile.Read(ref _computations);

    private StatsSnapshot Compute(ServerCases cases, StatsFilter filter, DateOnly today)
    {
        Interlocked.Increment(ref _computations);
        return StatsCalculator.ComputeSnapshot(cases.Table, filter, today, cases.Version);
    }

    private async Task<StatsSnapshot> ComputeLatestAsync(ServerCache server, ulong guildId, StatsFilter filter, AppliedFilter key, DateOnly today) =>
        await server.WithCasesAsync(_source, guildId, null, _time, cases =>
        {
            // The update's start is when the snapshot is "as of": it has every write committed before then.
            var snapshot = Compute(cases, filter, today);
            server.Record(key, filter, today, snapshot, cases.AsOf, cases.Table.Count);
            return snapshot;
        });

    private void RefreshInBackground(ServerCache server, ulong guildId, DateOnly today)
    {
        var refresh = Task.Run(() => server.WithCasesAsync(_source, guildId, null, _time, cases =>
        {
            // One update of the server's cases for every filter in use today, so no filter in use grows past
            // the limit and makes a member wait. The snapshots are as of the update's start, so they claim no
            // write it may have missed.
            foreach (var (key, filter) in server.TakeForRefresh(today))
            {
                server.Record(key, filter, today, Compute(cases, filter, today), cases.AsOf, cases.Table.Count);
            }

            return true;
        }));

        // The server's cache owns the refresh: it is marked done however it ends. A failure only means the
        // next request past the staleness limit computes (and reports) the figures itself.
        _ = refresh.ContinueWith(
            done =>
            {
                // Observed here, so a failed refresh is not reported again as an unobserved task exception.
                _ = done.Exception;
                server.RefreshEnded();
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task<StatsSnapshot> ComputeAsync(ServerCache server, ulong guildId, StatsFilter filter, AppliedFilter key, DateOnly today, long expectedVersion, long asOf) =>
        // Not the requester's token: the computation is shared by everyone asking for this key. The cases are
        // brought up to at least the version this request read, so the snapshot filed under it has every write
        // up to it (and perhaps later ones, which is never stale).
        await server.WithCasesAsync(_source, guildId, expectedVersion, _time, cases =>
        {
            var snapshot = Compute(cases, filter, today);
            server.Record(key, filter, today, snapshot, asOf, cases.Table.Count);
            return snapshot;
        });

    /// <summary>
    /// One server's snapshots under a lock: the exact ones, valid for one version and one day (a small LRU
    /// map), and on a large server the newest one per filter with its age, its refresh and its computations.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage(
        "Reliability",
        "CA1001:Types that own disposable fields should be disposable",
        Justification = "A SemaphoreSlim only needs disposing once its wait handle has been asked for, which this one never is; caches live as long as the service.")]
    private sealed class ServerCache(int capacity)
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<AppliedFilter, LinkedListNode<(AppliedFilter Key, Lazy<Task<StatsSnapshot>> Entry)>> _map = [];
        private readonly LinkedList<(AppliedFilter Key, Lazy<Task<StatsSnapshot>> Entry)> _recency = new();
        private long _version;
        private DateOnly _day;

        // The server's cases as the statistics keep them, the version they hold (-1: none yet, or a read
        // failed part-way) and when the read that brought them to it began.
        private readonly SemaphoreSlim _casesGate = new(1, 1);
        private readonly CaseTable _table = new();
        private long _casesVersion = -1;
        private long _casesAsOf;

        // The newest snapshot per filter whatever its version, with the time it is "as of" (its version read, or
        // its load's start: every write committed before then is in it): what a large server may serve while a
        // refresh runs.
        private readonly Dictionary<AppliedFilter, (StatsFilter Filter, StatsSnapshot Snapshot, DateOnly Day, long AsOf)> _recent = [];
        private readonly Dictionary<AppliedFilter, StatsFilter> _stale = [];
        private bool _refreshing;
        private readonly Dictionary<AppliedFilter, (Task<StatsSnapshot> Task, DateOnly Day)> _computing = [];
        private int _cases = -1;

        /// <summary>
        /// A snapshot to serve at once on a large server: the newest one for this filter and day when it is at
        /// most <see cref="StatsFreshness.MaxStaleness"/> old. A late one marks its filter for the next refresh;
        /// <paramref name="refresh"/> says whether the caller starts that refresh (one per server at a time,
        /// and only once the snapshot is a quarter of the limit old, so steady writes cost a bounded share of
        /// the CPU rather than a reload per write).
        /// </summary>
        public bool TryGetRecent(
            AppliedFilter key, StatsFilter filter, DateOnly day, long version, StatsFreshness freshness, TimeProvider time, out StatsSnapshot snapshot, out bool refresh)
        {
            snapshot = null!;
            refresh = false;
            if (freshness.MaxStaleness <= TimeSpan.Zero)
            {
                return false;
            }

            lock (_gate)
            {
                if (_cases < freshness.ExactBelowCases || !_recent.TryGetValue(key, out var recent) || recent.Day != day)
                {
                    return false;
                }

                var age = time.GetElapsedTime(recent.AsOf);
                if (age > freshness.MaxStaleness)
                {
                    return false;
                }

                snapshot = recent.Snapshot;
                if (recent.Snapshot.Report.Version != version)
                {
                    _stale[key] = filter;
                    if (!_refreshing && age >= freshness.MaxStaleness / 4)
                    {
                        _refreshing = true;
                        refresh = true;
                    }
                }

                return true;
            }
        }

        /// <summary>Whether this server may be served late: large at its last load, or not loaded yet.</summary>
        public bool MayLag(StatsFreshness freshness)
        {
            lock (_gate)
            {
                return freshness.MaxStaleness > TimeSpan.Zero && (_cases < 0 || _cases >= freshness.ExactBelowCases);
            }
        }

        /// <summary>The computation in flight for this filter and day, or a new one (forgotten once it ends).</summary>
        public Task<StatsSnapshot> JoinOrStart(AppliedFilter key, DateOnly day, Func<Task<StatsSnapshot>> compute)
        {
            lock (_gate)
            {
                if (_computing.TryGetValue(key, out var running) && running.Day == day)
                {
                    return running.Task;
                }

                // On the thread pool, so the computation never runs under the lock.
                var task = Task.Run(compute);
                _computing[key] = (task, day);
                _ = task.ContinueWith(
                    done =>
                    {
                        lock (_gate)
                        {
                            if (_computing.TryGetValue(key, out var current) && ReferenceEquals(current.Task, done))
                            {
                                _computing.Remove(key);
                            }
                        }
                    },
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
                return task;
            }
        }

        /// <summary>The filters a refresh recomputes: those served late since the last one, and every other one kept for <paramref name="day"/>.</summary>
        public List<(AppliedFilter Key, StatsFilter Filter)> TakeForRefresh(DateOnly day)
        {
            lock (_gate)
            {
                var taken = new Dictionary<AppliedFilter, StatsFilter>(_stale);
                foreach (var (key, recent) in _recent)
                {
                    if (recent.Day == day)
                    {
                        taken.TryAdd(key, recent.Filter);
                    }
                }

                _stale.Clear();
                return [.. taken.Select(t => (t.Key, t.Value))];
            }
        }

        /// <summary>Keeps a computed snapshot as the newest for its filter (unless a newer one is already kept).</summary>
        public void Record(AppliedFilter key, StatsFilter filter, DateOnly day, StatsSnapshot snapshot, long asOf, int cases)
        {
            lock (_gate)
            {
                _cases = cases;
                if (!_recent.TryGetValue(key, out var kept) || kept.Day != day || kept.AsOf <= asOf)
                {
                    _recent[key] = (filter, snapshot, day, asOf);
                }

                if (_recent.Count > capacity)
                {
                    // Same bound as the exact cache: drop the stalest.
                    _recent.Remove(_recent.MinBy(r => r.Value.AsOf).Key);
                }
            }
        }

        public void RefreshEnded()
        {
            lock (_gate)
            {
                _refreshing = false;
            }
        }

        /// <summary>
        /// Runs <paramref name="use"/> over the server's cases, first bringing them up to date: not at all when
        /// they already hold <paramref name="atLeastVersion"/>, else by reading what changed since the version
        /// they hold (everything the first time). One at a time per server, so the cases are never read and
        /// changed at once, and concurrent cold computations share one update.
        /// </summary>
        public async Task<T> WithCasesAsync<T>(IStatsSource source, ulong guildId, long? atLeastVersion, TimeProvider time, Func<ServerCases, T> use)
        {
            // No token: the work is shared; requesters stop waiting on their own tokens.
            await _casesGate.WaitAsync(CancellationToken.None);
            try
            {
                if (atLeastVersion is not { } wanted || _casesVersion < wanted)
                {
                    var startedAt = time.GetTimestamp();
                    var held = _casesVersion;

                    // Until the read succeeds the table may hold part of it: after a failure the next update
                    // starts from nothing rather than trust it.
                    _casesVersion = -1;
                    _casesVersion = await source.ReadCasesAsync(guildId, held >= 0 ? held : null, _table, CancellationToken.None);
                    _casesAsOf = startedAt;
                }

                return use(new ServerCases(_table, _casesVersion, _casesAsOf));
            }
            finally
            {
                _casesGate.Release();
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

/// <summary>A server's cases at one version, and when the read that brought them there began.</summary>
internal readonly record struct ServerCases(CaseTable Table, long Version, long AsOf);

/// <summary>
/// How late statistics may be on a large server. Below <see cref="ExactBelowCases"/> cases (measured at the
/// last load) every request sees every write, as it always does when <see cref="MaxStaleness"/> is zero.
/// </summary>
/// <param name="MaxStaleness">The most a served snapshot may lag the writes; zero for always exact.</param>
/// <param name="ExactBelowCases">Servers with fewer cases than this are always exact.</param>
public sealed record StatsFreshness(TimeSpan MaxStaleness, int ExactBelowCases)
{
    /// <summary>Every request sees every write committed before it.</summary>
    public static StatsFreshness Exact { get; } = new(TimeSpan.Zero, int.MaxValue);

    /// <summary>The bot's default: servers of 50,000 cases or more may lag by up to 30 seconds.</summary>
    public static StatsFreshness Default { get; } = new(TimeSpan.FromSeconds(30), 50_000);
}
