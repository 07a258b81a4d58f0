using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexus.Domain.Storage;
using Nexus.Domain.Storage.Migrations;

namespace Nexus.Bot.Cli;

/// <summary><c>migrate</c>: applies the database migrations, says what it applied, and exits.</summary>
internal static class MigrateVerb
{
    public static Command Create(VerbContext context)
    {
        var command = new Command("migrate", "Apply the database migrations and exit.");
        command.SetAction((_, cancellationToken) => RunAsync(context, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(VerbContext context, CancellationToken cancellationToken)
    {
        using var host = NexusHost.BuildToolHost(context.Configuration, configure: null, LogLevel.Information);
        var storage = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var report = await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        var output = context.Terminal.Output;
        foreach (var script in report.Applied)
        {
            await output.WriteLineAsync($"Applied {script}");
        }

        await output.WriteLineAsync(report.Applied.Count == 0
            ? $"Nothing to apply: the {storage.Provider} database is up to date ({report.AlreadyApplied} script(s) already applied)."
            : $"The {storage.Provider} database is up to date ({report.Applied.Count} applied now, {report.AlreadyApplied} before).");
        return NexusHost.ExitOk;
    }
}
