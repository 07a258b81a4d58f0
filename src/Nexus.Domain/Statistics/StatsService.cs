using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Nexus.Domain.Cases;
using Nexus.Domain.Common;
using Nexus.Domain.Settings;

namespace Nexus.Domain.Statistics;

/// <summary>
/// Serves statistics per server from snapshots computed over an in-memory table of the server's cases.
/// </summary>
/// <remarks>
/// <para>One regime (docs/statistics.md, "Speed and freshness"): per server, a <see cref="CaseTable"/>, the
/// newest snapshot per filter (at most <c>maxSnapshotsPerServer</c>, the least recently served dropped first)
/// and at most one refresh at a time. A request reads the server's version (one cheap query) and is served a
/// snapshot of today that is of that version, or newer than its read, or, on a server of at least
/// <see cref="StatsFreshness.ExactBelowCases"/> cases, at most <see cref="StatsFreshness.MaxStaleness"/> old.
/// Otherwise it waits for the server's refresh, which reads the cases changed since the version the table
/// holds (<see cref="IStatsSource.ReadCasesAsync"/>; everything the first time) and recomputes the filters
/// asked for since the last one. A snapshot served late starts a refresh in the background once it is a
/// quarter of the limit old, so steady writes cost a bounded share of the CPU.</para>
/// <para>A requester's cancellation stops its own wait, not the refresh, which others may need. A failed
/// refresh is logged; its waiters get its exception, and the next request starts another.</para>
/// </remarks>
public sealed class StatsService
{
    /// <summary>The default cap on cached filter combinations per server.</summary>
    public const int DefaultMaxSnapshotsPerServer = 64;

    private readonly IStatsSource _source;
    private readonly TimeProvider _time;
    private readonly ILogger<StatsService> _logger;
    private readonly int _maxSnapshotsPerServer;
    private readonly StatsFreshness _freshness;
    private readonly ServerCalendar _calendar;
    private readonly ConcurrentDictionary<ulong, ServerStats> _servers = new();
    private int _computations;

    /// <summary>Creates the service over a source of cases and a clock.</summary>
    /// <param name="source">Where cases and versions come from.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">Where failed refreshes are reported.</param>
    /// <param name="maxSnapshotsPerServer">How many filter combinations to keep per server.</param>
    /// <param name="freshness">How late a large server's figures may be; <see cref="StatsFreshness.Exact"/> (never late) when null.</param>
    /// <param name="calendar">What "today" is in each server; the default zone for every server when null.</param>
    public StatsService(
        IStatsSource source, TimeProvider timeProvider, ILogger<StatsService> logger, int maxSnapshotsPerServer = DefaultMaxSnapshotsPerServer, StatsFreshness? freshness = null,
        ServerCalendar? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSnapshotsPerServer, 1);
        _source = source;
        _time = timeProvider;
        _logger = logger;
        _maxSnapshotsPerServer = maxSnapshotsPerServer;
        _freshness = freshness ?? StatsFreshness.Exact;
        _calendar = calendar ?? new ServerCalendar(null, timeProvider);
    }

    /// <summary>Today's date in the server's time zone: the day its statistics are computed for.</summary>
    public ValueTask<DateOnly> TodayAsync(ulong guildId, CancellationToken cancellationToken) => _calendar.TodayAsync(guildId, cancellationToken);

    /// <summary>The statistics of a server for a filter (<see cref="StatsFilter.Default"/> for none).</summary>
    public async Task<StatsReport> GetStatsAsync(ulong guildId, StatsFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var snapshots = await GetSnapshotsAsync(guildId, [filter], cancellationToken);
        return snapshots[0].Report;
    }

    /// <summary>The estimate for the next milestone of <paramref name="myCase"/>, from the server's comparable cases.</summary>
    public async Task<CaseEstimate> EstimateAsync(ulong guildId, CaseFacts myCase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(myCase);
        var today = await TodayAsync(guildId, cancellationToken);
        var position = CasePosition.Of(myCase.Timeline, today);
        if (position.Stage is null || position.Kind is not (EstimateKind.Estimated or EstimateKind.Scheduled))
        {
            return position.WithoutData();
        }

        // Both filters in one request: one version read, and when both are cold, one refresh computes both.
        var snapshots = await GetSnapshotsAsync(guildId, [new StatsFilter(myCase.Type, myCase.Status), new StatsFilter(myCase.Type)], cancellationToken);
        return position.From(myCase.Type, snapshots[0], snapshots[1], today);
    }

    /// <summary>How many snapshots this service has computed (for tests: what the cache saved).</summary>
    internal int Computations => Volatile.Read(ref _computations);

    /// <summary>The refresh running for the server, or a completed task (for tests: waits for a background refresh).</summary>
    internal Task RefreshOf(ulong guildId) =>
        _servers.TryGetValue(guildId, out var server) ? server.Running ?? Task.CompletedTask : Task.CompletedTask;

    private async Task<StatsSnapshot[]> GetSnapshotsAsync(ulong guildId, StatsFilter[] filters, CancellationToken cancellationToken)
    {
        var server = _servers.GetOrAdd(guildId, static (_, service) => new ServerStats(service._maxSnapshotsPerServer, service._time), this);
        var today = await TodayAsync(guildId, cancellationToken);
        var version = await _source.GetGuildVersionAsync(guildId, cancellationToken);

        // Read after the version: a refresh numbered above this one read its version after this request did.
        var readBefore = server.RefreshesStarted;
        while (true)
        {
            var request = new SnapshotRequest(filters, today, version, readBefore);
            var (snapshots, wait) = server.Serve(request, _freshness, () => RefreshAsync(server, guildId));
            if (snapshots is not null)
            {
                return snapshots;
            }

            // The refresh is shared: a failure reaches every waiter, cancellation only this one.
            await wait!.WaitAsync(cancellationToken);
        }
    }

    private async Task RefreshAsync(ServerStats server, ulong guildId)
    {
        var (number, wanted, read) = server.BeginRefresh();
        var today = await TodayAsync(guildId, CancellationToken.None);
        Refreshed? refreshed = null;
        long readBy = 0;
        try
        {
            (var version, readBy, var asOf) = await server.ReadAsync(_source, guildId, number, read);
            var computed = new List<(AppliedFilter Key, StatsFilter Filter, StatsSnapshot Snapshot)>(wanted.Count);
            foreach (var filter in wanted)
            {
                Interlocked.Increment(ref _computations);
                computed.Add((filter.Resolve(today), filter, StatsCalculator.ComputeSnapshot(server.Table, filter, today, version)));
            }

            refreshed = new Refreshed(computed, today, version, asOf);
        }
        catch (Exception ex)
        {
            StatsLog.RefreshFailed(_logger, guildId, ex);
            throw;
        }
        finally
        {
            server.EndRefresh(readBy, refreshed);
        }
    }

    private sealed record SnapshotRequest(StatsFilter[] Filters, DateOnly Today, long Version, long RefreshesBefore);

    private sealed record Refreshed(List<(AppliedFilter Key, StatsFilter Filter, StatsSnapshot Snapshot)> Snapshots, DateOnly Day, long Version, long AsOf);

    /// <summary>A snapshot kept for one filter: its day and version, and the refresh whose database read it reflects.</summary>
    private sealed record Kept(StatsSnapshot Snapshot, DateOnly Day, long Version, long ReadBy, long AsOf)
    {
        public long LastUse { get; set; }
    }

    /// <summary>
    /// One server's statistics: its case table (touched only by the refresh, one at a time), and under one lock
    /// the newest snapshot per filter, the filters wanted by the next refresh, and the refresh running.
    /// </summary>
    private sealed class ServerStats(int capacity, TimeProvider time)
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<AppliedFilter, Kept> _kept = [];
        private readonly Dictionary<AppliedFilter, StatsFilter> _wanted = [];
        private Task? _running;
        private bool _mustRead;
        private long _refreshes;
        private long _uses;
        private int _cases = -1;

        // The version the table holds (-1: none yet, or a read that failed part-way), the refresh that read it,
        // and when that read began.
        private long _tableVersion = -1;
        private long _tableReadBy;
        private long _tableAsOf;

        public CaseTable Table { get; } = new();

        public long RefreshesStarted => Interlocked.Read(ref _refreshes);

        public Task? Running
        {
            get
            {
                lock (_gate)
                {
                    return _running;
                }
            }
        }

        /// <summary>
        /// The snapshots for the request when each is acceptable; otherwise the refresh to wait for (started
        /// here when none runs), which computes the missing ones. A snapshot served late marks its filter
        /// for a refresh, and starts one in the background once it is a quarter of the limit old.
        /// </summary>
        public (StatsSnapshot[]? Snapshots, Task? Wait) Serve(SnapshotRequest request, StatsFreshness freshness, Func<Task> refresh)
        {
            lock (_gate)
            {
                var mayLag = freshness.MaxStaleness > TimeSpan.Zero && _cases >= freshness.ExactBelowCases;
                var found = new StatsSnapshot[request.Filters.Length];
                var missing = false;
                var refreshSoon = false;
                for (var i = 0; i < found.Length; i++)
                {
                    var filter = request.Filters[i];
                    var key = filter.Resolve(request.Today);
                    if (_kept.TryGetValue(key, out var kept) && kept.Day == request.Today)
                    {
                        // Current: of the version read, or read from the database after that version was.
                        if (kept.Version == request.Version || kept.ReadBy > request.RefreshesBefore)
                        {
                            kept.LastUse = ++_uses;
                            found[i] = kept.Snapshot;
                            continue;
                        }

                        var age = time.GetElapsedTime(kept.AsOf);
                        if (mayLag && age <= freshness.MaxStaleness)
                        {
                            kept.LastUse = ++_uses;
                            found[i] = kept.Snapshot;
                            if (age >= freshness.MaxStaleness / 4)
                            {
                                Want(filter, key, request.Version);
                                refreshSoon = true;
                            }

                            continue;
                        }
                    }

                    Want(filter, key, request.Version);
                    missing = true;
                }

                if ((missing || refreshSoon) && _running is null)
                {
                    // On the thread pool, so the refresh never runs under the lock or on the requester's stack.
                    // Its failure is logged where it happens; observed here too, as a background refresh may
                    // have no waiter, so it is not reported a second time as an unobserved task exception.
                    _running = Task.Run(refresh);
                    _ = _running.ContinueWith(static done => _ = done.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                }

                return missing ? (null, _running) : (found, null);
            }
        }

        /// <summary>Starts a refresh: its number, the filters it computes, and what the table holds.</summary>
        public (long Number, List<StatsFilter> Wanted, bool Read) BeginRefresh()
        {
            lock (_gate)
            {
                var wanted = _wanted.Values.ToList();
                _wanted.Clear();
                var read = _mustRead || _tableVersion < 0;
                _mustRead = false;
                return (Interlocked.Increment(ref _refreshes), wanted, read);
            }
        }

        /// <summary>Brings the table up to date (the refresh's only database read) and says what it now holds.</summary>
        public async Task<(long Version, long ReadBy, long AsOf)> ReadAsync(IStatsSource source, ulong guildId, long number, bool read)
        {
            long held;
            lock (_gate)
            {
                if (!read)
                {
                    return (_tableVersion, _tableReadBy, _tableAsOf);
                }

                held = _tableVersion;
                _tableVersion = -1;
            }

            var asOf = time.GetTimestamp();
            var version = await source.ReadCasesAsync(guildId, held >= 0 ? held : null, Table, CancellationToken.None);
            lock (_gate)
            {
                (_tableVersion, _tableReadBy, _tableAsOf) = (version, number, asOf);
                _cases = Table.Count;
            }

            return (version, number, asOf);
        }

        /// <summary>Keeps what a refresh computed (nothing when it failed) and lets the next refresh start.</summary>
        public void EndRefresh(long readBy, Refreshed? refreshed)
        {
            lock (_gate)
            {
                _running = null;
                foreach (var (key, _, snapshot) in refreshed?.Snapshots ?? [])
                {
                    _kept[key] = new Kept(snapshot, refreshed!.Day, refreshed.Version, readBy, refreshed.AsOf) { LastUse = ++_uses };
                }

                while (_kept.Count > capacity)
                {
                    _kept.Remove(_kept.MinBy(k => k.Value.LastUse).Key);
                }
            }
        }

        // A request that read another version than the table holds needs the next refresh to read the changes.
        private void Want(StatsFilter filter, AppliedFilter key, long version)
        {
            _wanted.TryAdd(key, filter);
            _mustRead |= version != _tableVersion;
        }
    }
}

/// <summary>The statistics' log messages, with stable event ids (2100–2199).</summary>
internal static partial class StatsLog
{
    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Refreshing the statistics of guild {GuildId} failed; the next request tries again")]
    public static partial void RefreshFailed(ILogger logger, ulong guildId, Exception exception);
}

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
