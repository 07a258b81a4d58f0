using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Nexus.Bot.Tests.Hardening;
using Nexus.Testing;

namespace Nexus.Bot.Tests.Support;

/// <summary>
/// The built bot (Nexus.Bot.dll in this test's output) in HTTP mode as a long-running child process, started
/// the way systemd starts deploy/nexus.service: its parent process is named <c>systemd</c> and it has a
/// <c>NOTIFY_SOCKET</c> to report on. The test sees what systemd would: READY=1 and STOPPING=1, the logs in
/// journald's format, the exit code. Stops it with SIGTERM, as <c>systemctl stop</c> does.
/// </summary>
public sealed class SupervisedBot : IAsyncDisposable
{
    private readonly Process _parent;
    private readonly Socket _notify;
    private readonly ConcurrentQueue<string> _notifications = new();
    private readonly ConcurrentQueue<string> _output = new();
    private readonly Task _outputRead;
    private readonly Task _errorRead;
    private readonly StringBuilder _error = new();

    private SupervisedBot(Process parent, Socket notify, int port)
    {
        _parent = parent;
        _notify = notify;
        Port = port;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        _outputRead = Task.Run(async () =>
        {
            while (await parent.StandardOutput.ReadLineAsync() is { } line)
            {
                _output.Enqueue(line);
            }
        });
        _errorRead = Task.Run(async () =>
        {
            var text = await parent.StandardError.ReadToEndAsync();
            lock (_error)
            {
                _error.Append(text);
            }
        });
        _ = Task.Run(ReceiveNotificationsAsync);
    }

    public int Port { get; }

    public HttpClient Client { get; }

    /// <summary>What the bot sent on NOTIFY_SOCKET, in order (READY=1, STOPPING=1).</summary>
    public IReadOnlyList<string> Notifications => [.. _notifications];

    /// <summary>The bot's stdout lines so far (its console log).</summary>
    public IReadOnlyList<string> Output => [.. _output];

    /// <summary>
    /// Starts the bot in HTTP mode on a free port over <paramref name="folder"/>'s database, with
    /// <paramref name="signer"/>'s public key; REST goes to a closed local port (edits of deferred replies fail,
    /// as in the benchmarks). <paramref name="settings"/> are more <c>--Key=value</c> arguments.
    /// </summary>
    public static async Task<SupervisedBot> StartAsync(TempFolder folder, Ed25519TestSigner signer, params string[] settings)
    {
        var bot = Path.Combine(AppContext.BaseDirectory, "Nexus.Bot.dll");
        Assert.True(File.Exists(bot), $"{bot} is missing from the test output.");
        var name = Guid.NewGuid().ToString("N")[..8];
        var systemd = Path.Combine(folder.Path, name, "systemd");
        Directory.CreateDirectory(Path.GetDirectoryName(systemd)!);
        // A shell named systemd: the bot checks its parent's name (/proc/<ppid>/comm) to know it runs as a service.
        File.Copy("/bin/sh", systemd);
        var socketPath = Path.Combine(folder.Path, name, "notify");
        var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        notify.Bind(new UnixDomainSocketEndPoint(socketPath));
        var port = FreePort();

        var start = new ProcessStartInfo(systemd)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The shell starts the bot as its child and exits with the bot's exit code.
        foreach (var argument in new[] { "-c", "\"$@\" & wait $!", "systemd", Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", bot })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in new[]
        {
            "--Discord:Mode=Http",
            $"--urls=http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            $"--Discord:PublicKey={signer.PublicKeyHex}",
            $"--Discord:ApplicationId={BotRequests.ApplicationId.ToString(CultureInfo.InvariantCulture)}",
            "--Discord:ApiBaseUrl=http://127.0.0.1:9/api",
            folder.ConnectionArgument,
        }.Concat(settings))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Storage__", StringComparison.Ordinal) || k.StartsWith("Discord__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["NOTIFY_SOCKET"] = socketPath;
        var supervised = new SupervisedBot(Process.Start(start)!, notify, port);
        supervised._parent.StandardInput.Close();
        await supervised.WaitForNotificationAsync("READY=1");
        return supervised;
    }

    /// <summary>Waits until the bot has sent <paramref name="state"/> (or fails with its stderr).</summary>
    public async Task WaitForNotificationAsync(string state)
    {
        if (!await WaitFor.TryUntilAsync(() => _notifications.Contains(state) || _parent.HasExited, TimeSpan.FromSeconds(60)) || !_notifications.Contains(state))
        {
            Assert.Fail($"The bot did not notify {state}; it sent [{string.Join(", ", _notifications)}]. Its stderr: {ErrorText}");
        }
    }

    /// <summary>Sends SIGTERM to the bot (not to its parent), as <c>systemctl stop</c> does.</summary>
    public async Task TerminateAsync()
    {
        var pid = await BotPidAsync();
        using var kill = Process.Start("/bin/sh", ["-c", $"kill -TERM {pid.ToString(CultureInfo.InvariantCulture)}"])!;
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Waits for the bot to exit and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        await _parent.WaitForExitAsync(limit.Token);
        await Task.WhenAll(_outputRead, _errorRead);
        return _parent.ExitCode;
    }

    public string ErrorText
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_parent.HasExited)
        {
            _parent.Kill(entireProcessTree: true);
            await _parent.WaitForExitAsync();
        }

        _parent.Dispose();
        _notify.Dispose();
    }

    private async Task<int> BotPidAsync()
    {
        // The shell's only child is the bot.
        var children = $"/proc/{_parent.Id}/task/{_parent.Id}/children";
        string text = "";
        await WaitFor.UntilAsync(() => (text = File.ReadAllText(children).Trim()).Length > 0, "the bot process under its parent");
        return int.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private async Task ReceiveNotificationsAsync()
    {
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var received = await _notify.ReceiveAsync(buffer, SocketFlags.None);
                // One datagram may carry several newline-separated assignments.
                foreach (var state in Encoding.UTF8.GetString(buffer, 0, received).Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    _notifications.Enqueue(state);
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Disposed at the end of the test.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
