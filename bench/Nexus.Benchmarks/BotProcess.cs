using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Nexus.Benchmarks;

/// <summary>
/// The real bot in HTTP mode as a child process (<c>dotnet Nexus.Bot.dll</c>, Kestrel on 127.0.0.1), so its
/// CPU time and peak RSS can be read from /proc without the load generator's share.
/// </summary>
internal sealed class BotProcess : IAsyncDisposable
{
    private readonly Process _process;
    private long _logLines;
    private bool _disposed;

    // The bot's last log lines, written to bench/data/last-bot.log when it stops (to look into errors).
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _tail = new();

    private BotProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int Pid => _process.Id;

    /// <summary>Lines the bot wrote to stdout and stderr (its logs) since it started.</summary>
    public long LogLines => Interlocked.Read(ref _logLines);

    /// <summary>How long from Process.Start to the first 200 from /healthz.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>
    /// Starts the bot on <paramref name="database"/> with <paramref name="publicKeyHex"/> as Discord:PublicKey and
    /// waits until /healthz answers. REST (deferred replies' edits, the /stats chart's upload) goes to
    /// <see cref="RestSink"/>, which answers at once; the scenarios still count deferrals.
    /// </summary>
    public static async Task<BotProcess> StartAsync(string database, string publicKeyHex, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(BenchPaths.BotAssembly);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Discord__Mode"] = "Http",
            ["Discord__PublicKey"] = publicKeyHex,
            ["Discord__ApplicationId"] = Interactions.ApplicationId.ToString(CultureInfo.InvariantCulture),
            ["Discord__ApiBaseUrl"] = RestSink.Shared.BaseUrl,
            ["Discord__Registration__StateDirectory"] = Path.Combine(BenchPaths.Data, ".nexus"),
            ["Storage__Provider"] = "Sqlite",
            ["Storage__ConnectionString"] = $"Data Source={database}",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var watch = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var bot = new BotProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => bot.Count(e.Data);
        process.ErrorDataReceived += (_, e) => bot.Count(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new HttpClient { BaseAddress = bot.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The bot exited with {process.ExitCode} before it was ready.");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("healthz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but slow to answer (a loaded machine): ask again until the 60 s limit.
            }

            if (watch.Elapsed > TimeSpan.FromSeconds(60))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("The bot was not ready within 60 s.");
            }

            await Task.Delay(5);
        }

        bot.StartupTime = watch.Elapsed;
        return bot;
    }

    /// <summary>User plus system CPU time the bot has used so far (/proc/&lt;pid&gt;/stat).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Peak resident set size so far (VmHWM in /proc/&lt;pid&gt;/status), in MiB.</summary>
    public double PeakRssMiB => ReadStatusKiB("VmHWM:") / 1024.0;

    /// <summary>Current resident set size (VmRSS), in MiB.</summary>
    public double RssMiB => ReadStatusKiB("VmRSS:") / 1024.0;

    private long ReadStatusKiB(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(field.Length).Trim().ToString().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"{field} missing from /proc/{Pid}/status");
    }

    private void Count(string? line)
    {
        if (line is not null)
        {
            Interlocked.Increment(ref _logLines);
            _tail.Enqueue(line);
            while (_tail.Count > 400)
            {
                _tail.TryDequeue(out _);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Idempotent: a scenario may stop the bot early (to measure without it) and then leave its using block.
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        await File.WriteAllLinesAsync(Path.Combine(BenchPaths.Data, "last-bot.log"), _tail);
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
