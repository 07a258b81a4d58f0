using System.Text.Json;
using System.Text.Json.Serialization;
using Nexus.Discord.Json;

namespace Nexus.Discord.Rest;

/// <summary>Source-generated JSON for the REST client's own small bodies (same conventions as <see cref="DiscordJsonContext"/>).</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(SnowflakeJsonConverter)])]
[JsonSerializable(typeof(GatewayBotResponse))]
[JsonSerializable(typeof(DiscordErrorBody))]
[JsonSerializable(typeof(RateLimitBody))]
[JsonSerializable(typeof(SnowflakeObject))]
[JsonSerializable(typeof(CreateDmRequest))]
internal sealed partial class DiscordRestJsonContext : JsonSerializerContext;

/// <summary>The body of <c>GET /gateway/bot</c>.</summary>
internal sealed record GatewayBotResponse(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("shards")] int Shards,
    [property: JsonPropertyName("session_start_limit")] SessionStartLimitBody SessionStartLimit);

/// <summary>The <c>session_start_limit</c> object.</summary>
internal sealed record SessionStartLimitBody(
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("remaining")] int Remaining,
    [property: JsonPropertyName("reset_after")] long ResetAfter,
    [property: JsonPropertyName("max_concurrency")] int MaxConcurrency);

/// <summary>Discord's JSON error body: <c>{code, message, errors?}</c>.</summary>
internal sealed record DiscordErrorBody(
    [property: JsonPropertyName("code")] int? Code,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("errors")] JsonElement? Errors);

/// <summary>A 429 body: <c>{message, retry_after (seconds), global, code?}</c>.</summary>
internal sealed record RateLimitBody(
    [property: JsonPropertyName("retry_after")] double? RetryAfter,
    [property: JsonPropertyName("global")] bool? Global);

/// <summary>Any object of which only the id is read (a message, a channel).</summary>
internal sealed record SnowflakeObject([property: JsonPropertyName("id")] ulong Id);

/// <summary>The body of <c>POST /users/@me/channels</c>.</summary>
internal sealed record CreateDmRequest([property: JsonPropertyName("recipient_id")] ulong RecipientId);
