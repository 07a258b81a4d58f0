using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Nexus.Discord.Crypto;
using Nexus.Domain.Cases;
using Nexus.Domain.Statistics;
using NSec.Cryptography;

namespace Nexus.Benchmarks;

/// <summary>BenchmarkDotNet runs of the hot parts: signature verification and the statistics computation.</summary>
internal static class MicroBenchmarks
{
    public static async Task RunAsync(bool quick)
    {
        var report = new Report("micro", "BenchmarkDotNet " + JobName(quick) + ", in process. Ed25519: one verification of a 900-byte body "
            + "(NSec's libsodium on the raw message, and the endpoint's whole check: hex decoding, timestamp + body, verify). Stats: one computation of every figure of /stats over N cases in memory.");
        var config = Config(quick);
        AddRows(report, BenchmarkRunner.Run<SignatureBenchmarks>(config), _ => []);
        AddRows(report, BenchmarkRunner.Run<StatsBenchmarks>(config), _ => []);
        await report.WriteAsync(Console.Out, quick);
    }

    /// <summary>
    /// <c>chart</c>: the <c>/stats</c> chart drawn cold (what a cache miss costs) and served from
    /// <c>StatsChartCache</c> (a warm <c>/stats</c>), with the PNG's size. Its own scenario, so it runs without the
    /// statistics benchmark at 10^6 cases.
    /// </summary>
    public static async Task RunChartAsync(bool quick)
    {
        var report = new Report("chart", "BenchmarkDotNet " + JobName(quick) + ", in process. The default /stats report of "
            + ChartBenchmarks.CaseCount.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)
            + " synthetic cases drawn by StatsChart (ScottPlot on SkiaSharp, 800 × 960 px PNG), cold, and from StatsChartCache once drawn.");
        var png = new ChartBenchmarks();
        png.SetUp();
        var bytes = png.Cold()?.Length ?? throw new InvalidOperationException("Charts can't be drawn on this machine (see the bot's start-up warning).");
        AddRows(report, BenchmarkRunner.Run<ChartBenchmarks>(Config(quick)), _ => [("png_bytes", bytes)]);
        await report.WriteAsync(Console.Out, quick);
    }

    private static string JobName(bool quick) => quick ? "ShortRun" : "default job";

    // In-process: the figures are for this runtime, and no separate project build is needed. BenchmarkDotNet's
    // own artifacts go under bench/data (ignored); the figures go to bench/results/<scenario>.json like the others.
    private static ManualConfig Config(bool quick) => ManualConfig.CreateMinimumViable()
        .AddJob((quick ? Job.ShortRun : Job.Default).WithToolchain(InProcessEmitToolchain.Instance))
        .AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default)
        .WithArtifactsPath(Path.Combine(BenchPaths.Data, "BenchmarkDotNet"));

    private static void AddRows(Report report, BenchmarkDotNet.Reports.Summary summary, Func<string, (string Key, object Value)[]> extra)
    {
        foreach (var result in summary.Reports)
        {
            var method = result.BenchmarkCase.Descriptor.WorkloadMethod.Name;
            var name = method + (result.BenchmarkCase.HasParameters ? $" ({result.BenchmarkCase.Parameters.PrintInfo})" : "");
            report.Row(
                name,
                [
                    ("mean_us", (result.ResultStatistics?.Mean ?? double.NaN) / 1000.0),
                    ("stddev_us", (result.ResultStatistics?.StandardDeviation ?? double.NaN) / 1000.0),
                    ("allocated_bytes", result.GcStats.GetBytesAllocatedPerOperation(result.BenchmarkCase) ?? -1),
                    .. extra(method),
                ]);
        }
    }
}

/// <summary>Ed25519 verification of a typical interaction body, alone and as the endpoint's whole check.</summary>
[MemoryDiagnoser]
public class SignatureBenchmarks
{
    private static readonly SignatureAlgorithm Ed25519 = SignatureAlgorithm.Ed25519;
    private PublicKey _publicKey = null!;
    private byte[] _message = [];
    private byte[] _signature = [];
    private string _signatureHex = "";
    private byte[] _body = [];
    private readonly string _timestamp = "1700000000";
    private InteractionSignatureValidator _validator = null!;

    [GlobalSetup]
    public void SetUp()
    {
        using var key = Key.Create(Ed25519);
        _publicKey = key.PublicKey;
        _body = Encoding.UTF8.GetBytes(new string('x', 900));
        _message = [.. Encoding.UTF8.GetBytes(_timestamp), .. _body];
        _signature = Ed25519.Sign(key, _message);
        _signatureHex = Convert.ToHexStringLower(_signature);
        _validator = new InteractionSignatureValidator(Convert.ToHexStringLower(_publicKey.Export(KeyBlobFormat.RawPublicKey)));
    }

    [Benchmark(Baseline = true)]
    public bool Verify() => Ed25519.Verify(_publicKey, _message, _signature);

    [Benchmark]
    public bool EndpointCheck() => _validator.IsValid(_signatureHex, _timestamp, _body);
}

/// <summary>
/// One statistics computation (all stages, trend, now processing) over the N cases of a server's in-memory
/// table: what a /stats after a write costs once the changes are read.
/// </summary>
[MemoryDiagnoser]
public class StatsBenchmarks
{
    private CaseTable _cases = new();
    private readonly DateOnly _today = new(2026, 6, 1);

    [Params(100_000, 1_000_000)]
    public int Cases { get; set; }

    [GlobalSetup]
    public void SetUp() => _cases = CaseTable.From(Synthetic(Cases, _today));

    /// <summary>
    /// <paramref name="count"/> initial applications over three years before <paramref name="today"/>, with
    /// seeded random waits; the unfinished ones are still waiting. The same cases for every benchmark of a size.
    /// </summary>
    public static List<CaseFacts> Synthetic(int count, DateOnly today)
    {
        var random = new Random(3);
        var cases = new List<CaseFacts>(count);
        for (var i = 0; i < count; i++)
        {
            var applied = today.AddDays(-random.Next(1100));
            var conditional = applied.AddDays(20 + random.Next(120));
            var interview = conditional.AddDays(10 + random.Next(90));
            var approved = interview.AddDays(random.Next(15));
            var timeline = new Timeline(
                applied,
                conditional <= today ? conditional : null,
                interview <= today ? interview : null,
                interview <= today ? interview : null,
                approved <= today ? approved : null,
                null,
                null);
            cases.Add(new CaseFacts(i + 1, ApplicationType.Initial, (ApplicantStatus)(i % 5), null, timeline));
        }

        return cases;
    }

    [Benchmark]
    public StatsReport Compute() => StatsCalculator.Compute(_cases, StatsFilter.Default, _today);
}
