using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Nexus.Bot.Cli;

/// <summary>The options more than one verb takes, and the parsers their values share.</summary>
internal static class CliOptions
{
    /// <summary><c>--db PATH</c>: a SQLite file in place of the configured storage.</summary>
    public static Option<string?> Database() => new("--db")
    {
        Description = "Use this SQLite database file instead of the configured storage (created if missing).",
        HelpName = "PATH",
    };

    /// <summary><c>--locale fr|en</c>: the language replies are written in, as a Discord client in that language would get them.</summary>
    public static Option<string> Locale() => new("--locale")
    {
        Description = "The language of the replies: en (default) or fr, as a member whose Discord is in that language gets them.",
        HelpName = "en|fr",
        DefaultValueFactory = _ => "en",
        CustomParser = ParseLocale,
    };

    /// <summary>"fr" or "en" (any case), else null.</summary>
    public static string? LocaleName(string? text) =>
        text?.Trim().ToLowerInvariant() switch
        {
            "fr" or "fr-ca" or "fr-fr" => "fr",
            "en" or "en-us" or "en-gb" or "en-ca" => "en",
            _ => null,
        };

    private static string ParseLocale(ArgumentResult result)
    {
        var text = result.Tokens.Count == 0 ? "en" : result.Tokens[0].Value;
        if (LocaleName(text) is { } name)
        {
            return name;
        }

        result.AddError($"--locale takes en or fr, not '{text}'.");
        return "en";
    }

    /// <summary>A calendar date written year first; anything else is a usage error naming the option.</summary>
    public static Option<DateOnly?> Date(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "YYYY-MM-DD",
        CustomParser = result => ParseDate(result, name),
    };

    private static DateOnly? ParseDate(ArgumentResult result, string name)
    {
        var text = result.Tokens[0].Value;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        result.AddError($"{name} takes a date like 2024-06-01, not '{text}'.");
        return null;
    }
}
