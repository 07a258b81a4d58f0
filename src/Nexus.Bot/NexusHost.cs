using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexus.Bot.Attachments;
using Nexus.Bot.Cli;
using Nexus.Bot.Hosting;
using Nexus.Bot.Shell;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Hosting;
using Nexus.Discord.Http;
using Nexus.Discord.Json;
using Nexus.Domain.Cases;
using Nexus.Domain.Moderation;
using Nexus.Domain.Statistics;
using Nexus.Domain.Storage;
using Nexus.Domain.Storage.Migrations;

namespace Nexus.Bot;

/// <summary>Where the process reads and writes: the console in production, readers and writers in tests.</summary>
/// <param name="Input">Standard input (the shell reads it).</param>
/// <param name="Output">Standard output: only what a verb prints (JSON, the shell's transcript).</param>
/// <param name="Error">Standard error: configuration errors, usage, logs of the verbs.</param>
/// <param name="Interactive">True when the input is a terminal (the shell shows a prompt).</param>
/// <param name="Ansi">True when the output is a terminal (colours).</param>
internal sealed record Terminal(TextReader Input, TextWriter Output, TextWriter Error, bool Interactive, bool Ansi);

/// <summary>
/// The entry point's logic: the verbs (<c>migrate</c>, <c>commands export</c>, <c>stats --json</c>,
/// <c>shell</c>) and, without a verb, the bot in <c>Discord:Mode</c> Gateway (default) or Http. Expected
/// start-up failures (bad configuration, a refused migration, bad arguments) end with one line on stderr and
/// a non-zero exit code, never a stack trace. What the host is made of is in <see cref="NexusComposition"/>.
/// </summary>
internal static class NexusHost
{
    public const string MigrateVerb = "migrate";

    public const int ExitOk = 0;
    public const int ExitUsage = 64;
    public const int ExitConfiguration = 78;
    public const int ExitMigration = 70;

    public const string Usage = """
        Usage: dotnet run --project src/Nexus.Bot -- [command] [--Section:Key=value ...]
          (no command)       run the bot (Discord:Mode Gateway or Http; Http listens where --urls says)
          migrate            apply the database migrations and exit
          commands export    print the JSON array of commands that registration would PUT
          stats --json [--db PATH] [--server NAME] [--today YYYY-MM-DD] [--type initial|renewal]
                       [--status us-citizen|ca-citizen|us-pr|ca-pr|mx-national] [--centre CODE] [--since YYYY-MM-DD]
                             print the /stats figures as JSON
          shell [--db PATH] [--demo] [--today YYYY-MM-DD]
                             type slash commands locally, on the embedded SQLite database
        """;

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error) =>
        RunAsync(args, new Terminal(TextReader.Null, output, error, Interactive: false, Ansi: false));

    public static async Task<int> RunAsync(string[] args, Terminal terminal)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(terminal);
        // A verb is a first argument that is not a configuration switch (--Key=value).
        var verb = args.Length > 0 && !args[0].StartsWith('-') && !args[0].Contains('=', StringComparison.Ordinal) ? args[0] : null;
        try
        {
            return verb switch
            {
                null => await RunBotAsync(args),
                MigrateVerb => await MigrateAsync(args[1..], terminal),
                "commands" when args.Length > 1 && args[1] == "export" => await ExportCommandsAsync(args[2..], terminal),
                "stats" => await StatsAsync(args[1..], terminal),
                "shell" => await ShellAsync(args[1..], terminal),
                _ => await UsageErrorAsync(terminal, verb == "commands" ? "'commands' needs 'export'." : $"Unknown command '{verb}'."),
            };
        }
        catch (CliUsageException ex)
        {
            return await UsageErrorAsync(terminal, ex.Message);
        }
        catch (OptionsValidationException ex)
        {
            await terminal.Error.WriteLineAsync($"Configuration error: {string.Join(" ", ex.Failures)}");
            return ExitConfiguration;
        }
        catch (InvalidOperationException ex) when (ex.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
        {
            // The binder's own message names the key and the value, e.g. Storage:Provider.
            await terminal.Error.WriteLineAsync($"Configuration error: {ex.Message}");
            return ExitConfiguration;
        }
        catch (MigrationException ex)
        {
            await terminal.Error.WriteLineAsync($"Migration error: {ex.Message}");
            return ExitMigration;
        }
        catch (StorageSetupException ex)
        {
            await terminal.Error.WriteLineAsync($"Storage error: {ex.Message}");
            return ExitConfiguration;
        }
    }

    /// <summary>
    /// The bot in Gateway mode: the generic host with the gateway, its pump, REST and registration.
    /// <paramref name="configure"/> runs after the composition (tests swap the transport or the REST handler).
    /// </summary>
    public static IHost BuildGatewayHost(string[] args, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(WithoutConfigurationReload(args));
        NexusComposition.AddUserSecretsInOrder(builder.Configuration);
        builder.Services.AddNexusBot(DiscordMode.Gateway);
        configure?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>
    /// The bot in HTTP mode: an ASP.NET Core app in the generic host serving <c>POST /interactions</c> and
    /// <c>GET /healthz</c>, listening where <c>--urls</c> says. <paramref name="configure"/> runs after the
    /// composition (tests use a TestServer and a stub REST handler).
    /// </summary>
    public static WebApplication BuildHttpApp(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = WithoutConfigurationReload(args) });
        NexusComposition.AddUserSecretsInOrder(builder.Configuration);
        builder.Services.AddNexusBot(DiscordMode.Http);
        // One line per request from ASP.NET Core at Information is noise here: the endpoint logs what it refuses.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        configure?.Invoke(builder);
        var app = builder.Build();
        // Checked before the endpoint is mapped (mapping creates the verifier with the key), so a missing
        // or malformed key is the one line the operator sees.
        _ = app.Services.GetRequiredService<IOptions<DiscordOptions>>().Value;
        app.MapDiscordInteractions();
        return app;
    }

    /// <summary>
    /// The arguments with the configuration files' reload turned off (a later
    /// <c>--hostBuilder:reloadConfigOnChange=true</c> argument still wins). The options are validated once, at
    /// start, so a reload could only bring in unvalidated values; and the reload's file watcher covers the
    /// whole content root, where the SQLite database and its WAL usually live, so every write woke it: a fifth
    /// of the bot's CPU under load (issue 7).
    /// </summary>
    internal static string[] WithoutConfigurationReload(string[] args) => ["--hostBuilder:reloadConfigOnChange=false", .. args];

    private static async Task<int> RunBotAsync(string[] args)
    {
        // The mode decides which kind of host to build, so read it from the same sources first.
        var probe = WebApplication.CreateBuilder(new WebApplicationOptions { Args = WithoutConfigurationReload(args) });
        NexusComposition.AddUserSecretsInOrder(probe.Configuration);
        var mode = probe.Configuration.GetValue<DiscordMode?>($"{DiscordOptions.SectionName}:{nameof(DiscordOptions.Mode)}") ?? DiscordMode.Gateway;

        IHost host = mode == DiscordMode.Http ? BuildHttpApp(args) : BuildGatewayHost(args);
        using (host)
        {
            await PrepareAsync(host.Services);
            var logger = host.Services.GetRequiredService<ILogger<Program>>();
            var provider = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value.Provider;
            BotLog.Starting(logger, mode, provider);
            await host.RunAsync();
            return Environment.ExitCode;
        }
    }

    /// <summary>
    /// Checks every option now (so a bad key is one line, not a stack trace from the host's start),
    /// migrates the database and checks that its reads never wait for writers (<see cref="SnapshotReadsCheck"/>).
    /// </summary>
    public static async Task PrepareAsync(IServiceProvider services)
    {
        _ = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        _ = services.GetRequiredService<IOptions<DiscordOptions>>().Value;
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        await services.GetRequiredService<SnapshotReadsCheck>().CheckAsync(CancellationToken.None);
    }

    private static async Task<int> MigrateAsync(string[] args, Terminal terminal)
    {
        using var host = BuildToolHost(args, configure: null, LogLevel.Information);
        var storage = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var report = await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        foreach (var script in report.Applied)
        {
            await terminal.Output.WriteLineAsync($"Applied {script}");
        }

        await terminal.Output.WriteLineAsync(report.Applied.Count == 0
            ? $"Nothing to apply: the {storage.Provider} database is up to date ({report.AlreadyApplied} script(s) already applied)."
            : $"The {storage.Provider} database is up to date ({report.Applied.Count} applied now, {report.AlreadyApplied} before).");
        return ExitOk;
    }

    private static async Task<int> ExportCommandsAsync(string[] args, Terminal terminal)
    {
        if (args.Length > 0)
        {
            throw new CliUsageException($"'commands export' takes no options ('{args[0]}').");
        }

        // Only the definitions: no database, no Discord, no configuration needed.
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddNexusInteractions();
        await using var provider = services.BuildServiceProvider();
        var commands = provider.GetRequiredService<InteractionRegistry>().GetApplicationCommands();
        // The same serialisation the registration PUT uses, byte for byte.
        var json = JsonSerializer.Serialize(commands, DiscordJsonContext.Default.IReadOnlyListApplicationCommandJson);
        await terminal.Output.WriteLineAsync(json);
        return ExitOk;
    }

    private static async Task<int> StatsAsync(string[] args, Terminal terminal)
    {
        var options = CliArguments.Parse(args, ["--db", "--server", "--today", "--type", "--status", "--centre", "--since"], ["--json"]);
        if (!options.Has("--json"))
        {
            throw new CliUsageException("'stats' prints JSON: add --json.");
        }

        ApplicationType? type = null;
        if (options.Get("--type") is { } typeText)
        {
            type = WireNames.TryParseType(typeText, out var parsed) ? parsed : throw new CliUsageException($"--type takes initial or renewal, not '{typeText}'.");
        }

        ApplicantStatus? status = null;
        if (options.Get("--status") is { } statusText)
        {
            status = WireNames.TryParseStatus(statusText, out var parsed)
                ? parsed
                : throw new CliUsageException($"--status takes one of {string.Join(", ", WireNames.AllStatuses.Select(s => s.Name))}, not '{statusText}'.");
        }

        var centre = options.Get("--centre");
        if (centre is not null && EnrolmentCentres.Default.Find(centre) is null)
        {
            throw new CliUsageException($"--centre takes a centre code such as us-wa-blaine, not '{centre}'.");
        }

        var today = options.GetDate("--today");
        var since = options.GetDate("--since");
        var server = options.Get("--server") ?? LocalIds.DefaultServer;
        var clock = new ShellClock();
        clock.SetToday(today);

        using var host = BuildToolHost(options.Configuration, services => services.AddSingleton<TimeProvider>(clock), LogLevel.Warning, options.Get("--db"));
        await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        var guildId = LocalIds.Server(server);
        var report = await host.Services.GetRequiredService<StatsService>()
            .GetStatsAsync(guildId, new StatsFilter(type, status, centre, since), CancellationToken.None);

        using var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            StatsJsonWriter.Write(json, server, guildId, report);
        }

        await terminal.Output.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        return ExitOk;
    }

    private static async Task<int> ShellAsync(string[] args, Terminal terminal)
    {
        var options = CliArguments.Parse(args, ["--db", "--today"], ["--demo"]);
        var clock = new ShellClock();
        // Fixing the day before --demo makes the demo, and so the whole session, repeatable.
        clock.SetToday(options.GetDate("--today"));
        using var host = BuildToolHost(options.Configuration, services => AddShellServices(services, clock), LogLevel.Warning, options.Get("--db"));
        await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        var engine = CreateShell(host.Services, clock, terminal.Output, terminal.Ansi);
        if (options.Has("--demo"))
        {
            var created = await DemoCases.SeedAsync(
                host.Services.GetRequiredService<ICaseRepository>(),
                host.Services.GetRequiredService<IStatsSource>(),
                engine.Session.ServerId,
                clock,
                CancellationToken.None);
            engine.Renderer.Note(created > 0
                ? $"Demo: created {created} synthetic cases in server '{engine.Session.ServerName}'."
                : $"Demo: server '{engine.Session.ServerName}' already has cases; nothing was added.");
        }

        return await engine.RunAsync(terminal.Input, terminal.Interactive, CancellationToken.None);
    }

    /// <summary>
    /// What the shell's host has beyond the verbs' host: its settable clock as the domain's
    /// <see cref="TimeProvider"/>. Registered before the application, whose TryAdd then keeps it.
    /// </summary>
    public static void AddShellServices(IServiceCollection services, ShellClock clock)
    {
        services.AddSingleton<TimeProvider>(clock);

        // Attachment options in the shell are files typed at the keyboard, passed on as file:// URLs.
        services.Configure<AttachmentReaderOptions>(o => o.AllowFileUrls = true);

        // The feed has no Discord channel to post to here; the shell shows what it would post.
        services.AddSingleton<ShellFeed>();
        services.AddSingleton<ICaseChangeObserver>(provider => provider.GetRequiredService<ShellFeed>());
        services.AddSingleton<IMemberNoticeObserver>(provider => provider.GetRequiredService<ShellFeed>());
    }

    /// <summary>The shell's engine over a host built by <see cref="BuildToolHost"/> (tests build their own).</summary>
    public static ShellEngine CreateShell(IServiceProvider services, ShellClock clock, TextWriter output, bool ansi) =>
        new(services.GetRequiredService<IInteractionDispatcher>(), services.GetRequiredService<InteractionRegistry>(), clock, output, ansi, services.GetService<ShellFeed>());

    /// <summary>
    /// The host of the verbs and the shell: the shared application (storage, handlers, interactions) without
    /// any Discord transport or REST; logs on stderr, so stdout holds only what the verb prints.
    /// <paramref name="database"/> (<c>--db</c>) selects a SQLite file.
    /// </summary>
    public static IHost BuildToolHost(string[] args, Action<IServiceCollection>? configure, LogLevel minimumLevel, string? database = null)
    {
        var builder = Host.CreateApplicationBuilder(WithoutConfigurationReload(args));
        NexusComposition.AddUserSecretsInOrder(builder.Configuration);
        if (database is not null)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:Provider"] = nameof(StorageProvider.Sqlite),
                ["Storage:ConnectionString"] = $"Data Source={Path.GetFullPath(database)}",
            });
        }

        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(minimumLevel);
        // stderr only: stdout carries the verb's output (JSON, the shell's transcript) and nothing else.
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        configure?.Invoke(builder.Services);
        builder.Services.AddNexusApplication();
        var host = builder.Build();
        _ = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        return host;
    }

    private static async Task<int> UsageErrorAsync(Terminal terminal, string message)
    {
        await terminal.Error.WriteLineAsync(message);
        await terminal.Error.WriteLineAsync(Usage);
        return ExitUsage;
    }
}

/// <summary>Host log messages, with stable event ids (1000–1099).</summary>
internal static partial class BotLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Nexus is running in {Mode} mode on {Provider} storage")]
    public static partial void Starting(ILogger logger, DiscordMode mode, StorageProvider provider);
}
