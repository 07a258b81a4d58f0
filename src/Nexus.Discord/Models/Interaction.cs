using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nexus.Discord.Models;

/// <summary>An incoming interaction, over HTTP or the gateway. Only the fields Nexus uses.</summary>
public sealed record Interaction
{
    /// <summary>The interaction id (used in the callback path).</summary>
    [JsonPropertyName("id")] public ulong Id { get; init; }

    /// <summary>The application id (used in webhook paths).</summary>
    [JsonPropertyName("application_id")] public ulong ApplicationId { get; init; }

    /// <summary>The interaction type.</summary>
    [JsonPropertyName("type")] public InteractionType Type { get; init; }

    /// <summary>Command, component or modal data; absent for PING.</summary>
    [JsonPropertyName("data")] public InteractionData? Data { get; init; }

    /// <summary>The guild, absent in DMs.</summary>
    [JsonPropertyName("guild_id")] public ulong? GuildId { get; init; }

    /// <summary>The channel the interaction came from.</summary>
    [JsonPropertyName("channel_id")] public ulong? ChannelId { get; init; }

    /// <summary>The invoking member, in guilds.</summary>
    [JsonPropertyName("member")] public GuildMember? Member { get; init; }

    /// <summary>The invoking user, in DMs.</summary>
    [JsonPropertyName("user")] public User? User { get; init; }

    /// <summary>The secret continuation token, valid for 15 minutes. Never log it.</summary>
    [JsonPropertyName("token")] public string Token { get; init; } = "";

    /// <summary>Always 1.</summary>
    [JsonPropertyName("version")] public int Version { get; init; }

    /// <summary>For components: the message the component is on.</summary>
    [JsonPropertyName("message")] public MessageReference? Message { get; init; }

    /// <summary>The invoking user's client locale.</summary>
    [JsonPropertyName("locale")] public string? Locale { get; init; }

    /// <summary>The guild's preferred locale.</summary>
    [JsonPropertyName("guild_locale")] public string? GuildLocale { get; init; }

    /// <summary>0 guild, 1 bot DM, 2 private channel.</summary>
    [JsonPropertyName("context")] public int? Context { get; init; }

    /// <summary>The channel the interaction came from (partial; always has id and type).</summary>
    [JsonPropertyName("channel")] public PartialChannel? Channel { get; init; }

    /// <summary>The bot's own permissions in the source channel, as a bitfield (a decimal string on the wire).</summary>
    [JsonPropertyName("app_permissions")] public ulong? AppPermissions { get; init; }

    /// <summary>Installation owners: key "0" (guild install) or "1" (user install) to a guild or user id.</summary>
    [JsonPropertyName("authorizing_integration_owners")] public IReadOnlyDictionary<string, ulong>? AuthorizingIntegrationOwners { get; init; }

    /// <summary>The largest upload the bot may attach in its reply, in bytes.</summary>
    [JsonPropertyName("attachment_size_limit")] public long? AttachmentSizeLimit { get; init; }

    /// <summary>The invoking user: the member's user in guilds, <see cref="User"/> in DMs.</summary>
    [JsonIgnore] public User? Invoker => Member?.User ?? User;
}

/// <summary>The <c>data</c> of an interaction: a command, a component or a modal submit.</summary>
public sealed record InteractionData
{
    /// <summary>The command id.</summary>
    [JsonPropertyName("id")] public ulong? Id { get; init; }

    /// <summary>The command name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>The command type (1 for slash commands).</summary>
    [JsonPropertyName("type")] public int? Type { get; init; }

    /// <summary>The options, with subcommands and groups nested.</summary>
    [JsonPropertyName("options")] public IReadOnlyList<InteractionOption>? Options { get; init; }

    /// <summary>Users, attachments and other objects the options refer to.</summary>
    [JsonPropertyName("resolved")] public ResolvedData? Resolved { get; init; }

    /// <summary>The component's or modal's custom id.</summary>
    [JsonPropertyName("custom_id")] public string? CustomId { get; init; }

    /// <summary>The component type that was used.</summary>
    [JsonPropertyName("component_type")] public ComponentType? ComponentType { get; init; }

    /// <summary>Values chosen in a select.</summary>
    [JsonPropertyName("values")] public IReadOnlyList<string>? Values { get; init; }

    /// <summary>The submitted modal components.</summary>
    [JsonPropertyName("components")] public IReadOnlyList<SubmittedComponent>? Components { get; init; }

    /// <summary>The guild the command is registered in, for guild commands.</summary>
    [JsonPropertyName("guild_id")] public ulong? GuildId { get; init; }
}

/// <summary>One option of a command, or a subcommand or group with its own options.</summary>
public sealed record InteractionOption
{
    /// <summary>The option name.</summary>
    [JsonPropertyName("name")] public string Name { get; init; } = "";

    /// <summary>The option type.</summary>
    [JsonPropertyName("type")] public ApplicationCommandOptionType Type { get; init; }

    /// <summary>The value: a string, number or boolean depending on <see cref="Type"/>.</summary>
    [JsonPropertyName("value")] public JsonElement? Value { get; init; }

    /// <summary>Nested options of a subcommand or group.</summary>
    [JsonPropertyName("options")] public IReadOnlyList<InteractionOption>? Options { get; init; }

    /// <summary>True for the option being typed, in autocomplete.</summary>
    [JsonPropertyName("focused")] public bool? Focused { get; init; }

    /// <summary>A string option, as Discord sends it (the local shell builds interactions with these).</summary>
    public static InteractionOption String(string name, string value) =>
        Of(name, ApplicationCommandOptionType.String, writer => writer.WriteStringValue(value));

    /// <summary>An integer option.</summary>
    public static InteractionOption Integer(string name, long value) =>
        Of(name, ApplicationCommandOptionType.Integer, writer => writer.WriteNumberValue(value));

    /// <summary>A number option.</summary>
    public static InteractionOption Number(string name, double value) =>
        Of(name, ApplicationCommandOptionType.Number, writer => writer.WriteNumberValue(value));

    /// <summary>A boolean option.</summary>
    public static InteractionOption Boolean(string name, bool value) =>
        Of(name, ApplicationCommandOptionType.Boolean, writer => writer.WriteBooleanValue(value));

    /// <summary>A user, channel, role, mentionable or attachment option: the id as a string (the object goes in <c>resolved</c>).</summary>
    public static InteractionOption Id(string name, ApplicationCommandOptionType type, ulong id) =>
        Of(name, type, writer => writer.WriteStringValue(id.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>A subcommand node holding its parameters.</summary>
    public static InteractionOption SubCommand(string name, params InteractionOption[] options) =>
        new() { Name = name, Type = ApplicationCommandOptionType.SubCommand, Options = options };

    /// <summary>A subcommand group node holding one subcommand.</summary>
    public static InteractionOption SubCommandGroup(string name, InteractionOption subCommand) =>
        new() { Name = name, Type = ApplicationCommandOptionType.SubCommandGroup, Options = [subCommand] };

    private static InteractionOption Of(string name, ApplicationCommandOptionType type, Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return new InteractionOption { Name = name, Type = type, Value = document.RootElement.Clone() };
    }
}

/// <summary>Objects referred to by ids in options.</summary>
public sealed record ResolvedData
{
    /// <summary>Users by id.</summary>
    [JsonPropertyName("users")] public IReadOnlyDictionary<string, User>? Users { get; init; }

    /// <summary>Attachments by id.</summary>
    [JsonPropertyName("attachments")] public IReadOnlyDictionary<string, Attachment>? Attachments { get; init; }

    /// <summary>Roles by id.</summary>
    [JsonPropertyName("roles")] public IReadOnlyDictionary<string, Role>? Roles { get; init; }

    /// <summary>Channels by id.</summary>
    [JsonPropertyName("channels")] public IReadOnlyDictionary<string, PartialChannel>? Channels { get; init; }

    /// <summary>Partial members by user id (without their user, which is in <see cref="Users"/>).</summary>
    [JsonPropertyName("members")] public IReadOnlyDictionary<string, GuildMember>? Members { get; init; }
}

/// <summary>A submitted modal component: a label or action row wrapping an input, or the input itself.</summary>
public sealed record SubmittedComponent
{
    /// <summary>The component type.</summary>
    [JsonPropertyName("type")] public ComponentType Type { get; init; }

    /// <summary>The custom id of an input.</summary>
    [JsonPropertyName("custom_id")] public string? CustomId { get; init; }

    /// <summary>The value of a text input (a string) or a checkbox (a boolean).</summary>
    [JsonPropertyName("value")] public JsonElement? Value { get; init; }

    /// <summary>The values of a select.</summary>
    [JsonPropertyName("values")] public IReadOnlyList<string>? Values { get; init; }

    /// <summary>The component's numeric id within the modal.</summary>
    [JsonPropertyName("id")] public int? Id { get; init; }

    /// <summary>The child of a label (current style).</summary>
    [JsonPropertyName("component")] public SubmittedComponent? Component { get; init; }

    /// <summary>The children of an action row (legacy style).</summary>
    [JsonPropertyName("components")] public IReadOnlyList<SubmittedComponent>? Components { get; init; }
}

/// <summary>A guild member; <see cref="Permissions"/> arrives as a decimal string.</summary>
public sealed record GuildMember
{
    /// <summary>The member's user.</summary>
    [JsonPropertyName("user")] public User? User { get; init; }

    /// <summary>The member's nickname.</summary>
    [JsonPropertyName("nick")] public string? Nick { get; init; }

    /// <summary>The member's role ids.</summary>
    [JsonPropertyName("roles")] public IReadOnlyList<ulong> Roles { get; init; } = [];

    /// <summary>The member's permissions in the channel, as a bitfield.</summary>
    [JsonPropertyName("permissions")] public ulong? Permissions { get; init; }
}

/// <summary>A user.</summary>
public sealed record User
{
    /// <summary>The user id.</summary>
    [JsonPropertyName("id")] public ulong Id { get; init; }

    /// <summary>The username.</summary>
    [JsonPropertyName("username")] public string Username { get; init; } = "";

    /// <summary>The display name, if set.</summary>
    [JsonPropertyName("global_name")] public string? GlobalName { get; init; }

    /// <summary>True for bots.</summary>
    [JsonPropertyName("bot")] public bool? Bot { get; init; }
}

/// <summary>A role (only what Nexus reads).</summary>
public sealed record Role
{
    /// <summary>The role id.</summary>
    [JsonPropertyName("id")] public ulong Id { get; init; }

    /// <summary>The role name.</summary>
    [JsonPropertyName("name")] public string Name { get; init; } = "";
}

/// <summary>A channel (only what Nexus reads).</summary>
public sealed record PartialChannel
{
    /// <summary>The channel id.</summary>
    [JsonPropertyName("id")] public ulong Id { get; init; }

    /// <summary>The channel type.</summary>
    [JsonPropertyName("type")] public int Type { get; init; }

    /// <summary>The channel name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }
}

/// <summary>An uploaded file.</summary>
public sealed record Attachment
{
    /// <summary>The attachment id.</summary>
    [JsonPropertyName("id")] public ulong Id { get; init; }

    /// <summary>The file name.</summary>
    [JsonPropertyName("filename")] public string Filename { get; init; } = "";

    /// <summary>The size in bytes.</summary>
    [JsonPropertyName("size")] public long Size { get; init; }

    /// <summary>Where to download it.</summary>
    [JsonPropertyName("url")] public string Url { get; init; } = "";

    /// <summary>The media type.</summary>
    [JsonPropertyName("content_type")] public string? ContentType { get; init; }
}

/// <summary>The message a component sits on (only what Nexus reads).</summary>
public sealed record MessageReference
{
    /// <summary>The message id.</summary>
    [JsonPropertyName("id")] public ulong Id { get; init; }

    /// <summary>The message flags (64 when ephemeral).</summary>
    [JsonPropertyName("flags")] public int? Flags { get; init; }

    /// <summary>The interaction metadata of the message, when it answered one.</summary>
    [JsonPropertyName("interaction_metadata")] public MessageInteractionMetadata? InteractionMetadata { get; init; }
}

/// <summary>Which interaction a message answered (used to check who may press its buttons).</summary>
public sealed record MessageInteractionMetadata
{
    /// <summary>The interaction id.</summary>
    [JsonPropertyName("id")] public ulong Id { get; init; }

    /// <summary>The user who triggered it.</summary>
    [JsonPropertyName("user")] public User? User { get; init; }
}
