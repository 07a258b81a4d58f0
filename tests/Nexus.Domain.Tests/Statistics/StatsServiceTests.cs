using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Nexus.Domain.Cases;
using Nexus.Domain.Statistics;
using static Nexus.Domain.Tests.Statistics.StatsCases;

namespace Nexus.Domain.Tests.Statistics;

public sealed class StatsServiceTests
{
    private const ulong Guild = 42;
    private static readonly DateOnly Today = new(2026, 6, 15);

    private static CaseFacts[] FiveFinished(int wait) =>
        [.. Enumerable.Range(0, 5).Select(_ => FinishedCa(Today.AddDays(-200), wait))];

    [Fact]
    public async Task A_warm_request_checks_the_version_and_reuses_the_snapshot()
    {
        var source = new StatsTestSource();
        source.Write(Guild, FiveFinished(30));
        var service = new StatsService(source, FakeTimeProvider.OnDay(Today), NullLogger<StatsService>.Instance);

        var first = await service.GetStatsAsync(Guild, StatsFilter.Default, CancellationToken.None);
        var second = await service.GetStatsAsync(Guild, new StatsFilter(), CancellationToken.None);

        Assert.Same(first, second);
        Assert.Equal(1, source.Loads);
        Assert.Equal(2, source.VersionReads);
        Assert.Equal(WaitQuantile.Exactly(30), second.For(Stage.AppliedToConditional).Median);
    }

    [Fact]
    public async Task Two_instances_over_one_database_see_each_others_writes()
    {
        var source = new StatsTestSource();
        source.Write(Guild, FiveFinished(30));
        var clock = FakeTimeProvider.OnDay(Today);
        var instanceA = new StatsService(source, clock, NullLogger<StatsService>.Instance);
        var instanceB = new StatsService(source, clock, NullLogger<StatsService>.Instance);

        var beforeA = await instanceA.GetStatsAsync(Guild, StatsFilter.Default, CancellationToken.None);
        var beforeB = await instanceB.GetStatsAsync(Guild, StatsFilter.Default, CancellationToken.None);
        Assert.Equal(5, beforeA.For(Stage.AppliedToConditional).Finished);
        Assert.Equal(5, beforeB.For(Stage.AppliedToConditional).Finished);

        // A write handled by "instance B" goes to the shared database and bumps the server's version.
        source.Write(Guild, FiveFinished(90));

        var afterA = await instanceA.GetStatsAsync(Guild, StatsFilter.Default, CancellationToken.None);
        Assert.Equal(10, afterA.For(Stage.AppliedToConditional).Finished);
        Assert.Equal(2, afterA.Version);
        Assert.Equal(3, source.Loads);

        // Instance A read the whole server once, then only what changed since the version it held.
        Assert.Equal([null, null, 1], source.ReadsSince);
    }

    [Fact]
    public async Task After_a_write_only_the_changes_are_read_and_the_figures_include_them()
    {
        var source = new StatsTestSource();
        source.Write(Guild, FiveFinished(30));
        var service = new StatsService(source, FakeTimeProvider.OnDay(Today), NullLogger<StatsService>.Instance);
        await service.GetStatsAsync(Guild, StatsFilter.Default, CancellationToken.None);

        source.Write(Guild, FiveFinished(30));
        source.Write(Guild, FiveFinished(30));
        var after = await service.GetStatsAsync(Guild, StatsFilter.Default, CancellationToken.None);

        Assert.Equal(15, after.For(Stage.AppliedToConditional).Finished);
        Assert.Equal(3, after.Version);
        Assert.Equal([null, 1], source.ReadsSince);
    }

    [Fact]
    public async Task After_a_failed_read_the_next_one_starts_from_nothing()
    {
        var source = new StatsTestSource();
        source.Write(Guild, FiveFinished(30));
        var service = new StatsService(source, FakeTimeProvider.OnDay(Today), NullLogger<StatsService>.Instance);
        await service.GetStatsAsync(Guild, StatsFilter.Default, CancellationToken.None);

        source.Write(Guild, FiveFinished(30));
        source.FailNextLoad = new InvalidOperationException("database unavailable");
        await Assert.ThrowsAsync<InvalidOperationException>(() => service.GetStatsAsync(Guild, StatsFilter.Default, CancellationToken.None));
        var report = await service.GetStatsAsync(Guild, StatsFilter.Default, CancellationToken.None);

        // The failed read may have left part of its changes behind, so the cases are read whole again.
        Assert.Equal(10, report.For(Stage.AppliedToConditional).Finished);
        Assert.Equal([null, 1, null], source.ReadsSince);
    }

    [Fact]
    public async Task A_new_day_discards_the_snapshot_because_waits_have_grown()
    {
        var source = new StatsTestSource();
        source.Write(Guild, Pending(Today.AddDays(-10)));
        var clock = FakeTimeProvider.OnDay(Today);
        var service = new StatsService(source, clock, NullLogger<StatsService>.Instance);

        var today = await service.GetStatsAsync(Guild, StatsFilter.Default, CancellationToken.None);
        clock.Advance(TimeSpan.FromDays(1));
        var tomorrow = await service.GetStatsAsync(Guild, StatsFilter.Default, CancellationToken.None);

        Assert.Equal(10, today.For(Stage.AppliedToConditional).LongestCurrentWaitDays);
        Assert.Equal(11, tomorrow.For(Stage.AppliedToConditional).LongestCurrentWaitDays);
        Assert.Equal(Today.AddDays(1), tomorrow.Today);

        // Computed again from the cases already held: nothing was written, so nothing is read again.
        Assert.Equal(2, service.Computations);
        Assert.Equal(1, source.Loads);
    }

    [Fact]
    public async Task Concurrent_requests_for_the_same_filter_compute_once()
    {
        var source = new StatsTestSource { LoadGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        source.Write(Guild, FiveFinished(30));
        var service = new StatsService(source, FakeTimeProvider.OnDay(Today), NullLogger<StatsService>.Instance);

        var requests = Enumerable.Range(0, 8)
            .Select(_ => Task.Run(() => service.GetStatsAsync(Guild, StatsFilter.Default, CancellationToken.None)))
            .ToArray();
        await source.VersionReadsReached(requests.Length);

        source.LoadGate.SetResult();
        var reports = await Task.WhenAll(requests);

        Assert.Equal(1, source.Loads);
        Assert.All(reports, report => Assert.Same(reports[0], report));
    }

    [Fact]
    public async Task Filter_combinations_beyond_the_cap_drop_the_least_recently_used()
    {
        var source = new StatsTestSource();
        source.Write(Guild, FiveFinished(30));
        var service = new StatsService(source, FakeTimeProvider.OnDay(Today), NullLogger<StatsService>.Instance, maxSnapshotsPerServer: 2);
        var us = new StatsFilter(Status: ApplicantStatus.UsCitizen);
        var ca = new StatsFilter(Status: ApplicantStatus.CaCitizen);

        await service.GetStatsAsync(Guild, StatsFilter.Default, CancellationToken.None);
        await service.GetStatsAsync(Guild, us, CancellationToken.None);
        await service.GetStatsAsync(Guild, StatsFilter.Default, CancellationToken.None); // default is now the most recent
        await service.GetStatsAsync(Guild, ca, CancellationToken.None);                  // drops "us"
        Assert.Equal(3, service.Computations);

        await service.GetStatsAsync(Guild, StatsFilter.Default, CancellationToken.None);
        Assert.Equal(3, service.Computations);
        await service.GetStatsAsync(Guild, us, CancellationToken.None);
        Assert.Equal(4, service.Computations);

        // Every computation ran over the cases read once.
        Assert.Equal(1, source.Loads);
    }

    [Fact]
    public async Task A_failed_load_is_not_cached()
    {
        var source = new StatsTestSource { FailNextLoad = new InvalidOperationException("database unavailable") };
        source.Write(Guild, FiveFinished(30));
        var service = new StatsService(source, FakeTimeProvider.OnDay(Today), NullLogger<StatsService>.Instance);

        await Assert.ThrowsAsync<InvalidOperationException>(() => service.GetStatsAsync(Guild, StatsFilter.Default, CancellationToken.None));
        var report = await service.GetStatsAsync(Guild, StatsFilter.Default, CancellationToken.None);

        Assert.Equal(5, report.For(Stage.AppliedToConditional).Finished);
        Assert.Equal(2, source.Loads);
    }

    [Fact]
    public async Task Servers_are_kept_apart()
    {
        var source = new StatsTestSource();
        source.Write(Guild, FiveFinished(30));
        source.Write(Guild + 1, FiveFinished(60));
        var service = new StatsService(source, FakeTimeProvider.OnDay(Today), NullLogger<StatsService>.Instance);

        var one = await service.GetStatsAsync(Guild, StatsFilter.Default, CancellationToken.None);
        var other = await service.GetStatsAsync(Guild + 1, StatsFilter.Default, CancellationToken.None);

        Assert.Equal(WaitQuantile.Exactly(30), one.For(Stage.AppliedToConditional).Median);
        Assert.Equal(WaitQuantile.Exactly(60), other.For(Stage.AppliedToConditional).Median);
    }

    [Fact]
    public async Task The_estimate_for_a_case_uses_the_cached_curves_and_matches_the_calculator()
    {
        var source = new StatsTestSource();
        var me = Pending(Today.AddDays(-100));
        var cases = new List<CaseFacts> { me };
        for (var wait = 60; wait <= 120; wait++)
        {
            cases.Add(FinishedCa(Today.AddDays(-200 - wait), wait));
        }

        source.Write(Guild, [.. cases]);
        source.LoadGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var service = new StatsService(source, FakeTimeProvider.OnDay(Today), NullLogger<StatsService>.Instance);

        // Both filter combinations behind an estimate (same type and status; same type) are cold here.
        // Held at the load, they must share it.
        var pending = service.EstimateAsync(Guild, me, CancellationToken.None);
        await source.LoadsReached(1);

        source.LoadGate.SetResult();
        var estimate = await pending;
        var again = await service.EstimateAsync(Guild, me, CancellationToken.None);

        Assert.Equal(StatsCalculator.Estimate(cases, me, Today), estimate);
        // 61 finished 60..120 days; of the 20 beyond 100 days half are done from day 110 to 111: 10.5 more.
        Assert.Equal(WaitQuantile.Exactly(10.5), estimate.RemainingMedian);
        Assert.Equal(estimate, again);
        Assert.Equal(1, source.Loads);

        // One version read per estimate, shared by its two filters.
        Assert.Equal(2, source.VersionReads);
    }

    [Fact]
    public async Task A_request_that_saw_a_write_does_not_take_cases_from_a_load_begun_before_it()
    {
        var source = new StatsTestSource { LoadGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        source.Write(Guild, FiveFinished(30));
        var service = new StatsService(source, FakeTimeProvider.OnDay(Today), NullLogger<StatsService>.Instance);

        // Request A reads version 1 and starts a load that is held; then another instance writes.
        var before = service.GetStatsAsync(Guild, StatsFilter.Default, CancellationToken.None);
        await source.LoadsReached(1);

        source.Write(Guild, FiveFinished(90));

        // Request B (another filter) reads version 2 while A's load is still in flight.
        var after = service.GetStatsAsync(Guild, new StatsFilter(Status: ApplicantStatus.CaCitizen), CancellationToken.None);
        await source.VersionReadsReached(2);

        source.LoadGate.SetResult();

        Assert.Equal(5, (await before).For(Stage.AppliedToConditional).Finished);
        var report = await after;
        Assert.Equal(10, report.For(Stage.AppliedToConditional).Finished);
        Assert.Equal(2, report.Version);
    }

    // A "large" server for these tests: 5 cases or more may lag by up to 30 seconds.
    private static readonly StatsFreshness Lagging = new(TimeSpan.FromSeconds(30), ExactBelowCases: 5);

    [Fact]
    public async Task A_large_server_serves_the_recent_snapshot_after_a_write_and_refreshes_it_in_the_background()
    {
        var source = new StatsTestSource();
        source.Write(Guild, FiveFinished(30));
        var clock = FakeTimeProvider.OnDay(Today);
        var service = new StatsService(source, clock, NullLogger<StatsService>.Instance, freshness: Lagging);
        var first = await service.GetStatsAsync(Guild, StatsFilter.Default, CancellationToken.None);

        // A write, within a quarter of the limit: the snapshot is served as it is and no reload starts.
        source.Write(Guild, FiveFinished(90));
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Same(first, await service.GetStatsAsync(Guild, StatsFilter.Default, CancellationToken.None));
        Assert.Equal(1, source.Loads);

        // Later (still within the limit): served at once again, and one refresh reads the server in the background.
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Same(first, await service.GetStatsAsync(Guild, StatsFilter.Default, CancellationToken.None));
        await service.RefreshOf(Guild).WaitAsync(TimeSpan.FromSeconds(10));
        var refreshed = await service.GetStatsAsync(Guild, StatsFilter.Default, CancellationToken.None);
        Assert.Equal(2, refreshed.Version);
        Assert.Equal(10, refreshed.For(Stage.AppliedToConditional).Finished);

        // One refresh read the server once, however often it was asked meanwhile.
        Assert.Equal(2, source.Loads);
    }

    [Fact]
    public async Task A_large_server_never_serves_a_snapshot_older_than_the_limit()
    {
        var source = new StatsTestSource();
        source.Write(Guild, FiveFinished(30));
        var clock = FakeTimeProvider.OnDay(Today);
        var service = new StatsService(source, clock, NullLogger<StatsService>.Instance, freshness: Lagging);
        await service.GetStatsAsync(Guild, StatsFilter.Default, CancellationToken.None);

        source.Write(Guild, FiveFinished(90));
        clock.Advance(TimeSpan.FromSeconds(31));
        var report = await service.GetStatsAsync(Guild, StatsFilter.Default, CancellationToken.None);

        Assert.Equal(10, report.For(Stage.AppliedToConditional).Finished);
        Assert.Equal(2, source.Loads);
    }

    [Fact]
    public async Task A_server_below_the_size_limit_stays_exact()
    {
        var source = new StatsTestSource();
        source.Write(Guild, FiveFinished(30));
        var clock = FakeTimeProvider.OnDay(Today);
        var service = new StatsService(source, clock, NullLogger<StatsService>.Instance, freshness: new StatsFreshness(TimeSpan.FromSeconds(30), ExactBelowCases: 6));
        await service.GetStatsAsync(Guild, StatsFilter.Default, CancellationToken.None);

        source.Write(Guild, FiveFinished(90));
        var report = await service.GetStatsAsync(Guild, StatsFilter.Default, CancellationToken.None);

        Assert.Equal(10, report.For(Stage.AppliedToConditional).Finished);
        Assert.Equal(2, report.Version);
    }

    [Fact]
    public async Task Requests_to_a_large_server_under_steady_writes_share_one_computation()
    {
        var source = new StatsTestSource { LoadGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        source.Write(Guild, FiveFinished(30));
        var service = new StatsService(source, FakeTimeProvider.OnDay(Today), NullLogger<StatsService>.Instance, freshness: Lagging);

        // Each request reads another version (a write lands between them), yet only one load runs.
        var requests = new List<Task<StatsReport>>();
        for (var i = 0; i < 4; i++)
        {
            requests.Add(service.GetStatsAsync(Guild, StatsFilter.Default, CancellationToken.None));
            await source.VersionReadsReached(i + 1);

            source.Write(Guild, FiveFinished(60));
        }

        source.LoadGate.SetResult();
        var reports = await Task.WhenAll(requests);

        Assert.Equal(1, source.Loads);
        Assert.All(reports, r => Assert.Same(reports[0], r));
    }

    [Fact]
    public async Task A_failed_background_refresh_is_logged_and_the_next_request_tries_again()
    {
        var source = new StatsTestSource();
        source.Write(Guild, FiveFinished(30));
        var clock = FakeTimeProvider.OnDay(Today);
        var logger = new Mock<ILogger<StatsService>>();
        logger.Setup(l => l.IsEnabled(It.IsAny<LogLevel>())).Returns(true);
        var service = new StatsService(source, clock, logger.Object, freshness: Lagging);
        var first = await service.GetStatsAsync(Guild, StatsFilter.Default, CancellationToken.None);

        // Served late, so the refresh runs in the background with nobody waiting for it: it fails there.
        source.Write(Guild, FiveFinished(90));
        clock.Advance(TimeSpan.FromSeconds(10));
        var failure = new InvalidOperationException("database unavailable");
        source.FailNextLoad = failure;
        source.LoadGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.Same(first, await service.GetStatsAsync(Guild, StatsFilter.Default, CancellationToken.None));
        var refresh = service.RefreshOf(Guild);
        source.LoadGate.SetResult();
        Assert.Same(failure, await Assert.ThrowsAsync<InvalidOperationException>(() => refresh.WaitAsync(TimeSpan.FromSeconds(10))));

        logger.Verify(
            l => l.Log(
                LogLevel.Warning,
                It.Is<EventId>(e => e.Id == 2101),
                It.Is<It.IsAnyType>((state, _) => state.ToString()!.Contains($"guild {Guild}", StringComparison.Ordinal)),
                failure,
                It.IsAny<Func<It.IsAnyType, Exception?, string>>()),
            Times.Once);

        // The snapshot is still within the limit and served; the next refresh reads the whole server again.
        Assert.Same(first, await service.GetStatsAsync(Guild, StatsFilter.Default, CancellationToken.None));
        await service.RefreshOf(Guild).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(10, (await service.GetStatsAsync(Guild, StatsFilter.Default, CancellationToken.None)).For(Stage.AppliedToConditional).Finished);
        Assert.Equal([null, 1, null], source.ReadsSince);
    }

    [Fact]
    public async Task A_cancelled_request_stops_waiting_but_the_refresh_serves_the_others()
    {
        var source = new StatsTestSource { LoadGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        source.Write(Guild, FiveFinished(30));
        var service = new StatsService(source, FakeTimeProvider.OnDay(Today), NullLogger<StatsService>.Instance);
        using var cancel = new CancellationTokenSource();

        var cancelled = service.GetStatsAsync(Guild, StatsFilter.Default, cancel.Token);
        var patient = service.GetStatsAsync(Guild, StatsFilter.Default, CancellationToken.None);
        await source.LoadsReached(1);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        source.LoadGate.SetResult();

        Assert.Equal(5, (await patient).For(Stage.AppliedToConditional).Finished);
        Assert.Equal(1, source.Loads);
    }
}
