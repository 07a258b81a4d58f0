using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Nexus.Benchmarks;

/// <summary>Run-wide settings from the command line.</summary>
internal sealed record BenchOptions(bool Quick, int? Cases, TextWriter Log);

/// <summary>The end-to-end scenarios: each starts the real bot and drives it over HTTP with signed requests.</summary>
internal static class Scenarios
{
    private const int Million = 1_000_000;

    public static async Task HttpAsync(BenchOptions options)
    {
        var cases = options.Cases ?? 100_000;
        var (warmUp, measure) = options.Quick ? (2, 8) : (5, 30);
        var report = new Report("http", SetUp(cases, warmUp, measure));
        var database = await DataSet.WorkingCopyAsync(cases, "http", options.Log);
        var keys = new Interactions();
        await using var bot = await BotProcess.StartAsync(database, keys.PublicKeyHex);
        var writers = await WritersAsync(database, cases);
        foreach (var concurrency in new[] { 32, 64 })
        {
            var run = await RunLoadAsync(bot, keys, writers, cases, concurrency, warmUp, measure, options.Log);
            run.AddTo(report, $"c={concurrency}");
        }

        report.Note($"bot log lines during the run: {bot.LogLines:N0} (start-up lines included)");
        report.Note($"bot peak RSS: {bot.PeakRssMiB:F0} MiB");
        await report.WriteAsync(Console.Out, options.Quick);
    }

    public static async Task MemoryAsync(BenchOptions options)
    {
        var cases = options.Cases ?? Million;
        var (warmUp, measure) = options.Quick ? (2, 10) : (5, 30);
        var report = new Report("memory", SetUp(cases, warmUp, measure) + " Concurrency 64 only; peak RSS is the server process's VmHWM after the run.");
        var database = await DataSet.WorkingCopyAsync(cases, "memory", options.Log);
        var keys = new Interactions();
        await using var bot = await BotProcess.StartAsync(database, keys.PublicKeyHex);
        var idle = bot.RssMiB;
        var writers = await WritersAsync(database, cases);
        var run = await RunLoadAsync(bot, keys, writers, cases, 64, warmUp, measure, options.Log);
        run.AddTo(report, "c=64");
        // The target is in megabytes (10^6 bytes); the kernel reports kibibytes, so both are shown.
        report.Row(
            "memory",
            ("rss_ready_mib", idle),
            ("peak_rss_mib", bot.PeakRssMiB),
            ("rss_end_mib", bot.RssMiB),
            ("peak_rss_mb", bot.PeakRssMiB * 1.048576),
            ("target_mb", 200.0));
        await report.WriteAsync(Console.Out, options.Quick);
    }

    public static async Task StatsAsync(BenchOptions options)
    {
        int[] sizes = options.Cases is { } only ? [only] : [10_000, 100_000, Million];
        var (colds, warms, warmUps) = options.Quick ? (3, 300, 100) : (10, 2000, 500);
        var exactColds = options.Quick ? 2 : 5;
        var report = new Report("stats", $"/stats (no filter: initial applications, last 24 months) over one server of N generated cases, through the real HTTP endpoint, one request at a time. "
            + $"after_write: the first /stats after a /mycase update (a write), {colds} times, as the bot ships (Statistics:MaxStaleness 30 s for servers of 50,000 cases or more). "
            + $"cold_exact: the first /stats after a write to one case by another instance sharing the database, with Statistics:MaxStaleness=0 (always exact), so it reads what changed and computes the figures again over the whole server, {exactColds} times; first_after_start is the bot's first /stats, which reads every case. Warm: {warms} /stats in a row with no write, after {warmUps} unmeasured ones. Times are client-side (loopback HTTP included).");
        foreach (var cases in sizes)
        {
            var database = await DataSet.WorkingCopyAsync(cases, $"stats-{cases}", options.Log);
            var keys = new Interactions();
            await using var bot = await BotProcess.StartAsync(database, keys.PublicKeyHex);
            var writers = await WritersAsync(database, cases);
            using var client = new LoadClient(bot.BaseAddress, 1);
            var random = new Random(7);

            var (firstOutcome, firstTicks) = client.Send(keys.Stats(1));
            var cold = new List<long>();
            var outcomes = new List<Outcome> { firstOutcome };
            for (var i = 0; i < colds; i++)
            {
                var writer = writers[random.Next(writers.Count)];
                outcomes.Add((client.Send(keys.Update(writer.Case, writer.Applied.AddDays(1 + random.Next(90))))).Outcome);
                var (outcome, ticks) = client.Send(keys.Stats(1));
                outcomes.Add(outcome);
                cold.Add(ticks);
            }

            // Not measured: enough requests for the runtime to finish compiling the warm path's methods at full
            // optimisation (tiered compilation promotes a method after 30 calls, in the background), so the
            // warm figures measure the path rather than the JIT.
            for (var i = 0; i < warmUps; i++)
            {
                outcomes.Add((client.Send(keys.Stats(1))).Outcome);
            }

            var warm = new List<long>();
            var requests = Enumerable.Range(0, warms).Select(_ => keys.Stats(1)).ToList();
            foreach (var request in requests)
            {
                var (outcome, ticks) = client.Send(request);
                outcomes.Add(outcome);
                warm.Add(ticks);
            }

            var peakRss = bot.PeakRssMiB;
            await bot.DisposeAsync();

            // The cold path itself: the same bot with Statistics:MaxStaleness=0 (always exact), so the first
            // /stats after a write reads and computes the whole server.
            var exactCold = new List<long>();
            await using (var exact = await BotProcess.StartAsync(database, keys.PublicKeyHex, new Dictionary<string, string> { ["Statistics__MaxStaleness"] = "00:00:00" }))
            {
                using var exactClient = new LoadClient(exact.BaseAddress, 1);
                outcomes.Add((exactClient.Send(keys.Stats(1))).Outcome);
                for (var i = 0; i < exactColds; i++)
                {
                    // A write by "another instance" straight into the database: a member's /mycase update through
                    // this bot would already bring the cases up to date for its own estimate, and /stats would then
                    // only compute.
                    await WriteAsAnotherInstanceAsync(database, 1 + i);
                    var (outcome, ticks) = exactClient.Send(keys.Stats(1));
                    outcomes.Add(outcome);
                    exactCold.Add(ticks);
                }
            }

            // Stopped first, so the in-process measurement has the machine to itself.
            var (loadMs, computeMs, allocatedMiB) = await ColdPathBreakdown.MeasureAsync(database, options.Quick ? 3 : 5);
            var c = Latency.Of(cold);
            var e = Latency.Of(exactCold);
            var w = Latency.Of(warm);
            report.Row(
                $"{cases:N0} cases",
                ("first_after_start_ms", firstTicks * 1000.0 / Stopwatch.Frequency),
                ("after_write_median_ms", c.P50),
                ("after_write_max_ms", c.Max),
                ("cold_exact_median_ms", e.P50),
                ("cold_exact_max_ms", e.Max),
                ("warm_p50_ms", w.P50),
                ("warm_p99_ms", w.P99),
                ("warm_max_ms", w.Max),
                ("deferred", outcomes.Count(o => o == Outcome.Deferred)),
                ("errors", outcomes.Count(o => o == Outcome.Error)),
                ("peak_rss_mib", peakRss),
                ("load_ms", loadMs),
                ("compute_ms", computeMs),
                ("load_alloc_mib", allocatedMiB));
        }

        report.Note("load_ms, compute_ms: the cold path's two halves measured in the benchmark's own process (median), with the bot's classes; load_alloc_mib: bytes allocated by one load");
        report.Note("targets at 10^6 cases: cold ≤ 1000 ms (cold_exact; after_write is what members see), warm p99 ≤ 2 ms");
        await report.WriteAsync(Console.Out, options.Quick);
    }

    public static async Task UpdateAsync(BenchOptions options)
    {
        var cases = options.Cases ?? Million;
        var count = options.Quick ? 300 : 2000;
        var report = new Report("update", $"/mycase update conditional <date> by members with open cases, in one server of {cases:N0} generated cases, through the real HTTP endpoint. "
            + $"After a warm-up of 200 /mycase show (the first estimate per kind of case reads the whole server), {count} updates one at a time (c=1), then {count} at concurrency 8. Every reply renders the case with its estimate. Times are client-side (loopback HTTP included).");
        var database = await DataSet.WorkingCopyAsync(cases, "update", options.Log);
        var keys = new Interactions();
        await using var bot = await BotProcess.StartAsync(database, keys.PublicKeyHex);
        var writers = await WritersAsync(database, cases);
        var random = new Random(11);
        using var client = new LoadClient(bot.BaseAddress, 8);

        // Warm-up, not measured: the first estimate for each kind of case (type, status) reads the server's cases.
        foreach (var request in Enumerable.Range(0, 200).Select(i => keys.Show(writers[i % writers.Count].Case)))
        {
            client.Send(request);
        }

        foreach (var concurrency in new[] { 1, 8 })
        {
            var requests = Enumerable.Range(0, count).Select(_ =>
            {
                var writer = writers[random.Next(writers.Count)];
                return keys.Update(writer.Case, writer.Applied.AddDays(1 + random.Next(90)));
            }).ToArray();
            var next = -1;
            var ticks = new List<long>[concurrency];
            var outcomes = new List<Outcome>[concurrency];
            var cpu = bot.CpuTime;
            var wall = Stopwatch.StartNew();
            Workers.Run(concurrency, worker =>
            {
                ticks[worker] = [];
                outcomes[worker] = [];
                int index;
                while ((index = Interlocked.Increment(ref next)) < requests.Length)
                {
                    var (outcome, elapsed) = client.Send(requests[index]);
                    ticks[worker].Add(elapsed);
                    outcomes[worker].Add(outcome);
                }
            });
            wall.Stop();
            var latency = Latency.Of(ticks.SelectMany(t => t).ToList());
            var all = outcomes.SelectMany(o => o).ToList();
            report.Row(
                $"c={concurrency}",
                ("requests", all.Count),
                ("req_per_s", all.Count / wall.Elapsed.TotalSeconds),
                ("p50_ms", latency.P50),
                ("p95_ms", latency.P95),
                ("p99_ms", latency.P99),
                ("max_ms", latency.Max),
                ("deferred", all.Count(o => o == Outcome.Deferred)),
                ("errors", all.Count(o => o == Outcome.Error)),
                ("server_cpu_cores", (bot.CpuTime - cpu).TotalSeconds / wall.Elapsed.TotalSeconds));
        }

        report.Note("target at 10^6 cases: p99 ≤ 5 ms (c=1)");
        await report.WriteAsync(Console.Out, options.Quick);
    }

    public static async Task StartupAsync(BenchOptions options)
    {
        var runs = options.Quick ? 3 : 7;
        var report = new Report("startup", $"dotnet Nexus.Bot.dll in HTTP mode: from Process.Start to the first 200 from GET /healthz (polled every 5 ms), {runs} runs each. "
            + "'empty' migrates a new database from scratch; 'existing' opens an already migrated database of 10^6 cases.");
        var keys = new Interactions();
        foreach (var kind in options.Quick ? new[] { "empty" } : ["empty", "existing"])
        {
            var times = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var database = Path.Combine(BenchPaths.Data, "work-startup.db");
                foreach (var suffix in new[] { "", "-wal", "-shm" })
                {
                    File.Delete(database + suffix);
                }

                if (kind == "existing")
                {
                    database = await DataSet.WorkingCopyAsync(Million, "startup-existing", options.Log);
                }

                await using var bot = await BotProcess.StartAsync(database, keys.PublicKeyHex);
                times.Add(bot.StartupTime.TotalMilliseconds);
            }

            times.Sort();
            report.Row(kind, ("runs", runs), ("median_ms", times[times.Count / 2]), ("min_ms", times[0]), ("max_ms", times[^1]), ("target_ms", 2000.0));
        }

        await report.WriteAsync(Console.Out, options.Quick);
    }

    private static string SetUp(int cases, int warmUp, int measure) =>
        $"The bot in HTTP mode (child process, Kestrel on 127.0.0.1, SQLite) over one server of {cases:N0} generated cases. "
        + "Closed-loop load over keep-alive connections (one per worker); pre-signed requests: 10% PING, 30% /mycase show (random member), "
        + "30% /mycase update conditional (random member with an open case), 30% /stats (two thirds unfiltered, one third by applicant status). "
        + $"{warmUp} s warm-up, then {measure} s measured per concurrency. Server CPU = the bot's CPU time / wall time (2.0 = both cores); generator CPU = the same for this process (the load generator), measured over the same seconds.";

    /// <summary>
    /// Writes one case as another bot instance sharing the database would: the row, the server's version and
    /// the change log (<c>GuildChanges</c>), in one transaction.
    /// </summary>
    private static async Task WriteAsAnotherInstanceAsync(string database, long caseNumber)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA busy_timeout = 5000;
            BEGIN IMMEDIATE;
            UPDATE guild_versions SET version = version + 1 WHERE guild_id = $guild;
            UPDATE cases SET applicants = applicants % 5 + 1 WHERE guild_id = $guild AND case_number = $number;
            INSERT INTO case_changes (guild_id, version, case_id)
                SELECT $guild, v.version, c.id FROM guild_versions v, cases c
                WHERE v.guild_id = $guild AND c.guild_id = $guild AND c.case_number = $number;
            COMMIT;
            """;
        command.Parameters.AddWithValue("$guild", (long)DataSet.GuildId);
        command.Parameters.AddWithValue("$number", caseNumber);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The writer members of a data set and their application dates (read back: the data may be from another day).</summary>
    private static async Task<List<(int Case, DateOnly Applied)>> WritersAsync(string database, int cases)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT case_number, applied_day FROM cases WHERE case_number <= $n ORDER BY case_number";
        command.Parameters.AddWithValue("$n", DataSet.Writers(cases));
        var writers = new List<(int, DateOnly)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            writers.Add((reader.GetInt32(0), DateOnly.FromDayNumber(reader.GetInt32(1))));
        }

        return writers;
    }

    private static async Task<LoadRun> RunLoadAsync(
        BotProcess bot, Interactions keys, List<(int Case, DateOnly Applied)> writers, int cases, int concurrency, int warmUpSeconds, int measureSeconds, TextWriter log)
    {
        // Enough distinct interaction ids that none comes back while the bot's duplicate filter (4096) remembers it.
        var poolSize = 40_000;
        log.WriteLine($"  c={concurrency}: signing {poolSize:N0} requests…");
        var pool = new SignedRequest[poolSize];
        Parallel.For(0, poolSize, i =>
        {
            var random = new Random(i * 7919 + concurrency);
            var roll = random.Next(100);
            pool[i] = roll switch
            {
                < 10 => keys.Ping(),
                < 40 => keys.Show(random.Next(1, cases + 1)),
                < 70 => Update(keys, writers[random.Next(writers.Count)], random),
                _ => random.Next(3) == 0
                    ? keys.Stats(random.Next(1, cases + 1), Interactions.StatusNames[random.Next(Interactions.StatusNames.Length)])
                    : keys.Stats(random.Next(1, cases + 1)),
            };
        });

        using var client = new LoadClient(bot.BaseAddress, concurrency);
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        var measureFrom = started + (warmUpSeconds * Stopwatch.Frequency);
        var measureTo = measureFrom + (measureSeconds * Stopwatch.Frequency);
        // A thread of its own, so a busy thread pool cannot make it read the CPU time late.
        var cpuAtStart = TimeSpan.Zero;
        var generatorCpuAtStart = TimeSpan.Zero;
        var cpuThread = new Thread(() =>
        {
            Thread.Sleep(TimeSpan.FromSeconds(warmUpSeconds));
            cpuAtStart = bot.CpuTime;
            generatorCpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        });
        cpuThread.Start();
        var samples = new List<(RequestKind Kind, Outcome Outcome, long Ticks)>[concurrency];
        Workers.Run(concurrency, worker =>
        {
            var mine = samples[worker] = new List<(RequestKind, Outcome, long)>(200_000);
            while (true)
            {
                var now = Stopwatch.GetTimestamp();
                if (now >= measureTo)
                {
                    break;
                }

                var request = pool[(int)((uint)Interlocked.Increment(ref next) % (uint)pool.Length)];
                var (outcome, ticks) = client.Send(request);
                if (now >= measureFrom)
                {
                    mine.Add((request.Kind, outcome, ticks));
                }
            }
        });
        var cpu = bot.CpuTime - cpuAtStart;
        var generatorCpu = Process.GetCurrentProcess().TotalProcessorTime - generatorCpuAtStart;
        cpuThread.Join();
        var all = samples.SelectMany(s => s).ToList();
        var run = new LoadRun(all, measureSeconds, cpu.TotalSeconds / measureSeconds, generatorCpu.TotalSeconds / measureSeconds);
        log.WriteLine($"  c={concurrency}: {run.Throughput:N0} req/s, p99 {run.Latency.P99:F1} ms");
        return run;
    }

    private static SignedRequest Update(Interactions keys, (int Case, DateOnly Applied) writer, Random random) =>
        keys.Update(writer.Case, writer.Applied.AddDays(1 + random.Next(90)));

    private sealed record LoadRun(List<(RequestKind Kind, Outcome Outcome, long Ticks)> Samples, int Seconds, double ServerCpuCores, double GeneratorCpuCores)
    {
        public double Throughput => Samples.Count / (double)Seconds;

        public Latency Latency { get; } = Latency.Of(Samples.Select(s => s.Ticks).ToList());

        public void AddTo(Report report, string name)
        {
            report.Row(
                name,
                ("requests", Samples.Count),
                ("req_per_s", Throughput),
                ("p50_ms", Latency.P50),
                ("p95_ms", Latency.P95),
                ("p99_ms", Latency.P99),
                ("max_ms", Latency.Max),
                ("errors", Samples.Count(s => s.Outcome == Outcome.Error)),
                ("deferred", Samples.Count(s => s.Outcome == Outcome.Deferred)),
                ("server_cpu_cores", ServerCpuCores),
                ("generator_cpu_cores", GeneratorCpuCores));
            foreach (var kind in Enum.GetValues<RequestKind>())
            {
                var latency = Latency.Of(Samples.Where(s => s.Kind == kind).Select(s => s.Ticks).ToList());
                report.Row($"  {kind.ToString().ToLowerInvariant()}", ("requests", latency.Count), ("p50_ms", latency.P50), ("p95_ms", latency.P95), ("p99_ms", latency.P99), ("max_ms", latency.Max));
            }
        }
    }
}
