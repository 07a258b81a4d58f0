using System.Globalization;
using System.Text.RegularExpressions;
using Nexus.Discord.Models;

namespace Nexus.Discord.Commands;

/// <summary>A command definition breaks one of Discord's limits; the message names the command/option path.</summary>
public sealed class CommandDefinitionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CommandDefinitionException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public CommandDefinitionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public CommandDefinitionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Checks definitions against Discord's limits (reference §5.2–5.4) so a bad definition stops the bot at
/// start-up with one clear message, instead of Discord rejecting the whole bulk overwrite later.
/// </summary>
public static partial class CommandDefinitionValidator
{
    /// <summary>
    /// The issue allows at most 4000 characters per command, half of Discord's 8000 (name + description +
    /// choice names and values over the whole tree). We enforce the stricter number so there is headroom
    /// for localizations, which count with their longest text.
    /// </summary>
    public const int MaxCommandCharacters = 4000;

    /// <summary>Discord allows at most 25 options in one array and 25 choices per option.</summary>
    public const int MaxOptions = 25;

    /// <summary>At most 25 choices per option.</summary>
    public const int MaxChoices = 25;

    /// <summary>Discord allows 100 global slash commands per app (and 100 per guild).</summary>
    public const int MaxCommands = 100;

    /// <summary>Throws <see cref="CommandDefinitionException"/> for the first broken rule.</summary>
    public static void Validate(SlashCommandDefinition command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var path = "/" + command.Name;
        CheckName(command.Name, path);
        CheckDescription(command.Description, path);
        CheckLocalized(command.NameLocalizations, command.DescriptionLocalizations, path);

        if (command.DefaultMemberPermissions is { } permissions && (permissions.Length == 0 || !permissions.All(char.IsAsciiDigit) || !ulong.TryParse(permissions, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            Fail(path, $"default_member_permissions \"{permissions}\" must be a decimal string of permission bits, e.g. \"32\".");
        }

        if (command.Contexts is { Count: 0 } || command.Contexts?.Distinct().Count() != command.Contexts?.Count)
        {
            Fail(path, "contexts must list at least one context, each once.");
        }

        if (command.IntegrationTypes is { Count: 0 } || command.IntegrationTypes?.Distinct().Count() != command.IntegrationTypes?.Count)
        {
            Fail(path, "integration_types must list at least one installation type, each once.");
        }

        CheckOptionList(command.Options, path);
        var subcommands = command.Options.Count(o => o.IsSubcommandOrGroup);
        if (subcommands > 0 && subcommands < command.Options.Count)
        {
            Fail(path, "a command has either subcommands/groups or parameters, not both.");
        }

        if (subcommands > 0 && command.Handler is not null)
        {
            Fail(path, "a command with subcommands cannot be invoked bare; put the handler on each subcommand.");
        }

        if (subcommands == 0 && command.Handler is null)
        {
            Fail(path, "has no handler; call HandledBy<THandler>().");
        }

        foreach (var option in command.Options.Where(o => o.IsSubcommandOrGroup))
        {
            var childPath = path + " " + option.Name;
            if (option.Type == ApplicationCommandOptionType.SubCommandGroup)
            {
                if (option.Options.Count == 0)
                {
                    Fail(childPath, "a subcommand group needs at least one subcommand.");
                }

                if (option.Options.Any(o => o.Type != ApplicationCommandOptionType.SubCommand))
                {
                    Fail(childPath, "a subcommand group holds only subcommands.");
                }

                CheckOptionList(option.Options, childPath);
                foreach (var sub in option.Options)
                {
                    CheckSubcommand(sub, childPath + " " + sub.Name);
                }
            }
            else
            {
                CheckSubcommand(option, childPath);
            }
        }

        var size = CountCharacters(command);
        if (size > MaxCommandCharacters)
        {
            Fail(path, string.Create(CultureInfo.InvariantCulture, $"is {size} characters long (names, descriptions, choice names and values); the limit is {MaxCommandCharacters}."));
        }
    }

    /// <summary>Throws when two commands share a name or there are too many.</summary>
    public static void ValidateSet(IReadOnlyList<SlashCommandDefinition> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        if (commands.Count > MaxCommands)
        {
            throw new CommandDefinitionException(string.Create(CultureInfo.InvariantCulture, $"{commands.Count} slash commands defined; Discord allows at most {MaxCommands}."));
        }

        foreach (var command in commands)
        {
            Validate(command);
        }

        var duplicate = commands.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new CommandDefinitionException($"/{duplicate.Key}: the command is defined more than once.");
        }
    }

    /// <summary>
    /// The characters Discord counts against the per-command size limit; each text counts with its longest
    /// localisation, as Discord counts it.
    /// </summary>
    public static int CountCharacters(SlashCommandDefinition command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return Longest(command.Name, command.NameLocalizations) + Longest(command.Description, command.DescriptionLocalizations) + command.Options.Sum(CountCharacters);
    }

    private static int CountCharacters(CommandOptionDefinition option) =>
        Longest(option.Name, option.NameLocalizations) + Longest(option.Description, option.DescriptionLocalizations)
        + option.Choices.Sum(c => Longest(c.Name, c.NameLocalizations) + Convert.ToString(c.Value, CultureInfo.InvariantCulture)!.Length)
        + option.Options.Sum(CountCharacters);

    private static int Longest(string text, IReadOnlyDictionary<string, string>? localizations) =>
        localizations is null ? text.Length : Math.Max(text.Length, localizations.Values.Select(v => v.Length).DefaultIfEmpty(0).Max());

    // A localised name or description obeys the rules of the default one, under a locale Discord knows.
    private static void CheckLocalized(IReadOnlyDictionary<string, string>? names, IReadOnlyDictionary<string, string>? descriptions, string path)
    {
        foreach (var (locale, name) in names ?? Empty)
        {
            CheckLocale(locale, path);
            CheckName(name, $"{path} [{locale}]");
        }

        foreach (var (locale, description) in descriptions ?? Empty)
        {
            CheckLocale(locale, path);
            CheckDescription(description, $"{path} [{locale}]");
        }
    }

    private static void CheckLocale(string locale, string path)
    {
        if (!DiscordLocales.Contains(locale))
        {
            Fail(path, $"\"{locale}\" is not a locale Discord knows (e.g. fr, en-US, es-ES).");
        }
    }

    private static readonly Dictionary<string, string> Empty = [];

    // Discord's locale codes (reference §1.6, the OpenAPI AvailableLocalesEnum): localisation maps take only these keys.
    private static readonly HashSet<string> DiscordLocales = new(
        [
            "ar", "bg", "cs", "da", "de", "el", "en-GB", "en-US", "es-419", "es-ES", "fi", "fr", "he", "hi", "hr", "hu",
            "id", "it", "ja", "ko", "lt", "nl", "no", "pl", "pt-BR", "ro", "ru", "sv-SE", "th", "tr", "uk", "vi", "zh-CN", "zh-TW",
        ],
        StringComparer.Ordinal);

    private static void CheckSubcommand(CommandOptionDefinition sub, string path)
    {
        if (sub.Options.Any(o => o.IsSubcommandOrGroup))
        {
            Fail(path, "a subcommand holds only parameters; nesting goes at most command > group > subcommand.");
        }

        if (sub.Handler is null)
        {
            Fail(path, "has no handler; call HandledBy<THandler>().");
        }

        CheckOptionList(sub.Options, path);
    }

    private static void CheckOptionList(IReadOnlyList<CommandOptionDefinition> options, string path)
    {
        if (options.Count > MaxOptions)
        {
            Fail(path, string.Create(CultureInfo.InvariantCulture, $"has {options.Count} options; Discord allows at most {MaxOptions}."));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        CheckLocalizedNamesDistinct(options, path);
        var optionalSeen = false;
        foreach (var option in options)
        {
            var optionPath = path + " " + option.Name;
            CheckName(option.Name, optionPath);
            CheckDescription(option.Description, optionPath);
            CheckLocalized(option.NameLocalizations, option.DescriptionLocalizations, optionPath);
            if (!seen.Add(option.Name))
            {
                Fail(optionPath, "the name is used twice at this level.");
            }

            if (option.IsSubcommandOrGroup)
            {
                continue;
            }

            if (option.Required && optionalSeen)
            {
                Fail(optionPath, "required options must come before optional ones.");
            }

            optionalSeen |= !option.Required;
            CheckParameter(option, optionPath);
        }
    }

    // Discord refuses a localised option name that another option of the same array uses in that locale
    // (an untranslated option shows its default name there, so it counts too).
    private static void CheckLocalizedNamesDistinct(IReadOnlyList<CommandOptionDefinition> options, string path)
    {
        var locales = options.SelectMany(o => o.NameLocalizations?.Keys ?? []).Distinct(StringComparer.Ordinal);
        foreach (var locale in locales)
        {
            var clash = options
                .GroupBy(o => o.NameLocalizations?.GetValueOrDefault(locale) ?? o.Name, StringComparer.Ordinal)
                .FirstOrDefault(g => g.Count() > 1);
            if (clash is not null)
            {
                Fail(path, $"the {locale} name \"{clash.Key}\" is used by more than one option ({string.Join(", ", clash.Select(o => o.Name))}).");
            }
        }
    }

    private static void CheckParameter(CommandOptionDefinition option, string path)
    {
        var isNumeric = option.Type is ApplicationCommandOptionType.Integer or ApplicationCommandOptionType.Number;
        var isString = option.Type == ApplicationCommandOptionType.String;
        if (option.Choices.Count > 0 && !isNumeric && !isString)
        {
            Fail(path, "only string, integer and number options can have choices.");
        }

        if (option.Autocomplete && !isNumeric && !isString)
        {
            Fail(path, "only string, integer and number options can autocomplete.");
        }

        if (option.Autocomplete && option.Choices.Count > 0)
        {
            Fail(path, "autocomplete cannot be combined with choices.");
        }

        if (option.Choices.Count > MaxChoices)
        {
            Fail(path, string.Create(CultureInfo.InvariantCulture, $"has {option.Choices.Count} choices; Discord allows at most {MaxChoices}."));
        }

        var choiceNames = new HashSet<string>(StringComparer.Ordinal);
        var choiceValues = new HashSet<string>(StringComparer.Ordinal);
        foreach (var choice in option.Choices)
        {
            if (choice.Name.Length is < 1 or > 100)
            {
                Fail(path, $"choice name \"{choice.Name}\" must be 1–100 characters.");
            }

            foreach (var (locale, name) in choice.NameLocalizations ?? Empty)
            {
                CheckLocale(locale, path);
                if (name.Length is < 1 or > 100)
                {
                    Fail(path, $"the {locale} name \"{name}\" of choice \"{choice.Name}\" must be 1–100 characters.");
                }
            }

            var valueText = Convert.ToString(choice.Value, CultureInfo.InvariantCulture)!;
            var typeMatches = option.Type switch
            {
                ApplicationCommandOptionType.String => choice.Value is string,
                ApplicationCommandOptionType.Integer => choice.Value is long or int,
                _ => choice.Value is double or long or int,
            };
            if (!typeMatches)
            {
                Fail(path, $"choice \"{choice.Name}\" has a value of the wrong type for a {option.Type} option.");
            }

            if (choice.Value is string text && text.Length is < 1 or > 100)
            {
                Fail(path, $"choice value \"{text}\" must be 1–100 characters.");
            }

            if (!choiceNames.Add(choice.Name) || !choiceValues.Add(valueText))
            {
                Fail(path, $"choice \"{choice.Name}\" ({valueText}) is listed twice.");
            }
        }

        if ((option.MinValue is not null || option.MaxValue is not null) && !isNumeric)
        {
            Fail(path, "min_value/max_value apply only to integer and number options.");
        }

        if (option.MinValue > option.MaxValue)
        {
            Fail(path, "min_value is greater than max_value.");
        }

        if ((option.MinLength is not null || option.MaxLength is not null) && !isString)
        {
            Fail(path, "min_length/max_length apply only to string options.");
        }

        if (option.MinLength is < 0 or > 6000 || option.MaxLength is < 1 or > 6000 || option.MinLength > option.MaxLength)
        {
            Fail(path, "min_length must be 0–6000, max_length 1–6000, and min_length at most max_length.");
        }

        if (option.ChannelTypes is not null && option.Type != ApplicationCommandOptionType.Channel)
        {
            Fail(path, "channel_types apply only to channel options.");
        }
    }

    private static void CheckName(string name, string path)
    {
        if (!NamePattern().IsMatch(name))
        {
            Fail(path, $"name \"{name}\" must be 1–32 letters, digits, '-', '_' or apostrophes, with no spaces.");
        }

        if (!string.Equals(name, name.ToLowerInvariant(), StringComparison.Ordinal))
        {
            Fail(path, $"name \"{name}\" must be lowercase.");
        }
    }

    private static void CheckDescription(string description, string path)
    {
        if (description.Length is < 1 or > 100)
        {
            Fail(path, string.Create(CultureInfo.InvariantCulture, $"description must be 1–100 characters (it is {description.Length})."));
        }
    }

    private static void Fail(string path, string message) => throw new CommandDefinitionException($"{path}: {message}");

    // Discord's regex is ^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$. .NET has no \p{sc=...} (script)
    // classes, only named blocks, so the Devanagari and Thai scripts are written as their blocks (plus
    // Devanagari Extended, U+A8E0–A8FF). Letters of both scripts are \p{L} anyway; the blocks add their
    // combining marks. \z instead of $ so that a trailing newline does not pass.
    [GeneratedRegex(@"^[-_'\p{L}\p{N}\p{IsDevanagari}\uA8E0-\uA8FF\p{IsThai}]{1,32}\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
