using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexus.Bot.Hosting;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Hosting;
using Nexus.Discord.Json;
using Nexus.Discord.Registration;
using Nexus.Discord.Rest;

namespace Nexus.Bot.Cli;

/// <summary><c>commands …</c>: the application commands Nexus registers with Discord.</summary>
internal static class CommandsVerb
{
    /// <summary>The exit code of a registration Discord refused or that could not reach it (sysexits' EX_UNAVAILABLE).</summary>
    public const int ExitRegistrationFailed = 69;

    public static Command Create(VerbContext context) =>
        new("commands", "The slash commands Nexus registers with Discord.")
        {
            CreateExport(context),
            CreateRegister(context),
        };

    /// <summary><c>commands export</c>: the JSON array registration would PUT, and nothing else on stdout.</summary>
    private static Command CreateExport(VerbContext context)
    {
        var command = new Command("export", "Print the JSON array of commands that registration would PUT.");
        command.SetAction((_, _) => ExportAsync(context));
        return command;
    }

    /// <summary>
    /// <c>commands register [--force]</c>: what the bot does at start, now, and says what happened. Without
    /// <c>--force</c> nothing is sent when this database's record says Discord already has these commands.
    /// </summary>
    private static Command CreateRegister(VerbContext context)
    {
        var force = new Option<bool>("--force")
        {
            Description = "Send the commands even when the last registration recorded for this database sent the same ones "
                + "(they were deleted in the Developer Portal, or another tool changed them).",
        };
        var database = CliOptions.Database();
        database.Description = "The SQLite database whose registration record to read and write, instead of the one Storage:ConnectionString names.";
        var command = new Command(
            "register",
            "Register the slash commands with Discord now (in Discord:DevGuildId when set, globally otherwise), if they changed since the last registration.")
        {
            force,
            database,
        };
        command.SetAction((parse, cancellationToken) => RegisterAsync(context, parse.GetValue(force), parse.GetValue(database), cancellationToken));
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

    private static async Task<int> RegisterAsync(VerbContext context, bool force, string? database, CancellationToken cancellationToken)
    {
        using var host = NexusHost.BuildToolHost(
            context.Configuration,
            services =>
            {
                services.AddOptions<DiscordOptions>()
                    .BindConfiguration(DiscordOptions.SectionName)
                    .ValidateDataAnnotations()
                    .ValidateOnStart();
                services.AddDiscordRest();
                services.AddNexusCommandRegistration();

                // The verb reports the outcome itself, in one line; the service's log would repeat it with a stack trace.
                services.AddLogging(logging => logging.AddFilter(typeof(CommandRegistrationService).FullName, LogLevel.None));
            },
            LogLevel.Warning,
            database);
        var result = await host.Services.GetRequiredService<CommandRegistrationService>().RegisterWithResultAsync(force, cancellationToken);
        var discord = host.Services.GetRequiredService<IOptions<DiscordOptions>>().Value;
        var where = result.GuildId is { } guild
            ? string.Create(CultureInfo.InvariantCulture, $"in server {guild}")
            : "globally";
        var commands = result.CommandCount == 1 ? "1 command" : string.Create(CultureInfo.InvariantCulture, $"{result.CommandCount} commands");
        switch (result.Outcome)
        {
            case RegistrationOutcome.Registered:
                await context.Terminal.Output.WriteLineAsync($"Registered {commands} {where} with {discord.ApiBaseUrl}.");
                return NexusHost.ExitOk;
            case RegistrationOutcome.Unchanged:
                await context.Terminal.Output.WriteLineAsync(
                    $"Unchanged: the last registration for this database sent these {commands} {where} to {discord.ApiBaseUrl}; nothing was sent. "
                    + "Use --force to send them anyway.");
                return NexusHost.ExitOk;
            case RegistrationOutcome.NoToken:
                await context.Terminal.Error.WriteLineAsync(
                    "Configuration error: registering commands needs the bot token: set Discord:Token (dotnet user-secrets or the Discord__Token environment variable).");
                return NexusHost.ExitConfiguration;
            case RegistrationOutcome.NoApplicationId:
                await context.Terminal.Error.WriteLineAsync(
                    "Configuration error: registering commands needs Discord:ApplicationId (the Developer Portal's Application ID).");
                return NexusHost.ExitConfiguration;
            default:
                await context.Terminal.Error.WriteLineAsync(
                    $"Registration failed ({commands} {where} at {discord.ApiBaseUrl}): {result.Failure?.Message} Discord keeps the commands it had.");
                return ExitRegistrationFailed;
        }
    }
}
