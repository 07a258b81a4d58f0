using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Nexus.Bot.Commands.Stats;
using Nexus.Domain.Statistics;

namespace Nexus.Benchmarks;

/// <summary>
/// The <c>/stats</c> chart of one report: drawn from nothing (the first <c>/stats</c> of a server, filter, data
/// version and day) and taken from <see cref="StatsChartCache"/> (every later one until the data changes).
/// </summary>
[MemoryDiagnoser]
public class ChartBenchmarks
{
    /// <summary>The cases behind the report; the drawing depends on the curves' points, not on the count.</summary>
    public const int CaseCount = 100_000;

    private const ulong Guild = 981346340044800001;
    private readonly DateOnly _today = new(2026, 6, 1);
    private StatsChart _chart = null!;
    private StatsChartCache _cache = null!;
    private StatsReport _report = null!;

    [GlobalSetup]
    public void SetUp()
    {
        _chart = new StatsChart(NullLogger<StatsChart>.Instance);
        _report = StatsCalculator.Compute(CaseTable.From(StatsBenchmarks.Synthetic(CaseCount, _today)), StatsFilter.Default, _today);
        _cache = new StatsChartCache(_chart);
        if (_cache.GetOrRender(Guild, _report) is null)
        {
            throw new InvalidOperationException("Charts can't be drawn on this machine.");
        }
    }

    /// <summary>A cache miss: the whole drawing and PNG encoding.</summary>
    [Benchmark(Baseline = true)]
    public byte[]? Cold() => _chart.Render(_report);

    /// <summary>A warm <c>/stats</c>: the bytes drawn before, found by server, version, filter and day.</summary>
    [Benchmark]
    public byte[]? FromCache() => _cache.GetOrRender(Guild, _report);
}
