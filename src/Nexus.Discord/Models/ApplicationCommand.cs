using System.Text.Json.Serialization;

namespace Nexus.Discord.Models;

/// <summary>
/// The JSON of one slash command as registered with a bulk overwrite
/// (<c>ApplicationCommandCreateRequest</c> in Discord's OpenAPI spec). Produced from a command definition.
/// </summary>
public sealed record ApplicationCommandJson
{
    /// <summary>1–32 lowercase characters.</summary>
    [JsonPropertyName("name")] public string Name { get; init; } = "";

    /// <summary>1–100 characters.</summary>
    [JsonPropertyName("description")] public string Description { get; init; } = "";

    /// <summary>The name per Discord locale; the same naming rules as <c>name</c>.</summary>
    [JsonPropertyName("name_localizations")] public IReadOnlyDictionary<string, string>? NameLocalizations { get; init; }

    /// <summary>The description per Discord locale; 1–100 characters each.</summary>
    [JsonPropertyName("description_localizations")] public IReadOnlyDictionary<string, string>? DescriptionLocalizations { get; init; }

    /// <summary>1 for slash (chat input) commands.</summary>
    [JsonPropertyName("type")] public int Type { get; init; } = 1;

    /// <summary>At most 25.</summary>
    [JsonPropertyName("options")] public IReadOnlyList<ApplicationCommandOptionJson>? Options { get; init; }

    /// <summary>The permission bits a member needs to see the command, as a decimal string; null for everyone.</summary>
    [JsonPropertyName("default_member_permissions")] public string? DefaultMemberPermissions { get; init; }

    /// <summary>Where the command may be used: 0 guild, 1 bot DM, 2 private channel.</summary>
    [JsonPropertyName("contexts")] public IReadOnlyList<int>? Contexts { get; init; }

    /// <summary>Installation contexts: 0 guild install, 1 user install.</summary>
    [JsonPropertyName("integration_types")] public IReadOnlyList<int>? IntegrationTypes { get; init; }
}

/// <summary>One option of a registered command.</summary>
public sealed record ApplicationCommandOptionJson
{
    /// <summary>The option type.</summary>
    [JsonPropertyName("type")] public ApplicationCommandOptionType Type { get; init; }

    /// <summary>1–32 lowercase characters.</summary>
    [JsonPropertyName("name")] public string Name { get; init; } = "";

    /// <summary>1–100 characters.</summary>
    [JsonPropertyName("description")] public string Description { get; init; } = "";

    /// <summary>The name per Discord locale; the same naming rules as <c>name</c>.</summary>
    [JsonPropertyName("name_localizations")] public IReadOnlyDictionary<string, string>? NameLocalizations { get; init; }

    /// <summary>The description per Discord locale; 1–100 characters each.</summary>
    [JsonPropertyName("description_localizations")] public IReadOnlyDictionary<string, string>? DescriptionLocalizations { get; init; }

    /// <summary>Whether the option must be given; not for subcommands and groups.</summary>
    [JsonPropertyName("required")] public bool? Required { get; init; }

    /// <summary>At most 25 choices; never with autocomplete.</summary>
    [JsonPropertyName("choices")] public IReadOnlyList<CommandChoice>? Choices { get; init; }

    /// <summary>Nested options of a subcommand or group.</summary>
    [JsonPropertyName("options")] public IReadOnlyList<ApplicationCommandOptionJson>? Options { get; init; }

    /// <summary>Minimum for integer and number options.</summary>
    [JsonPropertyName("min_value")] public double? MinValue { get; init; }

    /// <summary>Maximum for integer and number options.</summary>
    [JsonPropertyName("max_value")] public double? MaxValue { get; init; }

    /// <summary>Minimum length of string options.</summary>
    [JsonPropertyName("min_length")] public int? MinLength { get; init; }

    /// <summary>Maximum length of string options.</summary>
    [JsonPropertyName("max_length")] public int? MaxLength { get; init; }

    /// <summary>Whether Discord asks the bot for suggestions while the member types.</summary>
    [JsonPropertyName("autocomplete")] public bool? Autocomplete { get; init; }

    /// <summary>Channel types offered by a channel option.</summary>
    [JsonPropertyName("channel_types")] public IReadOnlyList<int>? ChannelTypes { get; init; }
}
