using Microsoft.Extensions.DependencyInjection;
using Nexus.Discord.Commands;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Models;
using Nexus.Discord.Tests.Support;
using static Nexus.Discord.Tests.Support.Interactions;

namespace Nexus.Discord.Tests.Dispatch;

/// <summary>The error boundary's seams added by the hardening work (issue 7).</summary>
public sealed class ErrorBoundaryHardeningTests
{
    private const string Known = "The store is resting, try again in a minute.";

    [Fact]
    public async Task A_classified_exception_is_answered_with_the_applications_message_ephemerally_and_logged_without_a_reference()
    {
        using var harness = new DispatcherHarness(services => services.AddSingleton<IInteractionExceptionClassifier>(new ClassifyInvalidOperation()));

        var responder = await harness.DispatchAsync(Command("mycase", Sub("broken")));

        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, responder.Single.Type);
        Assert.Equal(Known, responder.Single.Data!.Content);
        Assert.Equal(MessageFlags.Ephemeral, responder.Single.Data.Flags);
        Assert.Contains(harness.Logs.Entries, e => e.EventId == 1208 && e.Message.Contains("InvalidOperationException", StringComparison.Ordinal));
        Assert.DoesNotContain(harness.Logs.Entries, e => e.EventId == 1203);
    }

    [Fact]
    public async Task Without_a_classifier_or_when_it_throws_the_generic_error_with_a_reference_is_sent()
    {
        using var plain = new DispatcherHarness();
        using var broken = new DispatcherHarness(services => services.AddSingleton<IInteractionExceptionClassifier>(new ThrowingClassifier()));

        foreach (var harness in new[] { plain, broken })
        {
            var responder = await harness.DispatchAsync(Command("mycase", Sub("broken")));
            Assert.StartsWith("Something went wrong on our side", responder.Single.Data!.Content, StringComparison.Ordinal);
            Assert.Contains(harness.Logs.Entries, e => e.EventId == 1203);
        }

        Assert.Contains(broken.Logs.Entries, e => e.EventId == 1209);
    }

    [Fact]
    public async Task A_missing_required_option_is_a_clear_refusal_not_a_null_for_the_handler()
    {
        using var harness = new DispatcherHarness();

        var responder = await harness.DispatchAsync(Command("mycase", Sub("update", String("milestone", "interview"))));

        Assert.Equal("date is required.", responder.Single.Data!.Content);
        Assert.Equal(MessageFlags.Ephemeral, responder.Single.Data.Flags);
    }

    [Fact]
    public async Task A_refusal_quoting_very_long_input_stays_within_discords_2000_characters()
    {
        using var harness = new DispatcherHarness();
        var typed = string.Concat(Enumerable.Repeat("👩‍👩‍👧", 3000));

        var responder = await harness.DispatchAsync(Command("mycase", Sub("update", String("milestone", typed), String("date", "2024-05-01"))));

        var content = responder.Single.Data!.Content!;
        Assert.StartsWith("\"👩‍👩‍👧", content, StringComparison.Ordinal);
        Assert.Contains("…\" is not a choice for milestone", content, StringComparison.Ordinal);
        // 100 family emoji (8 UTF-16 units each) and the sentence: far below the limit, and no emoji cut in half.
        Assert.True(content.Length < 1000, $"{content.Length} characters");
    }

    [Theory]
    [InlineData(1999)]
    [InlineData(2000)]
    [InlineData(2001)]
    [InlineData(50_000)]
    public void Message_content_is_cut_to_the_limit_without_splitting_a_character(int pairs)
    {
        var text = string.Concat(Enumerable.Repeat("a😀", pairs));

        var fitted = MessageText.FitContent(text)!;

        Assert.True(fitted.Length <= MessageText.MaxContentLength);
        Assert.Equal(text.Length > MessageText.MaxContentLength, fitted.EndsWith('…'));
        Assert.False(char.IsHighSurrogate(fitted.TrimEnd('…')[^1]));
        Assert.StartsWith(fitted.TrimEnd('…'), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_applications_texts_word_the_generic_error_inside_the_interactions_scope()
    {
        using var harness = new DispatcherHarness(services =>
        {
            services.AddSingleton<IDispatcherTexts>(new TaggedTexts());
            services.AddSingleton<IInteractionHandlerScope>(new TaggingScope());
        });

        var failed = await harness.DispatchAsync(Command("mycase", Sub("broken")));
        var unknown = await harness.DispatchAsync(Command("nosuchcommand"));

        // The scope's ambient value is visible when the error is worded, so an application can answer in the
        // member's language.
        Assert.Matches("^error in scope [0-9]+: [0-9A-F]{8}$", failed.Single.Data!.Content);
        Assert.Matches("^gone in scope [0-9]+$", unknown.Single.Data!.Content);
    }

    private sealed class TaggingScope : IInteractionHandlerScope
    {
        public static readonly AsyncLocal<ulong?> Current = new();

        public IDisposable? Enter(Interaction interaction)
        {
            Current.Value = interaction.Id;
            return new Leave();
        }

        private sealed class Leave : IDisposable
        {
            public void Dispose() => Current.Value = null;
        }
    }

    private sealed class TaggedTexts : IDispatcherTexts
    {
        public string Error(Interaction interaction, string reference) => $"error in scope {TaggingScope.Current.Value}: {reference}";

        public string Timeout(Interaction interaction, string reference) => $"timeout in scope {TaggingScope.Current.Value}: {reference}";

        public string NoLongerAvailable(Interaction interaction) => $"gone in scope {TaggingScope.Current.Value}";

        public string InvalidOption(Interaction interaction, InvalidOptionValueException invalid) => $"invalid in scope {TaggingScope.Current.Value}: {invalid.Message}";
    }

    private sealed class ClassifyInvalidOperation : IInteractionExceptionClassifier
    {
        public string? Classify(Exception exception) => exception is InvalidOperationException ? Known : null;
    }

    private sealed class ThrowingClassifier : IInteractionExceptionClassifier
    {
        public string? Classify(Exception exception) => throw new InvalidOperationException("classifier bug");
    }
}
