using System.Text.Json;
using System.Text.Json.Nodes;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Json;
using Nexus.Discord.Models;
using Nexus.Testing;
using Nexus.Testing.OpenApi;

namespace Nexus.Discord.Tests.Json;

public sealed class ExamplePayloadTests
{
    public static TheoryData<string> InteractionFiles() =>
    [
        "ping.json",
        "interaction-chat-input-guild.json",
        "interaction-chat-input-dm.json",
        "interaction-autocomplete.json",
        "interaction-button.json",
        "interaction-modal-submit.json",
    ];

    public static TheoryData<string> ResponseKeys()
    {
        var data = new TheoryData<string>();
        foreach (var property in Responses().EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("type", out _)))
        {
            data.Add(property.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(InteractionFiles))]
    public void Every_interaction_example_parses(string file)
    {
        var interaction = JsonSerializer.Deserialize(File.ReadAllText(FixturePaths.DiscordExample(file)), DiscordJsonContext.Default.Interaction)!;

        Assert.NotEqual(0UL, interaction.Id);
        Assert.Equal(1064121768345600001UL, interaction.ApplicationId);
        Assert.True(Enum.IsDefined(interaction.Type));
        Assert.NotEmpty(interaction.Token);
        Assert.Equal(554211842457600004UL, interaction.Invoker?.Id);
    }

    [Fact]
    public void Every_example_file_is_covered_by_a_parse_test()
    {
        // The gateway frames, rate-limit and error bodies are the REST/gateway layer's to model; the
        // INTERACTION_CREATE dispatch's "d" is ours and is parsed below.
        string[] others =
        [
            "commands-bulk-overwrite.json", "interaction-responses.json", "signature-test-vectors.json", "gateway-dispatch-interaction-create.json",
            "gateway-hello.json", "gateway-heartbeat.json", "gateway-heartbeat-ack.json", "gateway-identify.json", "gateway-ready.json",
            "gateway-resume.json", "gateway-reconnect.json", "gateway-invalid-session.json", "gateway-invalid-session-resumable.json",
            "gateway-bot-response.json", "rate-limit-429.json", "rate-limit-429-global.json", "error-dm-closed-50007.json",
            "error-invalid-form-body-50035.json", "error-unknown-interaction-10062.json", "dm-create-and-send.json",
        ];
        var covered = ((IEnumerable<object[]>)InteractionFiles()).Select(row => (string)row[0]).Concat(others).ToHashSet();

        Assert.All(FixturePaths.DiscordExamples().Select(f => Path.GetFileName(f)), file => Assert.Contains(file, covered));
    }

    [Fact]
    public void Guild_command_carries_member_permissions_as_a_64_bit_value_and_nested_options()
    {
        var interaction = Support.Interactions.Example("interaction-chat-input-guild.json");

        Assert.Equal(InteractionType.ApplicationCommand, interaction.Type);
        Assert.Equal(981346340044800001UL, interaction.GuildId);
        Assert.Equal(1126211396160577UL, interaction.Member!.Permissions);
        Assert.Equal(277025770560UL, interaction.AppPermissions);
        Assert.Equal(981346340044800001UL, interaction.AuthorizingIntegrationOwners!["0"]);
        Assert.Equal("en-US", interaction.Locale);
        Assert.Equal("en-US", interaction.GuildLocale);
        var sub = Assert.Single(interaction.Data!.Options!);
        Assert.Equal(("update", ApplicationCommandOptionType.SubCommand), (sub.Name, sub.Type));
        Assert.Equal(["milestone", "date"], sub.Options!.Select(o => o.Name));
        Assert.Equal("2024-05-01", sub.Options![1].Value!.Value.GetString());
    }

    [Fact]
    public void Dm_command_has_a_user_and_no_guild()
    {
        var interaction = Support.Interactions.Example("interaction-chat-input-dm.json");

        Assert.Null(interaction.GuildId);
        Assert.Null(interaction.Member);
        Assert.Equal(554211842457600004UL, interaction.User!.Id);
        Assert.Equal(1, interaction.Context);
        Assert.Equal("fr", interaction.Locale);
        Assert.Equal(442368UL, interaction.AppPermissions);
    }

    [Fact]
    public void Autocomplete_marks_the_focused_option()
    {
        var interaction = Support.Interactions.Example("interaction-autocomplete.json");

        var focused = interaction.Data!.Options![0].Options!.Single(o => o.Focused == true);
        Assert.Equal(("milestone", "inter"), (focused.Name, focused.Value!.Value.GetString()));
    }

    [Fact]
    public void Button_carries_custom_id_and_the_message_with_who_asked()
    {
        var interaction = Support.Interactions.Example("interaction-button.json");

        Assert.Equal("mycase:confirm:interview:2024-05-01", interaction.Data!.CustomId);
        Assert.Equal(ComponentType.Button, interaction.Data.ComponentType);
        Assert.Equal(1235236792827904015UL, interaction.Message!.Id);
        Assert.Equal(554211842457600004UL, interaction.Message.InteractionMetadata!.User!.Id);
    }

    [Fact]
    public void Modal_submit_carries_label_wrapped_inputs()
    {
        var interaction = Support.Interactions.Example("interaction-modal-submit.json");

        var components = interaction.Data!.Components!;
        Assert.Equal(ComponentType.Label, components[0].Type);
        Assert.Equal("note", components[0].Component!.CustomId);
        Assert.StartsWith("Panel interview", components[0].Component!.Value!.Value.GetString(), StringComparison.Ordinal);
        Assert.Equal(["positive"], components[1].Component!.Values!);
    }

    [Fact]
    public void Gateway_interaction_create_payload_parses_as_an_interaction()
    {
        using var frame = JsonDocument.Parse(File.ReadAllText(FixturePaths.DiscordExample("gateway-dispatch-interaction-create.json")));
        var interaction = frame.RootElement.GetProperty("d").Deserialize(DiscordJsonContext.Default.Interaction)!;

        Assert.Equal(InteractionType.ApplicationCommand, interaction.Type);
        Assert.Equal("mycase", interaction.Data!.Name);
    }

    [Fact]
    public void Bulk_overwrite_example_parses_into_command_json_and_validates()
    {
        var text = File.ReadAllText(FixturePaths.DiscordExample("commands-bulk-overwrite.json"));
        var commands = JsonSerializer.Deserialize(text, DiscordJsonContext.Default.IReadOnlyListApplicationCommandJson)!;

        Assert.Equal(["mycase", "casebot-config"], commands.Select(c => c.Name));
        Assert.Equal("32", commands[1].DefaultMemberPermissions);
        Assert.True(commands[0].Options![0].Options![0].Autocomplete);
        foreach (var command in JsonNode.Parse(text)!.AsArray())
        {
            OpenApiSchemaValidator.Discord.AssertValid(command!.ToJsonString(), "ApplicationCommandCreateRequest");
        }
    }

    [Theory]
    [MemberData(nameof(ResponseKeys))]
    public void Response_examples_round_trip_exactly_and_validate_against_the_callback_schema(string key)
    {
        var original = Responses().GetProperty(key).GetRawText();

        var parsed = JsonSerializer.Deserialize(original, DiscordJsonContext.Default.InteractionResponse)!;
        var written = JsonSerializer.Serialize(parsed, DiscordJsonContext.Default.InteractionResponse);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(original), JsonNode.Parse(written)), $"{original}{Environment.NewLine}{written}");
        OpenApiSchemaValidator.Discord.AssertValidRequestBody("create_interaction_response", written);
    }

    [Theory]
    [InlineData("edit_original_body_PATCH_webhooks_app_token_messages_original", "update_original_webhook_message")]
    [InlineData("followup_body_POST_webhooks_app_token", "execute_webhook")]
    public async Task Message_bodies_round_trip_and_the_responder_adds_mentions_disabled(string key, string operationId)
    {
        var original = Responses().GetProperty(key).GetRawText();

        var parsed = JsonSerializer.Deserialize(original, DiscordJsonContext.Default.MessagePayload)!;
        var written = JsonSerializer.Serialize(parsed, DiscordJsonContext.Default.MessagePayload);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(original), JsonNode.Parse(written)), written);
        OpenApiSchemaValidator.Discord.AssertValidRequestBody(operationId, written);

        // A body without allowed_mentions (as parsed here) still leaves with {parse: []}.
        var inner = new RecordingResponder();
        await new NoMentionsResponder(inner).FollowUpAsync(Support.Interactions.Command("help"), parsed, null, CancellationToken.None);
        var sent = JsonNode.Parse(JsonSerializer.Serialize(Assert.Single(inner.FollowUps), DiscordJsonContext.Default.MessagePayload))!.AsObject();
        var expected = JsonNode.Parse(original)!.AsObject();
        expected["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() };
        Assert.True(JsonNode.DeepEquals(expected, sent), sent.ToJsonString());
        OpenApiSchemaValidator.Discord.AssertValidRequestBody(operationId, sent.ToJsonString());
    }

    [Fact]
    public void Snowflakes_are_written_as_strings()
    {
        var json = JsonSerializer.Serialize(new Interaction { Id = 1235236788633600010, ApplicationId = 1, Token = "t" }, DiscordJsonContext.Default.Interaction);

        Assert.Contains("\"id\":\"1235236788633600010\"", json, StringComparison.Ordinal);
    }

    private static JsonElement Responses() =>
        JsonDocument.Parse(File.ReadAllText(FixturePaths.DiscordExample("interaction-responses.json"))).RootElement;
}
