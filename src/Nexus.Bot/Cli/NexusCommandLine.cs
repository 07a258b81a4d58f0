using System.CommandLine;

namespace Nexus.Bot.Cli;

/// <summary>
/// The command line: the verbs as System.CommandLine commands (their parsing, errors and <c>--help</c>) under a
/// root that runs the bot. A new verb is one <c>XxxVerb.Create(VerbContext)</c> added to <see cref="Create"/>.
/// Configuration switches (<c>--Section:Key=value</c>) are not options of any verb: <see cref="TrySplit"/> takes
/// them out first, and every verb's host reads them as its command-line configuration source.
/// </summary>
internal static class NexusCommandLine
{
    /// <summary>The name help shows for the program, whatever launched it (dotnet run, the dll, a test).</summary>
    public const string ProgramName = "Nexus.Bot";

    public static RootCommand Create(VerbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var urls = new Option<string?>("--urls")
        {
            Description = "HTTP mode: where to listen, e.g. http://127.0.0.1:5080.",
            HelpName = "URLS",
        };
        var root = new RootCommand(
            "Nexus, the bot for NEXUS applicants' timelines. Without a command it runs the bot in Discord:Mode Gateway "
            + "(the default) or Http. Every command also takes configuration keys as --Section:Key=value "
            + "(docs/configuration.md lists them).")
        {
            urls,
            ShellVerb.Create(context),
            StatsVerb.Create(context),
            MigrateVerb.Create(context),
            BackupVerb.Create(context),
            CommandsVerb.Create(context),
        };
        root.HelpName = ProgramName;
        root.SetAction((parse, _) => NexusHost.RunBotAsync(
            parse.GetValue(urls) is { } listen ? [.. context.Configuration, $"--urls={listen}"] : context.Configuration));
        return root;
    }

    /// <summary>
    /// Separates the configuration switches from the verb and its options. A configuration switch is an
    /// argument starting with <c>--</c> whose key has a colon: <c>--Storage:Provider=SqlServer</c>, or
    /// <c>--Discord:Mode Http</c> with its value in the next argument.
    /// </summary>
    /// <returns>False, with <paramref name="error"/>, when a switch has no value.</returns>
    public static bool TrySplit(IReadOnlyList<string> args, out string[] configuration, out string[] verb, out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var switches = new List<string>();
        var rest = new List<string>();
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var key = arg.Split('=', 2)[0];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || !key.Contains(':', StringComparison.Ordinal))
            {
                rest.Add(arg);
                continue;
            }

            if (key.Length < arg.Length)
            {
                switches.Add(arg);
            }
            else if (i + 1 < args.Count)
            {
                switches.Add($"{arg}={args[++i]}");
            }
            else
            {
                error = $"{arg} needs a value: {arg}=VALUE.";
            }
        }

        configuration = [.. switches];
        verb = [.. rest];
        return error is null;
    }
}
