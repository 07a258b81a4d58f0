using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Json;
using Nexus.Discord.Models;
using Nexus.Discord.Tests.Support;
using Nexus.Testing.OpenApi;
using static Nexus.Discord.Tests.Support.Interactions;

namespace Nexus.Discord.Tests.Dispatch;

public sealed class DispatcherTests : IDisposable
{
    private readonly DispatcherHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task A_subcommand_reaches_its_handler_with_its_options_and_replies_once_without_mentions()
    {
        var responder = await _harness.DispatchAsync(Command("mycase", Sub("update", String("milestone", "interview"), String("date", "2024-05-01"))));

        var response = responder.Single;
        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, response.Type);
        Assert.Equal(MessageFlags.Ephemeral, response.Data!.Flags);
        Assert.StartsWith("mycase update: milestone=interview, date=2024-05-01", response.Data.Content, StringComparison.Ordinal);
        Assert.Equal(AllowedMentions.None, response.Data.AllowedMentions);
        Assert.Contains("\"allowed_mentions\":{\"parse\":[]}", responder.SingleJson, StringComparison.Ordinal);
        OpenApiSchemaValidator.Discord.AssertValidRequestBody("create_interaction_response", responder.SingleJson);
    }

    [Fact]
    public async Task Groups_and_bare_commands_are_routed()
    {
        var group = await _harness.DispatchAsync(Command("mycase", Group("admin", Sub("reset", Raw("user", ApplicationCommandOptionType.User, "\"42\"")))));
        var bare = await _harness.DispatchAsync(Command("help"));

        Assert.StartsWith("mycase admin reset: user=42", group.Single.Data!.Content, StringComparison.Ordinal);
        Assert.StartsWith("help: ", bare.Single.Data!.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_interaction_gets_its_own_di_scope()
    {
        await _harness.DispatchAsync(Command("help"));
        await _harness.DispatchAsync(Command("help"));

        Assert.Equal(2, _harness.Probe.Scopes.Distinct().Count());
    }

    [Fact]
    public async Task Components_route_by_prefix_and_get_the_rest_as_state()
    {
        var responder = await _harness.DispatchAsync(Button("cases:page:3"));

        var response = responder.Single;
        Assert.Equal(InteractionCallbackType.UpdateMessage, response.Type);
        Assert.Equal("page 3", response.Data!.Content);
        Assert.Null(response.Data.Flags);

        // Type 7 keeps whatever it omits, so a text-only update clears the old embeds and buttons explicitly.
        Assert.Contains("\"embeds\":[]", responder.SingleJson, StringComparison.Ordinal);
        Assert.Contains("\"components\":[]", responder.SingleJson, StringComparison.Ordinal);
        Assert.Equal(AllowedMentions.None, response.Data.AllowedMentions);
        OpenApiSchemaValidator.Discord.AssertValidRequestBody("create_interaction_response", responder.SingleJson);
    }

    [Fact]
    public async Task A_button_pressed_by_someone_else_gets_the_handlers_ephemeral_refusal()
    {
        var responder = await _harness.DispatchAsync(Button("cases:page:2", originalUser: 999));

        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, responder.Single.Type);
        Assert.Equal(MessageFlags.Ephemeral, responder.Single.Data!.Flags);
        Assert.Equal("Only the member who asked can turn these pages.", responder.Single.Data.Content);
    }

    [Fact]
    public async Task A_prefix_only_matches_whole_segments()
    {
        var responder = await _harness.DispatchAsync(Button("cases:pagez"));

        Assert.Equal(InteractionDispatcher.NoLongerAvailableMessage, responder.Single.Data!.Content);
    }

    [Fact]
    public async Task A_component_can_open_a_modal_and_the_modal_submit_is_routed_with_its_fields()
    {
        var modal = await _harness.DispatchAsync(Button("mycase:confirm:interview"));
        Assert.Equal(InteractionCallbackType.Modal, modal.Single.Type);
        Assert.Equal("mycase:note:interview", modal.Single.Data!.CustomId);
        OpenApiSchemaValidator.Discord.AssertValidRequestBody("create_interaction_response", modal.SingleJson);

        var submit = await _harness.DispatchAsync(Modal("mycase:note:interview", "note", "went well"));
        Assert.Equal("Note for interview: went well", submit.Single.Data!.Content);
    }

    [Fact]
    public async Task The_example_modal_submit_reads_label_wrapped_inputs()
    {
        var example = Example("interaction-modal-submit.json");

        var responder = await _harness.DispatchAsync(example);

        Assert.Equal("Note for : Panel interview went well; follow-up expected next week.", responder.Single.Data!.Content);
    }

    [Fact]
    public async Task Autocomplete_is_routed_by_command_path_and_focused_option()
    {
        var responder = await _harness.DispatchAsync(Autocomplete("mycase", Sub("start", String("date", "2024"), String("centre", "to", focused: true))));

        var response = responder.Single;
        Assert.Equal(InteractionCallbackType.ApplicationCommandAutocompleteResult, response.Type);
        Assert.Equal([new CommandChoice("Toronto Pearson", "toronto pearson")], response.Data!.Choices!);
        OpenApiSchemaValidator.Discord.AssertValidRequestBody("create_interaction_response", responder.SingleJson);
    }

    [Theory]
    [InlineData("gone")]
    [InlineData("milestone")]
    public async Task Unknown_autocomplete_gets_empty_choices(string command)
    {
        var interaction = command == "gone"
            ? Autocomplete("gone", String("x", "a", focused: true))
            : Autocomplete("mycase", Sub("update", String("milestone", "in", focused: true)));

        var responder = await _harness.DispatchAsync(interaction);

        Assert.Equal(InteractionCallbackType.ApplicationCommandAutocompleteResult, responder.Single.Type);
        Assert.Empty(responder.Single.Data!.Choices!);
        Assert.Equal("""{"type":8,"data":{"choices":[]}}""", responder.SingleJson);
    }

    [Theory]
    [InlineData("command")]
    [InlineData("subcommand")]
    [InlineData("button")]
    [InlineData("modal")]
    public async Task Unknown_interactions_are_answered_as_no_longer_available(string kind)
    {
        var interaction = kind switch
        {
            "command" => Command("retired"),
            "subcommand" => Command("mycase", Sub("retired")),
            "button" => Button("old:button:1"),
            _ => Modal("old:modal", "x", "y"),
        };

        var responder = await _harness.DispatchAsync(interaction);

        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, responder.Single.Type);
        Assert.Equal(MessageFlags.Ephemeral, responder.Single.Data!.Flags);
        Assert.Equal("This command or button is no longer available.", responder.Single.Data.Content);
    }

    [Fact]
    public async Task An_expected_failure_is_sent_as_an_ephemeral_message()
    {
        var responder = await _harness.DispatchAsync(Command("mycase", Sub("refuse")));

        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, responder.Single.Type);
        Assert.Equal(MessageFlags.Ephemeral, responder.Single.Data!.Flags);
        Assert.Equal("Dates look like 2024-05-01.", responder.Single.Data.Content);
    }

    [Fact]
    public async Task A_value_outside_the_choices_is_answered_ephemerally_without_reaching_the_handler_result()
    {
        var responder = await _harness.DispatchAsync(Command("mycase", Sub("update", String("milestone", "lunch"), String("date", "2024-05-01"))));

        Assert.Equal(MessageFlags.Ephemeral, responder.Single.Data!.Flags);
        Assert.StartsWith("\"lunch\" is not a choice for milestone", responder.Single.Data.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_exception_is_logged_with_a_reference_the_member_also_sees_and_no_detail_leaks()
    {
        var responder = await _harness.DispatchAsync(Command("mycase", Sub("broken")));

        var content = responder.Single.Data!.Content!;
        Assert.Equal(MessageFlags.Ephemeral, responder.Single.Data.Flags);
        Assert.DoesNotContain("secret internal detail", content, StringComparison.Ordinal);
        var error = Assert.Single(_harness.Logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Equal(1203, error.EventId);
        Assert.IsType<InvalidOperationException>(error.Exception);
        var reference = error.Message.Split("reference ")[1];
        Assert.Matches("^[0-9A-F]{8}$", reference);
        Assert.Equal(InteractionDispatcher.ErrorMessage(reference), content);
    }

    [Fact]
    public async Task Logs_carry_a_scope_with_the_interaction_id_path_and_guild_but_never_the_token()
    {
        var interaction = Command("mycase", Sub("broken"));

        await _harness.DispatchAsync(interaction);

        var error = Assert.Single(_harness.Logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains($"InteractionId={interaction.Id},CommandPath=mycase broken,GuildId={GuildId}", error.Scopes);
        Assert.DoesNotContain(Token, _harness.Logs.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_interaction_delivered_twice_is_answered_once()
    {
        var interaction = Command("help");

        var first = await _harness.DispatchAsync(interaction);
        var outcome = await _harness.Dispatcher.DispatchAsync(interaction, new RecordingResponder(), CancellationToken.None);
        var again = new RecordingResponder();
        await _harness.Dispatcher.DispatchAsync(interaction, again, CancellationToken.None);

        Assert.Single(first.Responses);
        Assert.Equal(DispatchOutcome.Duplicate, outcome);
        Assert.Empty(again.Calls);
        Assert.Single(_harness.Probe.Scopes);
    }

    [Fact]
    public void The_recent_id_set_remembers_an_id_for_the_whole_replay_window_however_many_others_arrive()
    {
        var time = new FakeTimeProvider();
        var ids = new RecentInteractionIds(time, TimeSpan.FromSeconds(300), capacity: 1_000_000);
        var signedAt = time.GetUtcNow();
        Assert.True(ids.TryAdd(1, signedAt));

        // 4,096 others (the old filter's whole memory) and then some, during the next five seconds.
        for (ulong id = 2; id < 10_000; id++)
        {
            Assert.True(ids.TryAdd(id, time.GetUtcNow()));
            if (id % 2_000 == 0)
            {
                time.Advance(TimeSpan.FromSeconds(1));
            }
        }

        Assert.False(ids.TryAdd(1, signedAt));
        time.Advance(TimeSpan.FromSeconds(290));
        Assert.False(ids.TryAdd(1, signedAt));

        // Once its timestamp is out of the window (and the endpoint refuses such a request anyway), memory lets go.
        time.Advance(TimeSpan.FromSeconds(11));
        Assert.True(ids.TryAdd(20_000, time.GetUtcNow()));
        Assert.Equal(1, ids.Count);
    }

    [Fact]
    public void The_recent_id_set_is_bounded_and_forgets_the_oldest_beyond_its_capacity()
    {
        var time = new FakeTimeProvider();
        var ids = new RecentInteractionIds(time, TimeSpan.FromSeconds(300), capacity: 2);

        Assert.True(ids.TryAdd(1, time.GetUtcNow()));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(ids.TryAdd(2, time.GetUtcNow()));
        Assert.False(ids.TryAdd(1, time.GetUtcNow()));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(ids.TryAdd(3, time.GetUtcNow()));
        Assert.True(ids.TryAdd(1, time.GetUtcNow()));
    }

    [Fact]
    public async Task A_slow_command_is_deferred_then_the_original_is_edited_over_rest()
    {
        var responder = _harness.Services.GetRequiredService<RestInteractionResponder>();
        var interaction = Command("mod", Sub("import", Raw("file", ApplicationCommandOptionType.Attachment, "\"77\""), String("mode", "apply")));
        interaction = interaction with
        {
            Data = interaction.Data! with { Resolved = new ResolvedData { Attachments = new Dictionary<string, Attachment> { ["77"] = new() { Id = 77, Filename = "cases.csv" } } } },
        };

        var dispatch = _harness.Dispatcher.DispatchAsync(interaction, responder, CancellationToken.None);
        await _harness.Probe.Started.Task;

        // Deferred (ephemeral, as registered) before the handler finished.
        var deferred = Assert.Single(_harness.Rest.Callbacks);
        Assert.Equal(InteractionCallbackType.DeferredChannelMessageWithSource, deferred.Type);
        Assert.Equal(MessageFlags.Ephemeral, deferred.Data!.Flags);
        Assert.Empty(_harness.Rest.Edits);

        _harness.Probe.Release.SetResult();
        await dispatch;

        Assert.Equal([$"callback {interaction.Id} 5", $"edit {Interactions.ApplicationId}"], _harness.Rest.Calls);
        var edit = Assert.Single(_harness.Rest.Edits);
        Assert.Equal("Imported cases.csv (apply).", edit.Content);
        Assert.Null(edit.Flags);
        Assert.Equal(AllowedMentions.None, edit.AllowedMentions);
        OpenApiSchemaValidator.Discord.AssertValidRequestBody("update_original_webhook_message", JsonSerializer.Serialize(edit, DiscordJsonContext.Default.MessagePayload));
    }

    [Fact]
    public async Task A_slow_component_is_acknowledged_with_a_deferred_update_then_edits_its_message()
    {
        var responder = await _harness.DispatchAsync(Button("cases:slow:4"));

        Assert.Equal(["respond 6", "edit"], responder.Calls);
        var edit = Assert.Single(responder.Edits);
        Assert.Equal("slow page 4", edit.Content);
        Assert.Equal([], edit.Embeds);
        Assert.Equal([], edit.Components);
    }

    [Fact]
    public async Task A_failure_after_a_public_defer_removes_the_thinking_message_and_tells_only_the_member()
    {
        var responder = await _harness.DispatchAsync(Command("mod", Sub("publish")));

        Assert.Equal(["respond 5", "delete", "followup"], responder.Calls);
        Assert.Null(responder.Single.Data);
        var followUp = Assert.Single(responder.FollowUps);
        Assert.Equal(MessageFlags.Ephemeral, followUp.Flags);
        Assert.Equal("Nothing to publish.", followUp.Content);
    }

    [Fact]
    public async Task Progress_edits_the_reply_follow_ups_keep_it_ephemeral_and_the_result_is_the_final_edit()
    {
        var responder = await _harness.DispatchAsync(Command("mycase", Sub("progress")));

        Assert.Equal(["respond 5", "edit", "followup", "edit"], responder.Calls);
        Assert.Equal(MessageFlags.Ephemeral, responder.Single.Data!.Flags);
        Assert.Equal(["Importing… 50%", "Imported 12 rows."], responder.Edits.Select(e => e.Content));
        Assert.Equal(MessageFlags.Ephemeral, Assert.Single(responder.FollowUps).Flags);
    }

    [Fact]
    public async Task A_file_reply_is_the_first_response_itself_carrying_the_file()
    {
        var responder = await _harness.DispatchAsync(Command("mycase", Sub("export")));

        Assert.Equal(["respond 4 file cases.csv"], responder.Calls);
        Assert.Equal(MessageFlags.Ephemeral, responder.Single.Data!.Flags);
        Assert.Equal([new AttachmentReference(0, "cases.csv")], responder.Single.Data!.Attachments);
    }

    [Theory]
    [InlineData("wait", new[] { "respond 5", "delete", "followup" })]
    [InlineData("wait-private", new[] { "respond 5", "edit" })]
    public async Task A_handler_not_marked_slow_is_deferred_for_it_after_two_seconds_and_a_private_reply_stays_private(string subcommand, string[] calls)
    {
        var responder = new RecordingResponder();
        var dispatch = _harness.Dispatcher.DispatchAsync(Command("mycase", Sub(subcommand)), responder, CancellationToken.None);
        await _harness.Probe.Started.Task;

        _harness.Time.Advance(TimeSpan.FromSeconds(1.9));
        Assert.Empty(responder.Calls);
        _harness.Time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(["respond 5"], responder.Calls);

        _harness.Probe.Release.SetResult();
        await dispatch;

        Assert.Equal(calls, responder.Calls);
        var message = subcommand == "wait" ? Assert.Single(responder.FollowUps) : Assert.Single(responder.Edits);
        Assert.Equal("Your case, privately.", message.Content);
        Assert.Equal(subcommand == "wait" ? MessageFlags.Ephemeral : null, message.Flags);
        Assert.Equal(subcommand == "wait" ? null : MessageFlags.Ephemeral, responder.Single.Data?.Flags);
        Assert.Single(_harness.Logs.Entries, e => e.EventId == 1207);
    }

    [Fact]
    public async Task A_quick_handler_is_never_deferred()
    {
        var responder = await _harness.DispatchAsync(Command("help"));
        _harness.Time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(["respond 4"], responder.Calls);
    }

    [Fact]
    public async Task A_handler_that_runs_out_of_time_is_cancelled_and_the_member_is_told_privately()
    {
        var responder = new RecordingResponder();
        var dispatch = _harness.Dispatcher.DispatchAsync(Command("mycase", Sub("hang")), responder, CancellationToken.None);
        await _harness.Probe.Started.Task;

        _harness.Time.Advance(TimeSpan.FromSeconds(2));
        _harness.Time.Advance(TimeSpan.FromMinutes(14));
        await dispatch;

        Assert.Equal(["respond 5", "delete", "followup"], responder.Calls);
        var followUp = Assert.Single(responder.FollowUps);
        Assert.Equal(MessageFlags.Ephemeral, followUp.Flags);
        Assert.StartsWith("That took too long and was stopped.", followUp.Content, StringComparison.Ordinal);
        Assert.Single(_harness.Logs.Entries, e => e.EventId == 1204);
    }

    [Fact]
    public async Task A_ping_through_the_dispatcher_is_answered_with_pong()
    {
        var responder = await _harness.DispatchAsync(Example("ping.json"));

        Assert.Equal("""{"type":1}""", responder.SingleJson);
    }

    [Fact]
    public async Task Member_permissions_are_read_from_the_interaction()
    {
        var interaction = Command("help");
        var manageGuild = 1UL << 5;
        var context = new InteractionContext(interaction, new RecordingResponder(), "help", null, "");
        var admin = new InteractionContext(interaction with { Member = interaction.Member! with { Permissions = 1UL << 3 } }, new RecordingResponder(), "help", null, "");
        var dm = new InteractionContext(interaction with { GuildId = null }, new RecordingResponder(), "help", null, "");

        Assert.False(context.HasPermissions(manageGuild));
        Assert.True(context.HasPermissions(1UL << 11));
        Assert.True(admin.HasPermissions(manageGuild));
        Assert.False(dm.HasPermissions(1UL << 11));
        await Task.CompletedTask;
    }
}
