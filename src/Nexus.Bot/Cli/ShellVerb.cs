using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexus.Bot.Localization;
using Nexus.Bot.Shell;
using Nexus.Domain.Cases;
using Nexus.Domain.Statistics;
using Nexus.Domain.Storage;
using Nexus.Domain.Storage.Migrations;

namespace Nexus.Bot.Cli;

/// <summary><c>shell</c>: slash commands typed locally, on the embedded SQLite database, with no Discord.</summary>
internal static class ShellVerb
{
    public static Command Create(VerbContext context)
    {
        var database = CliOptions.Database();
        var demo = new Option<bool>("--demo") { Description = $"Add {DemoCases.Count} synthetic cases to the server first (once), so /stats and /cases show something." };
        var today = CliOptions.Date("--today", "Pretend today is this day (the shell's :today changes it later).");
        var locale = CliOptions.Locale();
        var charts = new Option<string?>("--charts") { Description = "Where to save the files replies carry (the /stats chart); default: beside the database.", HelpName = "DIR" };
        var command = new Command("shell", "Type slash commands as in Discord, locally, with no Discord account.")
        {
            database, demo, today, charts, locale,
        };
        command.SetAction((parse, cancellationToken) =>
            RunAsync(context, parse.GetValue(database), parse.GetValue(demo), parse.GetValue(today), parse.GetValue(charts), parse.GetValue(locale)!, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(VerbContext context, string? database, bool demo, DateOnly? today, string? charts, string locale, CancellationToken cancellationToken)
    {
        var terminal = context.Terminal;
        var clock = new ShellClock();
        // Fixing the day before --demo makes the demo, and so the whole session, repeatable.
        clock.SetToday(today);
        using var host = NexusHost.BuildToolHost(context.Configuration, services => NexusHost.AddShellServices(services, clock), LogLevel.Warning, database);
        await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        var engine = NexusHost.CreateShell(host.Services, clock, terminal.Output, terminal.Ansi);
        engine.Renderer.FilesDirectory = Path.GetFullPath(charts ?? DatabaseDirectory(host.Services));
        engine.Session.Locale = Languages.LocaleOf(Languages.For(locale));
        if (demo)
        {
            var created = await DemoCases.SeedAsync(
                host.Services.GetRequiredService<ICaseRepository>(),
                host.Services.GetRequiredService<IStatsSource>(),
                engine.Session.ServerId,
                clock,
                cancellationToken);
            engine.Renderer.Note(created > 0
                ? $"Demo: created {created} synthetic cases in server '{engine.Session.ServerName}'."
                : $"Demo: server '{engine.Session.ServerName}' already has cases; nothing was added.");
        }

        return await engine.RunAsync(terminal.Input, terminal.Interactive, cancellationToken);
    }

    // The folder of the SQLite database file, where the shell saves charts; the current folder for any other database.
    private static string DatabaseDirectory(IServiceProvider services)
    {
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (storage.Provider == StorageProvider.Sqlite)
        {
            var source = new SqliteConnectionStringBuilder(storage.EffectiveConnectionString);
            if (source.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(source.DataSource) && source.DataSource != ":memory:")
            {
                return Path.GetDirectoryName(Path.GetFullPath(source.DataSource)) ?? Directory.GetCurrentDirectory();
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
