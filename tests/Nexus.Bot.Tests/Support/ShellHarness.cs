using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nexus.Bot.Shell;
using Nexus.Domain.Cases;
using Nexus.Domain.Statistics;
using Nexus.Domain.Storage.Migrations;

namespace Nexus.Bot.Tests.Support;

/// <summary>
/// The shell engine in-process, on the real host of the verbs (storage, handlers, dispatcher) over a
/// fresh SQLite file, writing to a string without a terminal, exactly as <c>shell</c> builds it.
/// </summary>
internal sealed class ShellHarness : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly StringWriter _output = new();
    private int _read;

    private ShellHarness(string? database)
    {
        DatabasePath = database ?? _folder.Database;
        Host = NexusHost.BuildToolHost([], services => NexusHost.AddShellServices(services, Clock), LogLevel.Warning, DatabasePath);
        Engine = NexusHost.CreateShell(Host.Services, Clock, _output, ansi: false);
    }

    public IHost Host { get; }

    public ShellClock Clock { get; } = new();

    public ShellEngine Engine { get; }

    public string DatabasePath { get; }

    /// <summary>A shell on a fresh database, or on <paramref name="database"/> (which the caller then owns).</summary>
    public static async Task<ShellHarness> StartAsync(DateOnly? today = null, string? database = null)
    {
        var harness = new ShellHarness(database);
        harness.Clock.SetToday(today);
        await harness.Host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        return harness;
    }

    /// <summary>Seeds the demo cases into the current server, as <c>--demo</c> does.</summary>
    public Task<int> SeedDemoAsync() => DemoCases.SeedAsync(
        Host.Services.GetRequiredService<ICaseRepository>(),
        Host.Services.GetRequiredService<IStatsSource>(),
        Engine.Session.ServerId,
        Clock,
        CancellationToken.None);

    /// <summary>Runs the lines as piped input; returns the exit code and what was written since the last call.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(params string[] lines)
    {
        var exit = await Engine.RunAsync(new StringReader(string.Join('\n', lines)), interactive: false, CancellationToken.None);
        return (exit, Take());
    }

    /// <summary>Runs the lines and returns only the output.</summary>
    public async Task<string> OutputOfAsync(params string[] lines) => (await RunAsync(lines)).Output;

    private string Take()
    {
        var all = _output.ToString();
        var text = all[_read..];
        _read = all.Length;
        return text.ReplaceLineEndings("\n");
    }

    public void Dispose()
    {
        Host.Dispose();
        _output.Dispose();
        _folder.Dispose();
    }
}
