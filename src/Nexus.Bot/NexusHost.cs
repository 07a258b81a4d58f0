using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexus.Bot.Attachments;
using Nexus.Bot.Cli;
using Nexus.Bot.Hosting;
using Nexus.Bot.Localization;
using Nexus.Bot.Shell;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Hosting;
using Nexus.Discord.Http;
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
/// The entry point's logic: the command line (<see cref="NexusCommandLine"/>: the verbs <c>migrate</c>,
/// <c>commands export</c>, <c>stats --json</c>, <c>shell</c>) and, without a verb, the bot in <c>Discord:Mode</c>
/// Gateway (default) or Http. Expected start-up failures (bad configuration, a refused migration, bad arguments)
/// end with one line on stderr and a non-zero exit code, never a stack trace. What the host is made of is in
/// <see cref="NexusComposition"/>.
/// </summary>
internal static class NexusHost
{
    public const int ExitOk = 0;
    public const int ExitUsage = 64;
    public const int ExitConfiguration = 78;
    public const int ExitMigration = 70;

    /// <summary><c>stats --png</c> where charts can't be drawn (EX_UNAVAILABLE).</summary>
    public const int ExitChartUnavailable = 69;

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error) =>
        RunAsync(args, new Terminal(TextReader.Null, output, error, Interactive: false, Ansi: false));

    public static async Task<int> RunAsync(string[] args, Terminal terminal)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(terminal);

        // Members' language comes from their Discord client, never from the host's culture (see Languages).
        CultureInfo.DefaultThreadCurrentUICulture = Languages.English;
        CultureInfo.CurrentUICulture = Languages.English;
        if (!NexusCommandLine.TrySplit(args, out var configuration, out var verb, out var splitError))
        {
            await terminal.Error.WriteLineAsync(splitError);
            return ExitUsage;
        }

        var root = NexusCommandLine.Create(new VerbContext(terminal, configuration));
        // No response files: a configuration value may start with '@'.
        var parse = root.Parse(verb, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0)
        {
            // The mistakes, then the help of the command they were made in, all on stderr: stdout stays empty.
            foreach (var parseError in parse.Errors)
            {
                await terminal.Error.WriteLineAsync(parseError.Message);
            }

            await terminal.Error.WriteLineAsync();
            var path = new List<string>();
            for (var command = parse.CommandResult; command.Parent is CommandResult parent; command = parent)
            {
                path.Insert(0, command.Command.Name);
            }

            await root.Parse([.. path, "--help"]).InvokeAsync(new InvocationConfiguration { Output = terminal.Error });
            return ExitUsage;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                Output = terminal.Output,
                Error = terminal.Error,
                // Failures are reported below as one line; the generic host and the shell handle Ctrl+C themselves.
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            });
        }
        catch (OptionsValidationException ex)
        {
            await terminal.Error.WriteLineAsync($"Configuration error: {string.Join(" ", ex.Failures)}");
            return ExitConfiguration;
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OptionsValidationException))
        {
            // The start-up validator's way of reporting several sections at once.
            var failures = ex.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures);
            await terminal.Error.WriteLineAsync($"Configuration error: {string.Join(" ", failures)}");
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
        AddServiceManager(builder.Services);
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
        AddServiceManager(builder.Services);
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
    /// Under systemd (deploy/nexus.service, <c>Type=notify</c>): tells systemd when the bot is ready (after the
    /// migration and the start of every service) and when it stops, and writes logs in journald's format
    /// (<c>&lt;6&gt;</c> priority prefixes, one entry per message). Elsewhere it changes nothing.
    /// </summary>
    private static void AddServiceManager(IServiceCollection services) => services.AddSystemd();

    /// <summary>
    /// The arguments with the configuration files' reload turned off (a later
    /// <c>--hostBuilder:reloadConfigOnChange=true</c> argument still wins). The options are validated once, at
    /// start, so a reload could only bring in unvalidated values; and the reload's file watcher covers the
    /// whole content root, where the SQLite database and its WAL usually live, so every write woke it: a fifth
    /// of the bot's CPU under load (issue 7).
    /// </summary>
    internal static string[] WithoutConfigurationReload(string[] args) => ["--hostBuilder:reloadConfigOnChange=false", .. args];

    /// <summary>The bot, in the mode its configuration says; <paramref name="args"/> are configuration switches.</summary>
    internal static async Task<int> RunBotAsync(string[] args)
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
    /// keeps a thread per handler slot ready (<see cref="ThreadPoolFloor"/>), migrates the database and checks that
    /// its reads never wait for writers (<see cref="SnapshotReadsCheck"/>).
    /// </summary>
    public static async Task PrepareAsync(IServiceProvider services)
    {
        ValidateOptions(services);
        ThreadPoolFloor.Raise(services.GetRequiredService<IOptions<InteractionDispatchOptions>>().Value.MaxConcurrentInteractions);
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        await services.GetRequiredService<SnapshotReadsCheck>().CheckAsync(CancellationToken.None);
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

        // The shell awaits every reply and has no 3-second window: a timed defer would only add a "thinking"
        // line that depends on how busy the machine is, so a session's transcript would not repeat.
        services.PostConfigure<InteractionDispatchOptions>(o => o.DeferAfter = Timeout.InfiniteTimeSpan);

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
        // The verbs never start the host, so its start-up validation is run here: a bad key in any section is
        // the same one line as in the bot.
        ValidateOptions(host.Services);
        return host;
    }

    /// <summary>
    /// Runs every <c>ValidateOnStart</c> check now, as the host's start would, so a bad key is one line before
    /// anything is migrated or connected.
    /// </summary>
    private static void ValidateOptions(IServiceProvider services) =>
        services.GetService<IStartupValidator>()?.Validate();
}

/// <summary>Host log messages, with stable event ids (1000–1099).</summary>
internal static partial class BotLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Nexus is running in {Mode} mode on {Provider} storage")]
    public static partial void Starting(ILogger logger, DiscordMode mode, StorageProvider provider);
}
