using System.Globalization;

namespace Nexus.Bot.Cli;

/// <summary>A mistake in a verb's arguments, reported as one line with the usage.</summary>
internal sealed class CliUsageException(string message) : Exception(message);

/// <summary>
/// The options of a verb: the flags it knows (<c>--db PATH</c>, <c>--json</c>) and, passed on to the host's
/// configuration untouched, configuration switches (<c>--Storage:Provider=SqlServer</c>).
/// </summary>
internal sealed class CliArguments
{
    private readonly Dictionary<string, string?> _flags = new(StringComparer.OrdinalIgnoreCase);

    private readonly List<string> _configuration = [];

    /// <summary>The arguments for the configuration's command-line source.</summary>
    public string[] Configuration => [.. _configuration];

    /// <summary>Parses <paramref name="args"/>; <paramref name="valued"/> take a value, <paramref name="switches"/> don't.</summary>
    /// <exception cref="CliUsageException">An unknown option or a missing value.</exception>
    public static CliArguments Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> valued, IReadOnlyCollection<string> switches)
    {
        var parsed = new CliArguments();
        var configuration = parsed._configuration;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var name = arg.Split('=', 2)[0];
            if (valued.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                string? value = arg.Length > name.Length ? arg[(name.Length + 1)..] : i + 1 < args.Count ? args[++i] : null;
                parsed._flags[name] = value ?? throw new CliUsageException($"{name} needs a value.");
            }
            else if (switches.Contains(arg, StringComparer.OrdinalIgnoreCase))
            {
                parsed._flags[arg] = null;
            }
            else if (arg.StartsWith('-') && (arg.Contains(':', StringComparison.Ordinal) || arg.Contains('=', StringComparison.Ordinal)))
            {
                // A configuration switch such as --Storage:ConnectionString=...; it may take the next argument as its value.
                configuration.Add(arg);
                if (!arg.Contains('=', StringComparison.Ordinal) && i + 1 < args.Count)
                {
                    configuration.Add(args[++i]);
                }
            }
            else
            {
                throw new CliUsageException($"Unknown option '{arg}'.");
            }
        }

        return parsed;
    }

    /// <summary>True when the switch or option was given.</summary>
    public bool Has(string name) => _flags.ContainsKey(name);

    /// <summary>The value of an option, or null.</summary>
    public string? Get(string name) => _flags.GetValueOrDefault(name);

    /// <summary>A date option (YYYY-MM-DD), or null.</summary>
    public DateOnly? GetDate(string name)
    {
        var text = Get(name);
        if (text is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new CliUsageException($"{name} takes a date like 2024-06-01, not '{text}'.");
    }
}
