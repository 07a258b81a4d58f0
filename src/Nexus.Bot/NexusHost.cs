using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexus.Domain.Storage;
using Nexus.Domain.Storage.Migrations;

namespace Nexus.Bot;

/// <summary>
/// Builds the host, migrates the database, then runs the bot, or, with the <c>migrate</c> verb, only
/// migrates and exits. Expected start-up failures (bad configuration, a refused migration) end with one
/// line on stderr and a non-zero exit code, never a stack trace.
/// </summary>
internal static class NexusHost
{
    public const string MigrateVerb = "migrate";

    public const int ExitOk = 0;
    public const int ExitUsage = 64;
    public const int ExitConfiguration = 78;
    public const int ExitMigration = 70;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        // A verb is a first argument that is not a configuration switch (--Key=value).
        var verb = args.Length > 0 && !args[0].StartsWith('-') && !args[0].Contains('=', StringComparison.Ordinal) ? args[0] : null;
        if (verb is not null && verb != MigrateVerb)
        {
            await error.WriteLineAsync($"Unknown command '{verb}'. Run with '{MigrateVerb}' to migrate the database, or with no command to run the bot.");
            return ExitUsage;
        }

        var builder = Host.CreateApplicationBuilder(verb is null ? args : args[1..]);
        builder.Services.AddNexusStorage();
        using var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILogger<Program>>();

        try
        {
            var storage = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
            var report = await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
            if (verb == MigrateVerb)
            {
                foreach (var script in report.Applied)
                {
                    await output.WriteLineAsync($"Applied {script}");
                }

                await output.WriteLineAsync(report.Applied.Count == 0
                    ? $"Nothing to apply: the {storage.Provider} database is up to date ({report.AlreadyApplied} script(s) already applied)."
                    : $"The {storage.Provider} database is up to date ({report.Applied.Count} applied now, {report.AlreadyApplied} before).");
                return ExitOk;
            }

            BotLog.Starting(logger, storage.Provider);
        }
        catch (OptionsValidationException ex)
        {
            await error.WriteLineAsync($"Configuration error: {string.Join(" ", ex.Failures)}");
            return ExitConfiguration;
        }
        catch (InvalidOperationException ex) when (ex.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
        {
            // The binder's own message names the key and the value, e.g. Storage:Provider.
            await error.WriteLineAsync($"Configuration error: {ex.Message}");
            return ExitConfiguration;
        }
        catch (MigrationException ex)
        {
            await error.WriteLineAsync($"Migration error: {ex.Message}");
            return ExitMigration;
        }

        await host.RunAsync();
        return ExitOk;
    }
}

/// <summary>Host log messages, with stable event ids (1000–1099).</summary>
internal static partial class BotLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Nexus is running on {Provider} storage")]
    public static partial void Starting(ILogger logger, StorageProvider provider);
}
