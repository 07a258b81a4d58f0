using System.Text.Json.Serialization;

namespace Nexus.Discord.Models;

/// <summary>An interaction response (callback): inline as the HTTP body, or POSTed to the callback endpoint.</summary>
/// <param name="Type">The callback type.</param>
/// <param name="Data">Message, autocomplete or modal data, depending on the type.</param>
public sealed record InteractionResponse(
    [property: JsonPropertyName("type")] InteractionCallbackType Type,
    [property: JsonPropertyName("data")] InteractionCallbackData? Data = null)
{
    /// <summary>The answer to a PING.</summary>
    public static InteractionResponse Pong { get; } = new(InteractionCallbackType.Pong);
}

/// <summary>
/// The <c>data</c> of a callback. Discord uses one object whose shape depends on the callback type:
/// message fields for 4 and 7, <see cref="Choices"/> for 8, modal fields for 9. Unset fields are omitted.
/// </summary>
public sealed record InteractionCallbackData
{
    /// <summary>Message text, at most 2000 characters.</summary>
    [JsonPropertyName("content")] public string? Content { get; init; }

    /// <summary>At most 10 embeds, 6000 characters in all.</summary>
    [JsonPropertyName("embeds")] public IReadOnlyList<Embed>? Embeds { get; init; }

    /// <summary>Which mentions may ping. Nexus always sends <see cref="AllowedMentions.None"/>.</summary>
    [JsonPropertyName("allowed_mentions")] public AllowedMentions? AllowedMentions { get; init; }

    /// <summary>Message flags (EPHEMERAL).</summary>
    [JsonPropertyName("flags")] public MessageFlags? Flags { get; init; }

    /// <summary>Action rows (messages) or labels (modals).</summary>
    [JsonPropertyName("components")] public IReadOnlyList<Component>? Components { get; init; }

    /// <summary>Autocomplete choices, at most 25.</summary>
    [JsonPropertyName("choices")] public IReadOnlyList<CommandChoice>? Choices { get; init; }

    /// <summary>The modal's custom id.</summary>
    [JsonPropertyName("custom_id")] public string? CustomId { get; init; }

    /// <summary>The modal's title, at most 45 characters.</summary>
    [JsonPropertyName("title")] public string? Title { get; init; }

    /// <summary>Attachments referring to multipart <c>files[n]</c> parts (a message callback sent as multipart).</summary>
    [JsonPropertyName("attachments")] public IReadOnlyList<AttachmentReference>? Attachments { get; init; }
}

/// <summary>
/// A message body for follow-ups, edits of the original response and channel messages
/// (the Execute Webhook / Edit Webhook Message / Create Message bodies Nexus uses).
/// </summary>
public sealed record MessagePayload
{
    /// <summary>Message text, at most 2000 characters.</summary>
    [JsonPropertyName("content")] public string? Content { get; init; }

    /// <summary>At most 10 embeds.</summary>
    [JsonPropertyName("embeds")] public IReadOnlyList<Embed>? Embeds { get; init; }

    /// <summary>Which mentions may ping; Nexus always sends none.</summary>
    [JsonPropertyName("allowed_mentions")] public AllowedMentions? AllowedMentions { get; init; } = AllowedMentions.None;

    /// <summary>Flags; only follow-ups may set EPHEMERAL, edits may not.</summary>
    [JsonPropertyName("flags")] public MessageFlags? Flags { get; init; }

    /// <summary>Action rows.</summary>
    [JsonPropertyName("components")] public IReadOnlyList<Component>? Components { get; init; }

    /// <summary>Attachments referring to multipart <c>files[n]</c> parts.</summary>
    [JsonPropertyName("attachments")] public IReadOnlyList<AttachmentReference>? Attachments { get; init; }
}

/// <summary>An attachment in a message body, referring to the multipart part <c>files[Id]</c>.</summary>
/// <param name="Id">The index of the file part (a snowflake-typed string on the wire, as the spec has it).</param>
/// <param name="Filename">The file name shown to users.</param>
public sealed record AttachmentReference(
    [property: JsonPropertyName("id"), JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)] int Id,
    [property: JsonPropertyName("filename")] string Filename);

/// <summary>Which mentions in a message may notify anyone.</summary>
public sealed record AllowedMentions
{
    /// <summary>Mention types to parse from the content; empty means none.</summary>
    [JsonPropertyName("parse")] public IReadOnlyList<string> Parse { get; init; } = [];

    /// <summary>No mention pings anyone: the bot's default everywhere.</summary>
    public static AllowedMentions None { get; } = new();
}

/// <summary>A rich embed.</summary>
public sealed record Embed
{
    /// <summary>At most 256 characters.</summary>
    [JsonPropertyName("title")] public string? Title { get; init; }

    /// <summary>At most 4096 characters.</summary>
    [JsonPropertyName("description")] public string? Description { get; init; }

    /// <summary>A link for the title.</summary>
    [JsonPropertyName("url")] public string? Url { get; init; }

    /// <summary>The colour as RGB.</summary>
    [JsonPropertyName("color")] public int? Color { get; init; }

    /// <summary>The time shown in the footer (an instant, ISO 8601 on the wire).</summary>
    [JsonPropertyName("timestamp"), JsonConverter(typeof(Json.IsoTimestampJsonConverter))] public DateTimeOffset? Timestamp { get; init; }

    /// <summary>At most 25 fields.</summary>
    [JsonPropertyName("fields")] public IReadOnlyList<EmbedField>? Fields { get; init; }

    /// <summary>The footer.</summary>
    [JsonPropertyName("footer")] public EmbedFooter? Footer { get; init; }

    /// <summary>The author line.</summary>
    [JsonPropertyName("author")] public EmbedAuthor? Author { get; init; }

    /// <summary>The large image under the fields, e.g. <c>attachment://chart.png</c> for a file sent with the message.</summary>
    [JsonPropertyName("image")] public EmbedImage? Image { get; init; }
}

/// <summary>An embed's image.</summary>
/// <param name="Url">An https URL, or <c>attachment://{filename}</c> for a file uploaded with the same message.</param>
public sealed record EmbedImage([property: JsonPropertyName("url")] string Url)
{
    /// <summary>The image of a file uploaded with the message.</summary>
    public static EmbedImage Attachment(string fileName) => new("attachment://" + fileName);
}

/// <summary>An embed field: name at most 256, value at most 1024 characters.</summary>
/// <param name="Name">The field name.</param>
/// <param name="Value">The field value.</param>
/// <param name="Inline">Whether it may sit beside other inline fields.</param>
public sealed record EmbedField(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("inline")] bool? Inline = null);

/// <summary>An embed footer: at most 2048 characters.</summary>
/// <param name="Text">The footer text.</param>
public sealed record EmbedFooter([property: JsonPropertyName("text")] string Text);

/// <summary>An embed author line: at most 256 characters.</summary>
/// <param name="Name">The author text.</param>
public sealed record EmbedAuthor([property: JsonPropertyName("name")] string Name);

/// <summary>A choice of a command option, or an autocomplete result.</summary>
/// <param name="Name">The display name, 1–100 characters.</param>
/// <param name="Value">The value: a string (at most 100), an integer or a double.</param>
public sealed record CommandChoice(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value"), JsonConverter(typeof(Json.ChoiceValueJsonConverter))] object Value)
{
    /// <summary>The name per Discord locale (e.g. <c>fr</c>), or null; Discord shows it to members whose client uses that locale.</summary>
    [JsonPropertyName("name_localizations")] public IReadOnlyDictionary<string, string>? NameLocalizations { get; init; }
}

/// <summary>
/// A message component as Discord's JSON has it: one shape with optional fields per type.
/// Build them with the factory methods, which set only the fields each type allows.
/// </summary>
public sealed record Component
{
    /// <summary>The component type.</summary>
    [JsonPropertyName("type")] public ComponentType Type { get; init; }

    /// <summary>The numeric id within the message (Discord assigns one when omitted).</summary>
    [JsonPropertyName("id")] public int? Id { get; init; }

    /// <summary>Children of an action row.</summary>
    [JsonPropertyName("components")] public IReadOnlyList<Component>? Components { get; init; }

    /// <summary>The child of a label.</summary>
    [JsonPropertyName("component")] public Component? Child { get; init; }

    /// <summary>Button style, or text input style (1 short, 2 paragraph).</summary>
    [JsonPropertyName("style")] public int? Style { get; init; }

    /// <summary>Button or label text.</summary>
    [JsonPropertyName("label")] public string? Label { get; init; }

    /// <summary>Label description.</summary>
    [JsonPropertyName("description")] public string? Description { get; init; }

    /// <summary>The custom id, 1–100 characters.</summary>
    [JsonPropertyName("custom_id")] public string? CustomId { get; init; }

    /// <summary>The link of a link button.</summary>
    [JsonPropertyName("url")] public string? Url { get; init; }

    /// <summary>Whether the component is disabled (messages only).</summary>
    [JsonPropertyName("disabled")] public bool? Disabled { get; init; }

    /// <summary>Select options.</summary>
    [JsonPropertyName("options")] public IReadOnlyList<SelectOption>? Options { get; init; }

    /// <summary>Placeholder of a select or text input.</summary>
    [JsonPropertyName("placeholder")] public string? Placeholder { get; init; }

    /// <summary>Minimum number of selected values.</summary>
    [JsonPropertyName("min_values")] public int? MinValues { get; init; }

    /// <summary>Maximum number of selected values.</summary>
    [JsonPropertyName("max_values")] public int? MaxValues { get; init; }

    /// <summary>Minimum text length.</summary>
    [JsonPropertyName("min_length")] public int? MinLength { get; init; }

    /// <summary>Maximum text length.</summary>
    [JsonPropertyName("max_length")] public int? MaxLength { get; init; }

    /// <summary>Whether a modal input is required.</summary>
    [JsonPropertyName("required")] public bool? Required { get; init; }

    /// <summary>Prefilled text of a text input.</summary>
    [JsonPropertyName("value")] public string? Value { get; init; }

    /// <summary>An action row holding up to 5 buttons or one select.</summary>
    public static Component ActionRow(params Component[] children) => new() { Type = ComponentType.ActionRow, Components = children };

    /// <summary>An interactive button that sends <paramref name="customId"/> back.</summary>
    public static Component Button(string label, string customId, ButtonStyle style = ButtonStyle.Secondary, bool disabled = false) =>
        new() { Type = ComponentType.Button, Label = label, CustomId = customId, Style = (int)style, Disabled = disabled ? true : null };

    /// <summary>A link button.</summary>
    public static Component LinkButton(string label, string url) =>
        new() { Type = ComponentType.Button, Label = label, Url = url, Style = (int)ButtonStyle.Link };

    /// <summary>A select menu of strings.</summary>
    public static Component StringSelect(string customId, IReadOnlyList<SelectOption> options, string? placeholder = null) =>
        new() { Type = ComponentType.StringSelect, CustomId = customId, Options = options, Placeholder = placeholder };

    /// <summary>A label (modals) around one input.</summary>
    public static Component LabelFor(string label, Component child, string? description = null) =>
        new() { Type = ComponentType.Label, Label = label, Description = description, Child = child };

    /// <summary>A text input (modals), short (style 1) or paragraph (style 2).</summary>
    public static Component TextInput(string customId, bool paragraph = false, bool required = true, int? maxLength = null, string? placeholder = null, string? value = null) =>
        new() { Type = ComponentType.TextInput, CustomId = customId, Style = paragraph ? 2 : 1, Required = required, MaxLength = maxLength, Placeholder = placeholder, Value = value };
}

/// <summary>An option of a string select.</summary>
/// <param name="Label">Shown text, at most 100 characters.</param>
/// <param name="Value">Sent value, at most 100 characters.</param>
/// <param name="Description">Extra text, at most 100 characters.</param>
public sealed record SelectOption(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("description")] string? Description = null);
