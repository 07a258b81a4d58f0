namespace Nexus.Discord.Commands;

/// <summary>
/// Where the application keeps the translations of its command texts. The keys name a node of the command tree
/// by its default names, so they stay stable whatever the translations say:
/// <list type="bullet">
/// <item><c>mycase.name</c>, <c>mycase.description</c> for a command;</item>
/// <item><c>mycase.update.name</c>, <c>mycase.update.milestone.description</c> for subcommands, groups and parameters;</item>
/// <item><c>mycase.update.milestone.choice.conditional</c> for the name of the choice whose value is <c>conditional</c>.</item>
/// </list>
/// </summary>
public interface ICommandTranslations
{
    /// <summary>The Discord locale codes translated (e.g. <c>fr</c>), each with its own map entries.</summary>
    IReadOnlyList<string> Locales { get; }

    /// <summary>The text for <paramref name="key"/> in <paramref name="locale"/>, or null when there is none.</summary>
    string? Find(string locale, string key);
}

/// <summary>
/// Fills the <c>name_localizations</c> and <c>description_localizations</c> of a command tree (and its choices'
/// <c>name_localizations</c>) from <see cref="ICommandTranslations"/>. A missing text leaves that locale out of
/// the map, which Discord allows; the definition validator then checks every localised text like a default one.
/// </summary>
public static class CommandTranslator
{
    /// <summary>The key of a node's text: its path of default names, joined with '.', then the part.</summary>
    public static string Key(string path, string part) => path + "." + part;

    /// <summary>The key of a choice's name: the option's path, <c>choice</c>, then the choice's value.</summary>
    public static string ChoiceKey(string optionPath, object value) =>
        optionPath + ".choice." + Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Applies <paramref name="translations"/> to <paramref name="command"/> and every node below it.</summary>
    public static void Apply(SlashCommandDefinition command, ICommandTranslations translations)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(translations);
        command.NameLocalizations = Map(translations, Key(command.Name, "name"));
        command.DescriptionLocalizations = Map(translations, Key(command.Name, "description"));
        foreach (var option in command.Options)
        {
            Apply(option, command.Name + "." + option.Name, translations);
        }
    }

    /// <summary>Every localised map of a command tree as (path, what, locale, text), for checks and tests.</summary>
    public static IEnumerable<(string Path, string Part, string Locale, string Text)> Localizations(SlashCommandDefinition command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return Entries(command.Name, "name", command.NameLocalizations)
            .Concat(Entries(command.Name, "description", command.DescriptionLocalizations))
            .Concat(command.Options.SelectMany(o => Localizations(o, command.Name + "." + o.Name)));
    }

    private static IEnumerable<(string, string, string, string)> Localizations(CommandOptionDefinition option, string path) =>
        Entries(path, "name", option.NameLocalizations)
            .Concat(Entries(path, "description", option.DescriptionLocalizations))
            .Concat(option.Choices.SelectMany(c => Entries(path, "choice." + Convert.ToString(c.Value, System.Globalization.CultureInfo.InvariantCulture), c.NameLocalizations)))
            .Concat(option.Options.SelectMany(o => Localizations(o, path + "." + o.Name)));

    private static IEnumerable<(string, string, string, string)> Entries(string path, string part, IReadOnlyDictionary<string, string>? map) =>
        map?.Select(e => (path, part, e.Key, e.Value)) ?? [];

    private static void Apply(CommandOptionDefinition option, string path, ICommandTranslations translations)
    {
        option.NameLocalizations = Map(translations, Key(path, "name"));
        option.DescriptionLocalizations = Map(translations, Key(path, "description"));
        if (option.Choices.Count > 0)
        {
            option.Choices = [.. option.Choices.Select(c => c with { NameLocalizations = Map(translations, ChoiceKey(path, c.Value)) })];
        }

        foreach (var child in option.Options)
        {
            Apply(child, path + "." + child.Name, translations);
        }
    }

    private static Dictionary<string, string>? Map(ICommandTranslations translations, string key)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var locale in translations.Locales)
        {
            if (translations.Find(locale, key) is { Length: > 0 } text)
            {
                map[locale] = text;
            }
        }

        return map.Count == 0 ? null : map;
    }
}
