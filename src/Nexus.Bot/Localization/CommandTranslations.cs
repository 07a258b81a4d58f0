using System.Globalization;
using Nexus.Discord.Commands;

namespace Nexus.Bot.Localization;

/// <summary>
/// The translations of the command definitions, from each language's resource file: key
/// <c>mycase.update.milestone.description</c> is resource <c>Command_mycase_update_milestone_description</c>.
/// The English text stays in the definition, beside the parsing it describes; a translation file holds the
/// <c>Command_</c> keys of every node (the localisation tests list any missing one).
/// </summary>
public sealed class CommandTranslations : ICommandTranslations
{
    /// <summary>The one instance: the resources never change while the bot runs.</summary>
    public static CommandTranslations Instance { get; } = new();

    /// <inheritdoc />
    public IReadOnlyList<string> Locales { get; } = [.. Languages.Translations.Select(t => t.DiscordLocale)];

    /// <inheritdoc />
    public string? Find(string locale, string key)
    {
        var culture = Languages.Translations.FirstOrDefault(t => t.DiscordLocale == locale).Culture;
        return culture is null ? null : Exact(culture, ResourceName(key));
    }

    /// <summary>
    /// An option's or a choice's name as the member's client shows it in the current language: its
    /// <c>name_localizations</c> entry, else the name itself.
    /// </summary>
    public static string Shown(string name, IReadOnlyDictionary<string, string>? localizations) =>
        localizations?.GetValueOrDefault(Languages.LocaleOf(Languages.Current)) ?? name;

    /// <summary>The resource name of a command text key.</summary>
    public static string ResourceName(string key) => Text.ResourceName("Command", key);

    // Only the language's own files (fr-CA, then fr), never the neutral one: falling back to the English text
    // would register English as French.
    private static string? Exact(CultureInfo culture, string name)
    {
        for (var c = culture; !Equals(c, CultureInfo.InvariantCulture); c = c.Parent)
        {
            if (Strings.ResourceManager.GetResourceSet(c, createIfNotExists: true, tryParents: false)?.GetString(name) is { } text)
            {
                return text;
            }
        }

        return null;
    }
}
