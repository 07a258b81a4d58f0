using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexus.Domain.Storage;

namespace Nexus.Bot.Cli;

/// <summary>
/// <c>backup FILE</c>: copies the live SQLite database to FILE with SQLite's online backup API while the bot
/// runs (<see cref="SqliteBackup"/>), checks the copy and prints its size, case count and schema.
/// </summary>
internal static class BackupVerb
{
    /// <summary>The exit code of a backup that did not produce a sound copy (sysexits' EX_IOERR).</summary>
    public const int ExitBackupFailed = 74;

    public static Command Create(VerbContext context)
    {
        var file = new Argument<string>("FILE") { Description = "Where to write the copy; a file already there is replaced once the new copy has passed its check." };
        var database = CliOptions.Database();
        database.Description = "The SQLite database file to copy, instead of the one Storage:ConnectionString names.";
        var command = new Command("backup", "Copy the live SQLite database to FILE while the bot runs, check the copy and print its size and case count.")
        {
            file,
            database,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(context, parse.GetValue(file)!, parse.GetValue(database), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(VerbContext context, string file, string? database, CancellationToken cancellationToken)
    {
        using var host = NexusHost.BuildToolHost(context.Configuration, configure: null, LogLevel.Warning, database);
        var storage = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (storage.Provider != StorageProvider.Sqlite)
        {
            await context.Terminal.Error.WriteLineAsync(
                "backup copies a SQLite database, and Storage:Provider is SqlServer: use the server's own backups (BACKUP DATABASE, or your provider's automated backups).");
            return NexusHost.ExitUsage;
        }

        try
        {
            // No migration: a copy is of the database as it is, whatever release wrote it.
            var report = await SqliteBackup.CopyAsync(storage.EffectiveConnectionString, file, cancellationToken);
            await context.Terminal.Output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"Backed up {report.Source} to {report.Destination}: {report.SizeBytes / 1_048_576.0:0.0} MiB, {(report.Cases == 1 ? "1 case" : report.Cases.ToString("N0", CultureInfo.InvariantCulture) + " cases")}, schema {report.Schema}, integrity check ok."));
            return NexusHost.ExitOk;
        }
        catch (BackupException ex)
        {
            await context.Terminal.Error.WriteLineAsync($"Backup error: {ex.Message}");
            return ExitBackupFailed;
        }
    }
}
