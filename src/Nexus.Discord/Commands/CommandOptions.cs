using System.Globalization;
using System.Text.Json;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Models;

namespace Nexus.Discord.Commands;

/// <summary>What is wrong with an option's value, for <see cref="InvalidOptionValueException.Problem"/>.</summary>
public enum OptionProblem
{
    /// <summary>A required option was not given.</summary>
    Missing = 0,

    /// <summary>The value is not of the option's type (<see cref="CommandOptionDefinition.Type"/>).</summary>
    WrongKind = 1,

    /// <summary>The text holds characters that cannot be decoded (an escaped lone surrogate).</summary>
    Unreadable = 2,

    /// <summary>Text shorter than <see cref="CommandOptionDefinition.MinLength"/>.</summary>
    TooShort = 3,

    /// <summary>Text longer than <see cref="CommandOptionDefinition.MaxLength"/>.</summary>
    TooLong = 4,

    /// <summary>A value outside <see cref="CommandOptionDefinition.Choices"/>.</summary>
    NotAChoice = 5,

    /// <summary>A number outside <see cref="CommandOptionDefinition.MinValue"/> and <see cref="CommandOptionDefinition.MaxValue"/>.</summary>
    OutOfRange = 6,

    /// <summary>An attachment id with no attachment in the resolved data.</summary>
    FileMissing = 7,
}

/// <summary>
/// A value the member gave does not fit the option's definition (not one of its choices, out of range,
/// wrong kind). An expected failure: the dispatcher answers ephemerally. When this client found it,
/// <see cref="Problem"/> and <see cref="Option"/> say what was wrong, so that <see cref="IDispatcherTexts"/> can word
/// it in the member's language; <see cref="Exception.Message"/> is the English sentence. When an application's
/// handler throws it with a message, that message is the answer as it stands.
/// </summary>
public sealed class InvalidOptionValueException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvalidOptionValueException()
    {
    }

    /// <summary>Creates the exception with a message for the member, already in the member's language.</summary>
    public InvalidOptionValueException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public InvalidOptionValueException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="problem"/> with <paramref name="option"/>, in English.</summary>
    /// <param name="problem">What is wrong.</param>
    /// <param name="option">The option's definition; null for the text of a modal's input.</param>
    /// <param name="given">The value as the member gave it, for <see cref="OptionProblem.NotAChoice"/>.</param>
    public InvalidOptionValueException(OptionProblem problem, CommandOptionDefinition? option, string? given = null)
        : base(English(problem, option, given))
    {
        Problem = problem;
        Option = option;
        Given = given;
    }

    /// <summary>What is wrong, when this client found it; null when an application's handler wrote the message.</summary>
    public OptionProblem? Problem { get; }

    /// <summary>The option whose value is wrong (its name, limits and choices); null for a modal's text input.</summary>
    public CommandOptionDefinition? Option { get; }

    /// <summary>The value as given, for <see cref="OptionProblem.NotAChoice"/>.</summary>
    public string? Given { get; }

    private static string English(OptionProblem problem, CommandOptionDefinition? option, string? given)
    {
        var name = option?.Name ?? "The text you entered";
        return problem switch
        {
            OptionProblem.Missing => $"{name} is required.",
            OptionProblem.WrongKind => $"{name} must be {Kind(option?.Type ?? ApplicationCommandOptionType.String)}.",
            OptionProblem.Unreadable => $"{name} contains characters that could not be read.",
            OptionProblem.TooShort => string.Create(CultureInfo.InvariantCulture, $"{name} must be at least {option?.MinLength} characters."),
            OptionProblem.TooLong => string.Create(CultureInfo.InvariantCulture, $"{name} must be at most {option?.MaxLength} characters."),
            OptionProblem.NotAChoice => $"\"{MessageText.Quote(given ?? string.Empty)}\" is not a choice for {name}; pick one of: {string.Join(", ", option?.Choices.Select(c => c.Name) ?? [])}.",
            OptionProblem.OutOfRange => $"{name} must be {Range(option)}.",
            OptionProblem.FileMissing => $"The file for {name} could not be read; please attach it again.",
            _ => $"{name} is not valid.",
        };
    }

    private static string Kind(ApplicationCommandOptionType type) => type switch
    {
        ApplicationCommandOptionType.String => "text",
        ApplicationCommandOptionType.Integer => "a whole number",
        ApplicationCommandOptionType.Number => "a number",
        ApplicationCommandOptionType.Boolean => "true or false",
        ApplicationCommandOptionType.User => "a member",
        ApplicationCommandOptionType.Channel => "a channel",
        ApplicationCommandOptionType.Role => "a role",
        ApplicationCommandOptionType.Attachment => "a file",
        _ => "a member or a role",
    };

    private static string Range(CommandOptionDefinition? option) => (option?.MinValue, option?.MaxValue) switch
    {
        ({ } min, { } max) => string.Create(CultureInfo.InvariantCulture, $"between {min} and {max}"),
        ({ } min, null) => string.Create(CultureInfo.InvariantCulture, $"at least {min}"),
        (null, { } max) => string.Create(CultureInfo.InvariantCulture, $"at most {max}"),
        _ => "in range",
    };
}

/// <summary>
/// Typed access to the options of the matched (sub)command, checked against its definition. Asking for
/// an option the definition lacks, or with the wrong type, is a bug (<see cref="InvalidOperationException"/>);
/// a value that breaks the definition (choices, range, length) throws <see cref="InvalidOptionValueException"/>.
/// Absent optional options give null or the default passed in.
/// </summary>
public sealed class CommandOptions
{
    private readonly string _path;
    private readonly IReadOnlyList<InteractionOption> _values;
    private readonly ResolvedData? _resolved;
    private readonly bool _validate;

    internal CommandOptions(string path, IReadOnlyList<CommandOptionDefinition> definitions, IReadOnlyList<InteractionOption> values, ResolvedData? resolved, bool validate)
    {
        _path = path;
        Definitions = definitions;
        _values = values;
        _resolved = resolved;
        _validate = validate;
    }

    /// <summary>
    /// Checks every option the member gave against its definition, and that every required one is there, so
    /// that odd input (a value of the wrong kind, an option sent with another declared type, text that cannot
    /// be read, a value outside the choices, range or length) is refused with a message naming the option before
    /// anything is sent or done. Discord never sends such input, but a hand-made or replayed interaction can.
    /// </summary>
    /// <exception cref="InvalidOptionValueException">The first option that does not fit, named in the message.</exception>
    internal void Validate()
    {
        foreach (var definition in Definitions)
        {
            var given = _values.FirstOrDefault(o => o.Name == definition.Name);
            if (given?.Value is null or { ValueKind: JsonValueKind.Null })
            {
                if (definition.Required)
                {
                    throw new InvalidOptionValueException(OptionProblem.Missing, definition);
                }

                continue;
            }

            if (given.Type != definition.Type)
            {
                throw new InvalidOptionValueException(OptionProblem.WrongKind, definition);
            }

            _ = definition.Type switch
            {
                ApplicationCommandOptionType.String => GetString(definition.Name),
                ApplicationCommandOptionType.Integer => GetInteger(definition.Name),
                ApplicationCommandOptionType.Number => GetNumber(definition.Name),
                ApplicationCommandOptionType.Boolean => GetBoolean(definition.Name),
                ApplicationCommandOptionType.Attachment => GetAttachment(definition.Name),
                _ => (object?)GetId(definition.Name, definition.Type),
            };
        }
    }

    /// <summary>
    /// The text of a JSON string, or a refusal naming the option when it cannot be read: an escaped lone
    /// surrogate (<c>"\ud800"</c>) is valid JSON but no text, and System.Text.Json refuses to decode it.
    /// </summary>
    internal static string ReadText(JsonElement element, CommandOptionDefinition? option)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new InvalidOptionValueException(OptionProblem.Unreadable, option);
        }
    }

    /// <summary>The parameter definitions, in declaration order.</summary>
    public IReadOnlyList<CommandOptionDefinition> Definitions { get; }

    /// <summary>True when the member gave the option.</summary>
    public bool Has(string name) => Find(name, null) is not null;

    /// <summary>A string option, or null.</summary>
    public string? GetString(string name)
    {
        var (definition, value) = Get(name, ApplicationCommandOptionType.String);
        if (value is not { } element)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            throw new InvalidOptionValueException(OptionProblem.WrongKind, definition);
        }

        var text = ReadText(element, definition);
        if (_validate)
        {
            CheckChoice(definition, text, text);
            if (text.Length < definition.MinLength)
            {
                throw new InvalidOptionValueException(OptionProblem.TooShort, definition);
            }

            if (text.Length > definition.MaxLength)
            {
                throw new InvalidOptionValueException(OptionProblem.TooLong, definition);
            }
        }

        return text;
    }

    /// <summary>A string option, or <paramref name="defaultValue"/>.</summary>
    public string GetString(string name, string defaultValue) => GetString(name) ?? defaultValue;

    /// <summary>An integer option, or null.</summary>
    public long? GetInteger(string name)
    {
        var (definition, value) = Get(name, ApplicationCommandOptionType.Integer);
        if (value is not { } element)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out var number))
        {
            throw new InvalidOptionValueException(OptionProblem.WrongKind, definition);
        }

        CheckNumber(definition, number, number);
        return number;
    }

    /// <summary>An integer option, or <paramref name="defaultValue"/>.</summary>
    public long GetInteger(string name, long defaultValue) => GetInteger(name) ?? defaultValue;

    /// <summary>A number option, or null.</summary>
    public double? GetNumber(string name)
    {
        var (definition, value) = Get(name, ApplicationCommandOptionType.Number);
        if (value is not { } element)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Number)
        {
            throw new InvalidOptionValueException(OptionProblem.WrongKind, definition);
        }

        var number = element.GetDouble();
        CheckNumber(definition, number, number);
        return number;
    }

    /// <summary>A number option, or <paramref name="defaultValue"/>.</summary>
    public double GetNumber(string name, double defaultValue) => GetNumber(name) ?? defaultValue;

    /// <summary>A boolean option, or null.</summary>
    public bool? GetBoolean(string name)
    {
        var (definition, value) = Get(name, ApplicationCommandOptionType.Boolean);
        return value switch
        {
            null => null,
            { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.False } => false,
            _ => throw new InvalidOptionValueException(OptionProblem.WrongKind, definition),
        };
    }

    /// <summary>A boolean option, or <paramref name="defaultValue"/>.</summary>
    public bool GetBoolean(string name, bool defaultValue) => GetBoolean(name) ?? defaultValue;

    /// <summary>A user option (from <c>resolved.users</c>; just the id when Discord did not resolve it), or null.</summary>
    public User? GetUser(string name)
    {
        var id = GetId(name, ApplicationCommandOptionType.User);
        if (id is not { } userId)
        {
            return null;
        }

        return _resolved?.Users?.GetValueOrDefault(Key(userId)) ?? new User { Id = userId };
    }

    /// <summary>The guild member behind a user option, when Discord resolved one.</summary>
    public GuildMember? GetMember(string name)
    {
        var id = GetId(name, ApplicationCommandOptionType.User);
        return id is { } userId ? _resolved?.Members?.GetValueOrDefault(Key(userId)) : null;
    }

    /// <summary>An attachment option, or null.</summary>
    public Attachment? GetAttachment(string name) =>
        GetId(name, ApplicationCommandOptionType.Attachment) is { } id
            ? _resolved?.Attachments?.GetValueOrDefault(Key(id)) ?? throw new InvalidOptionValueException(OptionProblem.FileMissing, Get(name, ApplicationCommandOptionType.Attachment).Definition)
            : null;

    /// <summary>A channel option, or null.</summary>
    public PartialChannel? GetChannel(string name) =>
        GetId(name, ApplicationCommandOptionType.Channel) is { } id
            ? _resolved?.Channels?.GetValueOrDefault(Key(id)) ?? new PartialChannel { Id = id }
            : null;

    /// <summary>A role option, or null.</summary>
    public Role? GetRole(string name) =>
        GetId(name, ApplicationCommandOptionType.Role) is { } id
            ? _resolved?.Roles?.GetValueOrDefault(Key(id)) ?? new Role { Id = id }
            : null;

    /// <summary>The user or role id of a mentionable option, or null.</summary>
    public ulong? GetMentionableId(string name) => GetId(name, ApplicationCommandOptionType.Mentionable);

    private static string Key(ulong id) => id.ToString(CultureInfo.InvariantCulture);

    private static void CheckChoice(CommandOptionDefinition definition, object value, string text)
    {
        if (definition.Choices.Count == 0 || definition.Choices.Any(c => Equals(Normalise(c.Value), Normalise(value))))
        {
            return;
        }

        throw new InvalidOptionValueException(OptionProblem.NotAChoice, definition, text);
    }

    // Choice values are long or double after JSON, int when written in code; compare them as numbers.
    private static object Normalise(object value) => value switch
    {
        int number => (double)number,
        long number => (double)number,
        _ => value,
    };

    private void CheckNumber(CommandOptionDefinition definition, object value, double number)
    {
        if (_validate)
        {
            CheckChoice(definition, value, number.ToString(CultureInfo.InvariantCulture));
            CheckRange(definition, number);
        }
    }

    private static void CheckRange(CommandOptionDefinition definition, double number)
    {
        if (number < definition.MinValue || number > definition.MaxValue)
        {
            throw new InvalidOptionValueException(OptionProblem.OutOfRange, definition);
        }
    }

    private ulong? GetId(string name, ApplicationCommandOptionType type)
    {
        var (definition, value) = Get(name, type);
        if (value is not { } element)
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.String && ulong.TryParse(element.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return id;
        }

        throw new InvalidOptionValueException(OptionProblem.WrongKind, definition);
    }

    private (CommandOptionDefinition Definition, JsonElement? Value) Get(string name, ApplicationCommandOptionType type)
    {
        var definition = Definitions.FirstOrDefault(d => d.Name == name)
            ?? throw new InvalidOperationException($"/{_path} has no option '{name}'.");
        if (definition.Type != type)
        {
            throw new InvalidOperationException($"/{_path} {name} is a {definition.Type} option, not {type}.");
        }

        var option = Find(name, type);
        return (definition, option?.Value is { ValueKind: not JsonValueKind.Null } value ? value : null);
    }

    private InteractionOption? Find(string name, ApplicationCommandOptionType? type) =>
        _values.FirstOrDefault(o => o.Name == name && (type is null || o.Type == type));
}
