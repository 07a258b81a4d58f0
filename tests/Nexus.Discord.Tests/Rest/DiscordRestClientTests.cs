using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Nexus.Discord.Models;
using Nexus.Discord.Rest;
using Nexus.Discord.Tests.Gateway;
using Nexus.Testing.OpenApi;

namespace Nexus.Discord.Tests.Rest;

public sealed class DiscordRestClientTests : IDisposable
{
    private const ulong AppId = 1064121768345600001;
    private const ulong GuildId = 981346340044800001;
    private const ulong InteractionId = 1235236788633600010;
    private const string InteractionToken = "FAKE_INTERACTION_TOKEN_CMD_not-a-real-token_aW50ZXJhY3Rpb24";

    private readonly RestHarness _rest = new();

    public void Dispose() => _rest.Dispose();

    [Fact]
    public async Task Get_gateway_bot_reads_url_shards_and_session_start_limit()
    {
        _rest.Stub.Respond = (_, _) => StubDiscordHandler.Json(HttpStatusCode.OK, DiscordExamples.Text("gateway-bot-response.json"));

        var info = await _rest.Client.GetGatewayBotAsync(CancellationToken.None);

        var request = Assert.Single(_rest.Stub.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("/api/v10/gateway/bot", request.Path);
        Assert.Equal(new GatewayBotInfo("wss://gateway.discord.gg", 1, new SessionStartLimit(1000, 997, 52341000, 1)), info);
    }

    [Fact]
    public async Task Every_request_carries_the_bot_token_and_the_discordbot_user_agent()
    {
        await _rest.Client.DeleteOriginalResponseAsync(AppId, InteractionToken, CancellationToken.None);

        var request = Assert.Single(_rest.Stub.Requests);
        Assert.Equal("Bot " + RestHarness.BotToken, request.Authorization);
        Assert.Matches(@"^DiscordBot \(https://example\.org/nexus, \d+\.\d+\.\d+[^)]*\)$", request.UserAgent);
    }

    [Fact]
    public async Task Bulk_overwrite_of_global_commands_puts_the_exact_array()
    {
        IReadOnlyList<ApplicationCommandJson> commands = [new() { Name = "mycase", Description = "Track your case" }, new() { Name = "stats", Description = "Waits" }];

        await _rest.Client.BulkOverwriteGlobalCommandsAsync(AppId, commands, CancellationToken.None);

        var request = Assert.Single(_rest.Stub.Requests);
        Assert.Equal(HttpMethod.Put, request.Method);
        Assert.Equal("/api/v10/applications/1064121768345600001/commands", request.Path);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        AssertJson("""[{"name":"mycase","description":"Track your case","type":1},{"name":"stats","description":"Waits","type":1}]""", request.BodyText);
    }

    [Fact]
    public async Task Bulk_overwrite_of_guild_commands_puts_under_the_guild()
    {
        await _rest.Client.BulkOverwriteGuildCommandsAsync(AppId, GuildId, [new() { Name = "mycase", Description = "d" }], CancellationToken.None);

        var request = Assert.Single(_rest.Stub.Requests);
        Assert.Equal(HttpMethod.Put, request.Method);
        Assert.Equal("/api/v10/applications/1064121768345600001/guilds/981346340044800001/commands", request.Path);
        AssertJson("""[{"name":"mycase","description":"d","type":1}]""", request.BodyText);
    }

    [Fact]
    public async Task Interaction_callback_posts_the_response_to_the_interaction_id_and_token()
    {
        var response = new InteractionResponse(InteractionCallbackType.ChannelMessageWithSource, new InteractionCallbackData { Content = "Saved", Flags = MessageFlags.Ephemeral, AllowedMentions = AllowedMentions.None });

        await _rest.Client.CreateInteractionResponseAsync(InteractionId, InteractionToken, response, CancellationToken.None);

        var request = Assert.Single(_rest.Stub.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal($"/api/v10/interactions/{InteractionId}/{InteractionToken}/callback", request.Path);
        AssertJson("""{"type":4,"data":{"content":"Saved","allowed_mentions":{"parse":[]},"flags":64}}""", request.BodyText);
    }

    [Fact]
    public async Task Edit_and_delete_of_the_original_use_the_application_id_and_token()
    {
        await _rest.Client.EditOriginalResponseAsync(AppId, InteractionToken, new MessagePayload { Content = "Done" }, CancellationToken.None);
        await _rest.Client.DeleteOriginalResponseAsync(AppId, InteractionToken, CancellationToken.None);

        var requests = _rest.Stub.Requests;
        Assert.Equal(HttpMethod.Patch, requests[0].Method);
        Assert.Equal($"/api/v10/webhooks/{AppId}/{InteractionToken}/messages/@original", requests[0].Path);
        AssertJson("""{"content":"Done","allowed_mentions":{"parse":[]}}""", requests[0].BodyText);
        Assert.Equal(HttpMethod.Delete, requests[1].Method);
        Assert.Equal($"/api/v10/webhooks/{AppId}/{InteractionToken}/messages/@original", requests[1].Path);
        Assert.Empty(requests[1].Body);
    }

    [Fact]
    public async Task Follow_up_posts_to_the_webhook_and_returns_the_message_id()
    {
        _rest.Stub.Respond = (_, _) => StubDiscordHandler.Json(HttpStatusCode.OK, """{"id":"1235236792827904015","channel_id":"1","content":"x"}""");

        var id = await _rest.Client.CreateFollowupMessageAsync(AppId, InteractionToken, new MessagePayload { Content = "More", Flags = MessageFlags.Ephemeral }, CancellationToken.None);

        Assert.Equal(1235236792827904015UL, id);
        var request = Assert.Single(_rest.Stub.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal($"/api/v10/webhooks/{AppId}/{InteractionToken}", request.Path);
        AssertJson("""{"content":"More","allowed_mentions":{"parse":[]},"flags":64}""", request.BodyText);
    }

    [Fact]
    public async Task A_dm_is_opened_then_sent_as_in_the_example()
    {
        var example = DiscordExamples.Node("dm-create-and-send.json");
        _rest.Stub.Respond = (request, _) => request.Path.EndsWith("/channels", StringComparison.Ordinal)
            ? StubDiscordHandler.Json(HttpStatusCode.OK, example["step1_response_200"]!.ToJsonString())
            : StubDiscordHandler.Json(HttpStatusCode.OK, """{"id":"1235236792827904015"}""");

        var channelId = await _rest.Client.CreateDmChannelAsync(554211842457600004, CancellationToken.None);
        var messageId = await _rest.Client.CreateMessageAsync(channelId, new MessagePayload { Content = "Reminder: your interview is tomorrow (2024-05-01)." }, CancellationToken.None);

        Assert.Equal(1203067315814400007UL, channelId);
        Assert.Equal(1235236792827904015UL, messageId);
        var requests = _rest.Stub.Requests;
        Assert.Equal(HttpMethod.Post, requests[0].Method);
        Assert.Equal((string)example["step1_request"]!["path"]!, requests[0].Path);
        AssertJson(example["step1_request"]!["body"]!.ToJsonString(), requests[0].BodyText);
        Assert.Equal(HttpMethod.Post, requests[1].Method);
        Assert.Equal((string)example["step2_request"]!["path"]!, requests[1].Path);
        AssertJson(example["step2_request"]!["body"]!.ToJsonString(), requests[1].BodyText);
    }

    [Fact]
    public async Task A_file_follow_up_is_multipart_with_payload_json_and_files_0()
    {
        _rest.Stub.Respond = (_, _) => StubDiscordHandler.Json(HttpStatusCode.OK, """{"id":"77"}""");
        var csv = Encoding.UTF8.GetBytes("case,stage\n1,interview\n");

        var id = await _rest.Client.CreateFollowupWithFileAsync(AppId, InteractionToken, new MessagePayload { Content = "Your export", Flags = MessageFlags.Ephemeral },
            new FileUpload("cases.csv", csv, "text/csv"), CancellationToken.None);

        Assert.Equal(77UL, id);
        var request = Assert.Single(_rest.Stub.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal($"/api/v10/webhooks/{AppId}/{InteractionToken}", request.Path);
        var contentType = MediaTypeHeaderValue.Parse(request.ContentType);
        Assert.Equal("multipart/form-data", contentType.MediaType.Value);
        var reader = new MultipartReader(HeaderUtilities.RemoveQuotes(contentType.Boundary).Value!, new MemoryStream(request.Body));

        var payloadSection = await reader.ReadNextSectionAsync();
        Assert.NotNull(payloadSection);
        Assert.Equal("payload_json", ContentDispositionHeaderValue.Parse(payloadSection.ContentDisposition).Name.Value?.Trim('"'));
        Assert.StartsWith("application/json", payloadSection.ContentType, StringComparison.Ordinal);
        AssertJson("""{"content":"Your export","allowed_mentions":{"parse":[]},"flags":64,"attachments":[{"id":"0","filename":"cases.csv"}]}""",
            await new StreamReader(payloadSection.Body).ReadToEndAsync());

        var fileSection = await reader.ReadNextSectionAsync();
        Assert.NotNull(fileSection);
        var disposition = ContentDispositionHeaderValue.Parse(fileSection.ContentDisposition);
        Assert.Equal("files[0]", disposition.Name.Value?.Trim('"'));
        Assert.Equal("cases.csv", disposition.FileName.Value?.Trim('"'));
        Assert.Equal("text/csv", fileSection.ContentType);
        using var bytes = new MemoryStream();
        await fileSection.Body.CopyToAsync(bytes);
        Assert.Equal(csv, bytes.ToArray());
        Assert.Null(await reader.ReadNextSectionAsync());
    }

    [Fact]
    public async Task A_first_response_with_a_file_is_a_multipart_callback_whose_embed_shows_the_attachment()
    {
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3 };
        var response = new InteractionResponse(InteractionCallbackType.ChannelMessageWithSource, new InteractionCallbackData
        {
            Embeds = [new Embed { Title = "Waits", Image = EmbedImage.Attachment("chart.png") }],
            AllowedMentions = AllowedMentions.None,
        });

        await _rest.Client.CreateInteractionResponseWithFileAsync(InteractionId, InteractionToken, response, new FileUpload("chart.png", png, "image/png"), CancellationToken.None);

        var request = Assert.Single(_rest.Stub.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal($"/api/v10/interactions/{InteractionId}/{InteractionToken}/callback", request.Path);
        MultipartBody.AssertValid("create_interaction_response", request.ContentType!, request.Body);
        var parts = MultipartBody.Parse(request.ContentType!, request.Body);
        AssertJson(
            """{"type":4,"data":{"embeds":[{"title":"Waits","image":{"url":"attachment://chart.png"}}],"allowed_mentions":{"parse":[]},"attachments":[{"id":"0","filename":"chart.png"}]}}""",
            Encoding.UTF8.GetString(parts[0].Content));
        Assert.Equal(("files[0]", "chart.png", "image/png"), (parts[1].Name, parts[1].FileName, parts[1].ContentType));
        Assert.Equal(png, parts[1].Content);
    }

    [Fact]
    public async Task An_edit_of_the_original_with_a_file_is_a_multipart_patch()
    {
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47 };
        var message = new MessagePayload { Embeds = [new Embed { Title = "Waits", Image = EmbedImage.Attachment("chart.png") }] };

        await _rest.Client.EditOriginalResponseWithFileAsync(AppId, InteractionToken, message, new FileUpload("chart.png", png, "image/png"), CancellationToken.None);

        var request = Assert.Single(_rest.Stub.Requests);
        Assert.Equal(HttpMethod.Patch, request.Method);
        Assert.Equal($"/api/v10/webhooks/{AppId}/{InteractionToken}/messages/@original", request.Path);
        MultipartBody.AssertValid("update_original_webhook_message", request.ContentType!, request.Body);
        Assert.Equal(png, MultipartBody.Parse(request.ContentType!, request.Body)[1].Content);
    }

    [Fact]
    public void A_multipart_body_whose_file_no_attachment_names_is_refused()
    {
        var body = Encoding.UTF8.GetBytes("--b\r\nContent-Disposition: form-data; name=payload_json\r\nContent-Type: application/json\r\n\r\n{}\r\n"
            + "--b\r\nContent-Disposition: form-data; name=\"files[0]\"; filename=chart.png\r\nContent-Type: image/png\r\n\r\nPNG\r\n--b--\r\n");

        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => MultipartBody.AssertValid("update_original_webhook_message", "multipart/form-data; boundary=b", body));
    }

    [Theory]
    [InlineData("error-dm-closed-50007.json", 50007, "Cannot send messages to this user")]
    [InlineData("error-unknown-interaction-10062.json", 10062, "Unknown interaction")]
    [InlineData("error-invalid-form-body-50035.json", 50035, "0.options.0.name: Command name is invalid")]
    public async Task A_discord_error_body_becomes_a_rest_exception_with_status_and_code(string fixture, int code, string text)
    {
        var example = DiscordExamples.Node(fixture);
        var status = (HttpStatusCode)(int)example["status"]!;
        _rest.Stub.Respond = (_, _) => StubDiscordHandler.Json(status, example["body"]!.ToJsonString());

        var error = await Assert.ThrowsAsync<DiscordRestException>(() =>
            _rest.Client.CreateInteractionResponseAsync(InteractionId, InteractionToken, new InteractionResponse(InteractionCallbackType.DeferredChannelMessageWithSource), CancellationToken.None));

        Assert.Equal((int)status, error.StatusCode);
        Assert.Equal(code, error.ErrorCode);
        Assert.Contains(text, error.Message, StringComparison.Ordinal);
        Assert.Contains("/interactions/{interaction_id}/{interaction_token}/callback", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(InteractionToken, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_json_error_still_gives_the_status()
    {
        _rest.Stub.Respond = (_, _) => new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent("<html>blocked</html>") };

        var error = await Assert.ThrowsAsync<DiscordRestException>(() => _rest.Client.CreateMessageAsync(1, new MessagePayload { Content = "x" }, CancellationToken.None));

        Assert.Equal(403, error.StatusCode);
        Assert.Null(error.ErrorCode);
    }

    [Fact]
    public async Task Without_a_bot_token_interaction_routes_go_unauthenticated_and_others_fail_before_sending()
    {
        using var rest = new RestHarness(token: null);

        await rest.Client.EditOriginalResponseAsync(AppId, InteractionToken, new MessagePayload { Content = "ok" }, CancellationToken.None);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => rest.Client.BulkOverwriteGlobalCommandsAsync(AppId, [], CancellationToken.None));

        var request = Assert.Single(rest.Stub.Requests);
        Assert.Null(request.Authorization);
        Assert.StartsWith("DiscordBot (", request.UserAgent, StringComparison.Ordinal);
        Assert.Contains("Discord:Token", refused.Message, StringComparison.Ordinal);
    }

    private static void AssertJson(string expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"Expected {expected}\nActual   {actual}");
}
