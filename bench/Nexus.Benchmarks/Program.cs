using Nexus.Benchmarks;

// dotnet run -c Release --project bench/Nexus.Benchmarks -- [http|stats|update|memory|startup|micro|chart|coldpath|all] [--quick] [--cases N]
var quick = args.Contains("--quick");
int? cases = null;
var casesAt = Array.IndexOf(args, "--cases");
if (casesAt >= 0)
{
    cases = casesAt + 1 < args.Length && int.TryParse(args[casesAt + 1], out var n) && n >= 100
        ? n
        : throw new ArgumentException("--cases takes a number of cases (at least 100).");
}

var scenario = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && !int.TryParse(a, out _)) ?? "all";
var options = new BenchOptions(quick, cases, Console.Error);
#if DEBUG
Console.Error.WriteLine("Warning: a Debug build; run with -c Release for figures worth quoting.");
#endif

switch (scenario)
{
    case "http": await Scenarios.HttpAsync(options); break;
    case "stats": await Scenarios.StatsAsync(options); break;
    case "update": await Scenarios.UpdateAsync(options); break;
    case "memory": await Scenarios.MemoryAsync(options); break;
    case "startup": await Scenarios.StartupAsync(options); break;
    case "micro": await MicroBenchmarks.RunAsync(quick); break;
    case "chart": await MicroBenchmarks.RunChartAsync(quick); break;
    case "coldpath":
        // Diagnostic: the cold /stats path's two halves in this process, without starting the bot.
        var size = cases ?? 1_000_000;
        var (load, compute, allocated) = await ColdPathBreakdown.MeasureAsync(await DataSet.WorkingCopyAsync(size, "coldpath", Console.Error), quick ? 3 : 5);
        Console.WriteLine($"{size:N0} cases: load {load:F0} ms, compute {compute:F0} ms, load allocated {allocated:N0} MiB");
        break;
    case "all":
        await Scenarios.StartupAsync(options);
        await Scenarios.StatsAsync(options);
        await Scenarios.UpdateAsync(options);
        await Scenarios.HttpAsync(options);
        await Scenarios.MemoryAsync(options);
        break;
    default:
        Console.Error.WriteLine($"Unknown scenario '{scenario}'. Scenarios: http, stats, update, memory, startup, micro, chart, coldpath, all. Options: --quick, --cases N.");
        return 64;
}

return 0;
