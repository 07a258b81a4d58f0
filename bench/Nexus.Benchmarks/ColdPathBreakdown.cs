using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Nexus.Domain.Statistics;
using Nexus.Domain.Storage;

namespace Nexus.Benchmarks;

/// <summary>
/// The two halves of the bot's first /stats on a server, timed in this process with the bot's own classes:
/// reading all the server's cases into a <see cref="CaseTable"/> (<see cref="CaseRepository.ReadCasesAsync"/>)
/// and computing the report from them (what every later cold /stats does after reading only the changes).
/// </summary>
internal static class ColdPathBreakdown
{
    public static async Task<(double LoadMs, double ComputeMs, long AllocatedMiB)> MeasureAsync(string database, int repeats)
    {
        // No pooling: a pooled connection would outlive the working copy it was opened on (each scenario makes a new one).
        var repository = new CaseRepository(new SqliteConnectionFactory($"Data Source={database};Pooling=False", NullLogger<SqliteConnectionFactory>.Instance), NullLogger<CaseRepository>.Instance);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var load = new List<double>();
        var compute = new List<double>();
        long allocated = 0;
        for (var i = 0; i < repeats; i++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            var (_, cases) = await repository.LoadGuildCasesAsync(DataSet.GuildId, CancellationToken.None);
            load.Add(watch.Elapsed.TotalMilliseconds);
            allocated = (GC.GetTotalAllocatedBytes(precise: true) - before) / (1024 * 1024);
            watch.Restart();
            _ = StatsCalculator.Compute(cases, StatsFilter.Default, today);
            compute.Add(watch.Elapsed.TotalMilliseconds);
        }

        Console.Error.WriteLine("  load ms: " + string.Join(", ", load.Select(l => l.ToString("F0", System.Globalization.CultureInfo.InvariantCulture))));
        load.Sort();
        compute.Sort();
        return (load[load.Count / 2], compute[compute.Count / 2], allocated);
    }
}
