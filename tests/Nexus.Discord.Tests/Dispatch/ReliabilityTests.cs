using Microsoft.Extensions.Logging;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Models;
using Nexus.Discord.Rest;
using Nexus.Discord.Tests.Support;
using static Nexus.Discord.Tests.Support.Interactions;

namespace Nexus.Discord.Tests.Dispatch;

/// <summary>
/// Issue 13: the 3 seconds run from receipt, odd input is refused before anything is sent, autocomplete
/// always answers, and after Discord's 10062 nothing more is sent.
/// </summary>
public sealed class ReliabilityTests : IDisposable
{
    private readonly DispatcherHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task An_interaction_that_waited_before_its_dispatch_is_deferred_two_seconds_after_it_arrived()
    {
        // It arrived 1.5 s ago (in the gateway queue, or waiting for a handler slot).
        var arrived = _harness.Time.GetTimestamp();
        _harness.Time.Advance(TimeSpan.FromSeconds(1.5));
        var responder = new RecordingResponder();

        var dispatch = _harness.Dispatcher.DispatchAsync(new ReceivedInteraction(Command("mycase", Sub("wait")), arrived), responder, CancellationToken.None);
        await _harness.Probe.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        _harness.Time.Advance(TimeSpan.FromSeconds(0.5));

        await WaitFor.UntilAsync(() => !responder.Responses.IsEmpty, "the defer, 2 s after arrival");
        Assert.Equal(InteractionCallbackType.DeferredChannelMessageWithSource, responder.Single.Type);
        _harness.Probe.Release.TrySetResult();
        await dispatch.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["respond 5", "delete", "followup"], responder.Calls);
    }

    [Fact]
    public async Task An_interaction_that_arrived_more_than_two_seconds_ago_is_deferred_at_once()
    {
        var arrived = _harness.Time.GetTimestamp();
        _harness.Time.Advance(TimeSpan.FromSeconds(2.5));
        var responder = new RecordingResponder();

        var dispatch = _harness.Dispatcher.DispatchAsync(new ReceivedInteraction(Command("mycase", Sub("wait")), arrived), responder, CancellationToken.None);

        await WaitFor.UntilAsync(() => !responder.Responses.IsEmpty, "the defer, without waiting on the clock");
        Assert.Equal(InteractionCallbackType.DeferredChannelMessageWithSource, responder.Single.Type);
        _harness.Probe.Release.TrySetResult();
        await dispatch.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public static TheoryData<string, InteractionOption[], string> OddInput() => new()
    {
        // An escaped lone surrogate is valid JSON but no text.
        { "mycase", [Sub("start", Raw("date", ApplicationCommandOptionType.String, "\"\\ud800\""), String("type", "initial"))], "date contains characters that could not be read." },
        { "mycase", [Sub("start", String("date", "2024-05-01"), Raw("type", ApplicationCommandOptionType.String, "\"x\\udc00\""))], "type contains characters that could not be read." },
        // Sent with another declared type than the command's: refused, not treated as absent.
        { "mycase", [Sub("start", String("date", "2024-05-01"), String("type", "initial"), Raw("applicants", ApplicationCommandOptionType.String, "\"3\""))], "applicants must be a whole number." },
        { "mycase", [Sub("start", Raw("date", ApplicationCommandOptionType.Integer, "20240501"), String("type", "initial"))], "date must be text." },
        // Out of range, and outside the choices of a slow command (which used to be deferred first).
        { "mycase", [Sub("start", String("date", "2024-05-01"), String("type", "initial"), Integer("applicants", 0))], "applicants must be between 1 and 10." },
        { "mod", [Sub("import", Raw("file", ApplicationCommandOptionType.Attachment, "\"77\""), String("mode", "bogus"))], "The file for file could not be read; please attach it again." },
    };

    [Theory]
    [MemberData(nameof(OddInput))]
    public async Task Odd_option_input_gets_an_ephemeral_message_naming_the_option_before_any_defer(string command, InteractionOption[] options, string message)
    {
        var responder = await _harness.DispatchAsync(Command(command, options));

        var reply = responder.Single;
        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, reply.Type);
        Assert.Equal(MessageFlags.Ephemeral, reply.Data!.Flags);
        Assert.Equal(message, reply.Data.Content);
        Assert.Empty(_harness.Probe.Scopes);
        Assert.DoesNotContain(_harness.Logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task A_slow_command_with_a_value_outside_its_choices_is_refused_without_a_thinking_message()
    {
        var interaction = Command("mod", Sub("import", Raw("file", ApplicationCommandOptionType.Attachment, "\"77\""), String("mode", "bogus")));
        interaction = interaction with
        {
            Data = interaction.Data! with { Resolved = new ResolvedData { Attachments = new Dictionary<string, Attachment> { ["77"] = new() { Id = 77, Filename = "cases.csv" } } } },
        };

        var responder = await _harness.DispatchAsync(interaction);

        Assert.Equal(["respond 4"], responder.Calls);
        Assert.StartsWith("\"bogus\" is not a choice for mode", responder.Single.Data!.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Autocomplete_with_unreadable_text_is_answered_with_no_suggestions()
    {
        var focused = Raw("centre", ApplicationCommandOptionType.String, "\"\\ud800\"") with { Focused = true };

        var responder = await _harness.DispatchAsync(Autocomplete("mycase", Sub("start", focused)));

        Assert.Equal(InteractionCallbackType.ApplicationCommandAutocompleteResult, responder.Single.Type);
        Assert.Empty(responder.Single.Data!.Choices!);
        Assert.DoesNotContain(_harness.Logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task After_discord_answers_10062_nothing_more_is_sent_and_one_warning_says_why()
    {
        // The automatic defer reaches Discord too late: "Unknown interaction".
        var responder = Expired();
        var dispatch = _harness.Dispatcher.DispatchAsync(Command("mycase", Sub("wait")), responder, CancellationToken.None);
        await _harness.Probe.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        _harness.Time.Advance(TimeSpan.FromSeconds(2));
        await WaitFor.UntilAsync(() => responder.Calls.Count == 1, "the late defer");
        _harness.Probe.Release.TrySetResult();

        Assert.Equal(DispatchOutcome.Answered, await dispatch.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(["respond 5"], responder.Calls);
        var warning = Assert.Single(_harness.Logs.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("10062", warning.Message, StringComparison.Ordinal);
        Assert.Null(warning.Exception);
    }

    [Fact]
    public async Task A_handler_failure_after_10062_sends_no_error_callback()
    {
        var responder = Expired();

        await _harness.Dispatcher.DispatchAsync(Command("mycase", Sub("broken")), responder, CancellationToken.None);

        // The bug is logged with its reference; the error message would be a first callback too late: 10062,
        // logged once as a warning, and nothing else is tried.
        Assert.Equal(["respond 4"], responder.Calls);
        Assert.Single(_harness.Logs.Entries, e => e.EventId == 1210);
        Assert.DoesNotContain(_harness.Logs.Entries, e => e.EventId == 1206);
    }

    /// <summary>A reply path on which Discord no longer knows the interaction: every send gets 404 10062.</summary>
    private static RecordingResponder Expired() => new() { Refuse = _ => new DiscordRestException(404, 10062, "Unknown interaction") };
}
