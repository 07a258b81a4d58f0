using System.Text.Json.Serialization;
using Nexus.Discord.Models;

namespace Nexus.Discord.Json;

/// <summary>
/// Source-generated JSON for everything Nexus reads from and sends to Discord: no reflection at run
/// time, and snake_case names given explicitly on each property. Nulls are omitted on write, because
/// Discord treats an explicit null differently from an absent field in several bodies.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = false,
    Converters = [typeof(SnowflakeJsonConverter)])]
[JsonSerializable(typeof(Interaction))]
[JsonSerializable(typeof(InteractionResponse))]
[JsonSerializable(typeof(MessagePayload))]
[JsonSerializable(typeof(ApplicationCommandJson))]
[JsonSerializable(typeof(IReadOnlyList<ApplicationCommandJson>))]
public sealed partial class DiscordJsonContext : JsonSerializerContext;
