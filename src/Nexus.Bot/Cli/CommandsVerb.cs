using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Bot.Hosting;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Json;

namespace Nexus.Bot.Cli;

/// <summary><c>commands …</c>: the application commands Nexus registers with Discord.</summary>
internal static class CommandsVerb
{
    public static Command Create(VerbContext context) =>
        new("commands", "The slash commands Nexus registers with Discord.")
        {
            CreateExport(context),
        };

    /// <summary><c>commands export</c>: the JSON array registration would PUT, and nothing else on stdout.</summary>
    private static Command CreateExport(VerbContext context)
    {
        var command = new Command("export", "Print the JSON array of commands that registration would PUT.");
        command.SetAction((_, _) => ExportAsync(context));
        return command;
    }

    private static async Task<int> ExportAsync(VerbContext context)
    {
        // Only the definitions: no database, no Discord, no configuration needed.
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddNexusInteractions();
        await using var provider = services.BuildServiceProvider();
        var commands = provider.GetRequiredService<InteractionRegistry>().GetApplicationCommands();
        // The same serialisation the registration PUT uses, byte for byte.
        var json = JsonSerializer.Serialize(commands, DiscordJsonContext.Default.IReadOnlyListApplicationCommandJson);
        await context.Terminal.Output.WriteLineAsync(json);
        return NexusHost.ExitOk;
    }
}
