using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Nexus.Discord.Json;
using Nexus.Discord.Models;

namespace Nexus.Discord.Rest;

/// <summary>
/// The REST client over a typed <see cref="HttpClient"/> whose base address ends in <c>/v10/</c> (see
/// <c>AddDiscordRest</c>). Authentication and rate limits are the job of <see cref="DiscordAuthHandler"/> and
/// <see cref="DiscordRateLimitHandler"/>; this class builds requests, tags each with its route template and
/// major parameter, and turns Discord's error bodies into <see cref="DiscordRestException"/>.
/// </summary>
/// <param name="http">The typed client.</param>
public sealed class DiscordRestClient(HttpClient http) : IDiscordRestClient
{
    /// <inheritdoc />
    public async Task<GatewayBotInfo> GetGatewayBotAsync(CancellationToken cancellationToken)
    {
        var route = new DiscordRoute(HttpMethod.Get, "/gateway/bot", "", IsInteraction: false, RetrySafe: true);
        var body = await SendAsync(route, "gateway/bot", null, DiscordRestJsonContext.Default.GatewayBotResponse, cancellationToken).ConfigureAwait(false);
        var limit = body.SessionStartLimit;
        return new GatewayBotInfo(body.Url, body.Shards, new SessionStartLimit(limit.Total, limit.Remaining, limit.ResetAfter, limit.MaxConcurrency));
    }

    /// <inheritdoc />
    public Task BulkOverwriteGlobalCommandsAsync(ulong applicationId, IReadOnlyList<ApplicationCommandJson> commands, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var route = new DiscordRoute(HttpMethod.Put, "/applications/{application_id}/commands", "", IsInteraction: false, RetrySafe: true);
        return SendAsync(route, $"applications/{Id(applicationId)}/commands", JsonBody(commands, DiscordJsonContext.Default.IReadOnlyListApplicationCommandJson), cancellationToken);
    }

    /// <inheritdoc />
    public Task BulkOverwriteGuildCommandsAsync(ulong applicationId, ulong guildId, IReadOnlyList<ApplicationCommandJson> commands, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var route = new DiscordRoute(HttpMethod.Put, "/applications/{application_id}/guilds/{guild_id}/commands", "guild " + Id(guildId), IsInteraction: false, RetrySafe: true);
        return SendAsync(route, $"applications/{Id(applicationId)}/guilds/{Id(guildId)}/commands", JsonBody(commands, DiscordJsonContext.Default.IReadOnlyListApplicationCommandJson), cancellationToken);
    }

    /// <inheritdoc />
    public Task CreateInteractionResponseAsync(ulong interactionId, string interactionToken, InteractionResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        // Not retried after a 5xx: the first attempt may have been acknowledged, and a second is a 40060.
        var route = new DiscordRoute(HttpMethod.Post, "/interactions/{interaction_id}/{interaction_token}/callback", "interaction " + Id(interactionId), IsInteraction: true, RetrySafe: false);
        return SendAsync(route, $"interactions/{Id(interactionId)}/{Token(interactionToken)}/callback", JsonBody(response, DiscordJsonContext.Default.InteractionResponse), cancellationToken);
    }

    /// <inheritdoc />
    public Task CreateInteractionResponseWithFileAsync(ulong interactionId, string interactionToken, InteractionResponse response, FileUpload file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(file);
        var data = response.Data ?? new InteractionCallbackData();
        var payload = response with { Data = data.Attachments is { Count: > 0 } ? data : data with { Attachments = [new AttachmentReference(0, file.FileName)] } };
        var route = new DiscordRoute(HttpMethod.Post, "/interactions/{interaction_id}/{interaction_token}/callback", "interaction " + Id(interactionId), IsInteraction: true, RetrySafe: false);
        return SendAsync(route, $"interactions/{Id(interactionId)}/{Token(interactionToken)}/callback",
            Multipart(JsonBody(payload, DiscordJsonContext.Default.InteractionResponse), file), cancellationToken);
    }

    /// <inheritdoc />
    public Task EditOriginalResponseWithFileAsync(ulong applicationId, string interactionToken, MessagePayload message, FileUpload file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(file);
        var route = WebhookRoute(HttpMethod.Patch, "/webhooks/{application_id}/{interaction_token}/messages/@original", applicationId, interactionToken, retrySafe: true);
        return SendAsync(route, $"webhooks/{Id(applicationId)}/{Token(interactionToken)}/messages/@original",
            Multipart(JsonBody(WithAttachment(message, file), DiscordJsonContext.Default.MessagePayload), file), cancellationToken);
    }

    /// <inheritdoc />
    public Task EditOriginalResponseAsync(ulong applicationId, string interactionToken, MessagePayload message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var route = WebhookRoute(HttpMethod.Patch, "/webhooks/{application_id}/{interaction_token}/messages/@original", applicationId, interactionToken, retrySafe: true);
        return SendAsync(route, $"webhooks/{Id(applicationId)}/{Token(interactionToken)}/messages/@original", JsonBody(message, DiscordJsonContext.Default.MessagePayload), cancellationToken);
    }

    /// <inheritdoc />
    public Task DeleteOriginalResponseAsync(ulong applicationId, string interactionToken, CancellationToken cancellationToken)
    {
        var route = WebhookRoute(HttpMethod.Delete, "/webhooks/{application_id}/{interaction_token}/messages/@original", applicationId, interactionToken, retrySafe: true);
        return SendAsync(route, $"webhooks/{Id(applicationId)}/{Token(interactionToken)}/messages/@original", null, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ulong> CreateFollowupMessageAsync(ulong applicationId, string interactionToken, MessagePayload message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        // A follow-up POST is not retried after a 5xx: Discord may have posted it, and a retry would post it twice.
        var route = WebhookRoute(HttpMethod.Post, "/webhooks/{application_id}/{interaction_token}", applicationId, interactionToken, retrySafe: false);
        var created = await SendAsync(route, $"webhooks/{Id(applicationId)}/{Token(interactionToken)}", JsonBody(message, DiscordJsonContext.Default.MessagePayload),
            DiscordRestJsonContext.Default.SnowflakeObject, cancellationToken).ConfigureAwait(false);
        return created.Id;
    }

    /// <inheritdoc />
    public async Task<ulong> CreateDmChannelAsync(ulong recipientId, CancellationToken cancellationToken)
    {
        // Retry-safe although a POST: it returns the existing DM channel when there is one.
        var route = new DiscordRoute(HttpMethod.Post, "/users/@me/channels", "", IsInteraction: false, RetrySafe: true);
        var channel = await SendAsync(route, "users/@me/channels", JsonBody(new CreateDmRequest(recipientId), DiscordRestJsonContext.Default.CreateDmRequest),
            DiscordRestJsonContext.Default.SnowflakeObject, cancellationToken).ConfigureAwait(false);
        return channel.Id;
    }

    /// <inheritdoc />
    public async Task<ulong> CreateMessageAsync(ulong channelId, MessagePayload message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var route = new DiscordRoute(HttpMethod.Post, "/channels/{channel_id}/messages", "channel " + Id(channelId), IsInteraction: false, RetrySafe: false);
        var created = await SendAsync(route, $"channels/{Id(channelId)}/messages", JsonBody(message, DiscordJsonContext.Default.MessagePayload),
            DiscordRestJsonContext.Default.SnowflakeObject, cancellationToken).ConfigureAwait(false);
        return created.Id;
    }

    /// <inheritdoc />
    public async Task<ulong> CreateFollowupWithFileAsync(ulong applicationId, string interactionToken, MessagePayload message, FileUpload file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(file);

        var route = WebhookRoute(HttpMethod.Post, "/webhooks/{application_id}/{interaction_token}", applicationId, interactionToken, retrySafe: false);
        var created = await SendAsync(route, $"webhooks/{Id(applicationId)}/{Token(interactionToken)}",
            Multipart(JsonBody(WithAttachment(message, file), DiscordJsonContext.Default.MessagePayload), file),
            DiscordRestJsonContext.Default.SnowflakeObject, cancellationToken).ConfigureAwait(false);
        return created.Id;
    }

    // payload_json must name the attachment that the part files[0] carries.
    private static MessagePayload WithAttachment(MessagePayload message, FileUpload file) =>
        message.Attachments is { Count: > 0 } ? message : message with { Attachments = [new AttachmentReference(0, file.FileName)] };

    // The body of any endpoint that takes files (reference §1.8): the JSON as the part payload_json, the file as files[0].
    private static MultipartFormDataContent Multipart(HttpContent json, FileUpload file)
    {
        var multipart = new MultipartFormDataContent();
        multipart.Add(json, "payload_json");
        var filePart = new ReadOnlyMemoryContent(file.Content);
        filePart.Headers.ContentType = MediaTypeHeaderValue.Parse(file.ContentType);
        multipart.Add(filePart, "files[0]", file.FileName);
        return multipart;
    }

    private static DiscordRoute WebhookRoute(HttpMethod method, string template, ulong applicationId, string interactionToken, bool retrySafe)
    {
        ArgumentException.ThrowIfNullOrEmpty(interactionToken);
        // Discord tracks webhook limits per webhook id and token; the key holds the token but is never logged.
        return new DiscordRoute(method, template, "webhook " + Id(applicationId) + "/" + interactionToken, IsInteraction: true, RetrySafe: retrySafe);
    }

    private async Task<T> SendAsync<T>(DiscordRoute route, string path, HttpContent? content, JsonTypeInfo<T> responseType, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(route, path, content, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize(bytes, responseType)
                ?? throw new DiscordRestException((int)response.StatusCode, null, $"Discord {route.Display} returned an empty body.");
        }
        catch (JsonException ex)
        {
            throw new DiscordRestException($"Discord {route.Display} returned a body that is not the expected JSON.", ex);
        }
    }

    private async Task SendAsync(DiscordRoute route, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(route, path, content, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendCoreAsync(DiscordRoute route, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(route.Method, new Uri(path, UriKind.Relative)) { Content = content };
        request.Options.Set(DiscordRoute.OptionKey, route);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            // One exception type for callers; the message names the route template, never the URL.
            throw new DiscordRestException($"Discord {route.Display} could not be reached: {ex.HttpRequestError}.", ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ToExceptionAsync(route, response, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<DiscordRestException> ToExceptionAsync(DiscordRoute route, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        DiscordErrorBody? body = null;
        try
        {
            body = bytes.Length > 0 ? JsonSerializer.Deserialize(bytes, DiscordRestJsonContext.Default.DiscordErrorBody) : null;
        }
        catch (JsonException)
        {
            // Not Discord's JSON (a proxy's HTML page): the status alone describes it.
        }

        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"Discord {route.Display} failed with HTTP {status}");
        if (body?.Code is { } code)
        {
            text.Append(CultureInfo.InvariantCulture, $", code {code}");
        }

        if (!string.IsNullOrWhiteSpace(body?.Message))
        {
            text.Append(": ").Append(body.Message);
        }

        if (body?.Errors is { ValueKind: JsonValueKind.Object } errors)
        {
            var details = new List<string>();
            CollectErrors(errors, "", details);
            if (details.Count > 0)
            {
                text.Append(" (").AppendJoin("; ", details).Append(')');
            }
        }

        return new DiscordRestException(status, body?.Code, text.ToString());
    }

    /// <summary>Flattens 50035's nested <c>errors</c> into "path: message" lines, e.g. <c>0.options.0.name: Command name is invalid</c>.</summary>
    private static void CollectErrors(JsonElement node, string path, List<string> into)
    {
        foreach (var property in node.EnumerateObject())
        {
            if (property.NameEquals("_errors") && property.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var error in property.Value.EnumerateArray())
                {
                    var message = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var m) ? m.GetString() : null;
                    into.Add((path.Length == 0 ? "body" : path) + ": " + (message ?? "invalid"));
                }
            }
            else if (property.Value.ValueKind == JsonValueKind.Object)
            {
                CollectErrors(property.Value, path.Length == 0 ? property.Name : path + "." + property.Name, into);
            }
        }
    }

    private static ByteArrayContent JsonBody<T>(T value, JsonTypeInfo<T> type)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, type));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private static string Id(ulong id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Token(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        return Uri.EscapeDataString(token);
    }
}
