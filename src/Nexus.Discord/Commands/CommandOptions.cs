using System.Globalization;
using System.Text.Json;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Models;

namespace Nexus.Discord.Commands;

/// <summary>
/// A value the member gave does not fit the option's definition (not one of its choices, out of range,
/// wrong kind). An expected failure: the dispatcher answers with <see cref="Exception.Message"/>, ephemerally.
/// </summary>
public sealed class InvalidOptionValueException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvalidOptionValueException()
    {
    }

    /// <summary>Creates the exception with a message for the member.</summary>
    public InvalidOptionValueException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public InvalidOptionValueException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
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
                    throw Invalid($"{definition.Name} is required.");
                }

                continue;
            }

            if (given.Type != definition.Type)
            {
                throw Invalid($"{definition.Name} must be {Kind(definition.Type)}.");
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

    /// <summary>
    /// The text of a JSON string, or a refusal naming the option when it cannot be read: an escaped lone
    /// surrogate (<c>"\ud800"</c>) is valid JSON but no text, and System.Text.Json refuses to decode it.
    /// </summary>
    internal static string ReadText(JsonElement element, string name)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw Invalid($"{name} contains characters that could not be read.");
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
            throw Invalid($"{name} must be text.");
        }

        var text = ReadText(element, name);
        if (_validate)
        {
            CheckChoice(definition, text, text);
            if (text.Length < definition.MinLength)
            {
                throw Invalid(string.Create(CultureInfo.InvariantCulture, $"{name} must be at least {definition.MinLength} characters."));
            }

            if (text.Length > definition.MaxLength)
            {
                throw Invalid(string.Create(CultureInfo.InvariantCulture, $"{name} must be at most {definition.MaxLength} characters."));
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
            throw Invalid($"{name} must be a whole number.");
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
            throw Invalid($"{name} must be a number.");
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
        var (_, value) = Get(name, ApplicationCommandOptionType.Boolean);
        return value switch
        {
            null => null,
            { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.False } => false,
            _ => throw Invalid($"{name} must be true or false."),
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
            ? _resolved?.Attachments?.GetValueOrDefault(Key(id)) ?? throw Invalid($"The file for {name} could not be read; please attach it again.")
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

    private static InvalidOptionValueException Invalid(string message) => new(message);

    private static void CheckChoice(CommandOptionDefinition definition, object value, string text)
    {
        if (definition.Choices.Count == 0 || definition.Choices.Any(c => Equals(Normalise(c.Value), Normalise(value))))
        {
            return;
        }

        var names = string.Join(", ", definition.Choices.Select(c => c.Name));
        throw Invalid($"\"{MessageText.Quote(text)}\" is not a choice for {definition.Name}; pick one of: {names}.");
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
            var range = (definition.MinValue, definition.MaxValue) switch
            {
                ({ } min, { } max) => string.Create(CultureInfo.InvariantCulture, $"between {min} and {max}"),
                ({ } min, null) => string.Create(CultureInfo.InvariantCulture, $"at least {min}"),
                (null, { } max) => string.Create(CultureInfo.InvariantCulture, $"at most {max}"),
                _ => "in range",
            };
            throw Invalid($"{definition.Name} must be {range}.");
        }
    }

    private ulong? GetId(string name, ApplicationCommandOptionType type)
    {
        var (_, value) = Get(name, type);
        if (value is not { } element)
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.String && ulong.TryParse(element.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return id;
        }

        throw Invalid($"{name} must be an id.");
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
