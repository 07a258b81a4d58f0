using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexus.Discord.Commands;
using Nexus.Discord.Models;
using Nexus.Discord.Rest;

namespace Nexus.Discord.Dispatch;

/// <summary>What became of a dispatched interaction.</summary>
public enum DispatchOutcome
{
    /// <summary>It was answered (by its handler, or with an error or "no longer available" message).</summary>
    Answered,

    /// <summary>It had been dispatched before (a repeated delivery) and was not answered again.</summary>
    Duplicate,
}

/// <summary>Routes interactions to their handlers. Both transports and the local shell feed it.</summary>
public interface IInteractionDispatcher
{
    /// <summary>
    /// Handles one interaction and sends its replies through <paramref name="responder"/>. Never throws for a
    /// handler's failure: every interaction gets an answer, acknowledged within Discord's 3 seconds counted
    /// from <see cref="ReceivedInteraction.ReceivedAt"/>.
    /// </summary>
    Task<DispatchOutcome> DispatchAsync(ReceivedInteraction received, IInteractionResponder responder, CancellationToken cancellationToken);

    /// <summary>Handles an interaction that arrives as it is dispatched (the local shell, tests).</summary>
    Task<DispatchOutcome> DispatchAsync(Interaction interaction, IInteractionResponder responder, CancellationToken cancellationToken) =>
        DispatchAsync(new ReceivedInteraction(interaction), responder, cancellationToken);
}

/// <summary>
/// The dispatcher. For each interaction: one DI scope, one log scope (id, command path, guild; never the
/// token), one timeout and one error boundary. Expected failures become ephemeral messages; exceptions are
/// logged with a short reference id that the member also sees. At most
/// <see cref="InteractionDispatchOptions.MaxConcurrentInteractions"/> handlers run at once; an interaction
/// waiting for its turn is acknowledged in time all the same, since its deadline runs from its receipt.
/// </summary>
public sealed partial class InteractionDispatcher(
    InteractionRegistry registry,
    IServiceScopeFactory scopes,
    RecentInteractionIds recent,
    IOptions<InteractionDispatchOptions> options,
    TimeProvider time,
    IInteractionExceptionClassifier classifier,
    IInteractionHandlerScope handlerScope,
    IDispatcherTexts texts,
    ILogger<InteractionDispatcher> logger) : IInteractionDispatcher, IDisposable
{
    private readonly SemaphoreSlim _handlerSlots = new(options.Value.MaxConcurrentInteractions, options.Value.MaxConcurrentInteractions);

    /// <inheritdoc />
    public void Dispose() => _handlerSlots.Dispose();

    /// <summary>The English answer to an interaction no handler knows (an old button, a removed command).</summary>
    public const string NoLongerAvailableMessage = "This command or button is no longer available.";

    /// <summary>Builds the English generic error text with its reference id.</summary>
    public static string ErrorMessage(string reference) =>
        $"Something went wrong on our side and nothing was changed. If it keeps happening, give a moderator this reference: {reference}.";

    /// <summary>The English text when a handler ran out of time.</summary>
    public static string TimeoutMessage(string reference) =>
        $"That took too long and was stopped. Please try again. Reference: {reference}.";

    /// <inheritdoc />
    public async Task<DispatchOutcome> DispatchAsync(ReceivedInteraction received, IInteractionResponder responder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(received);
        ArgumentNullException.ThrowIfNull(responder);
        var interaction = received.Interaction;
        var receivedAt = received.ReceivedAt ?? time.GetTimestamp();
        if (!recent.TryAdd(interaction.Id, received.SignedAt ?? time.GetUtcNow()))
        {
            LogDuplicate(logger, interaction.Id);
            return DispatchOutcome.Duplicate;
        }

        // Every message passes through here, so no handler can forget allowed_mentions.
        responder = new NoMentionsResponder(responder);
        var path = DescribePath(interaction);
        using var logScope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["InteractionId"] = interaction.Id,
            ["CommandPath"] = path,
            ["GuildId"] = interaction.GuildId,
        });

        if (interaction.Type == InteractionType.Ping)
        {
            await responder.RespondAsync(interaction, InteractionResponse.Pong, cancellationToken);
            return DispatchOutcome.Answered;
        }

        await using var scope = scopes.CreateAsyncScope();
        if (interaction.Type == InteractionType.ApplicationCommandAutocomplete)
        {
            await AutocompleteAsync(interaction, responder, scope.ServiceProvider, receivedAt, cancellationToken);
            return DispatchOutcome.Answered;
        }

        var (route, state, match) = Route(interaction);
        using var context = new InteractionContext(
            interaction,
            responder,
            match?.Path ?? path,
            match is null ? null : new CommandOptions(match.Path, match.Parameters, match.Values, interaction.Data?.Resolved, validate: true),
            state);

        var timeout = options.Value.HandlerTimeout;
        using var timeoutSource = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        var holdsSlot = false;

        // Entered once for the whole interaction, so what the application carries in it (the member's language,
        // say) also shapes the refusals and error answers below, not only the handler's own replies.
        using var applicationScope = handlerScope.Enter(interaction);
        try
        {
            if (route is null)
            {
                LogUnknown(logger, interaction.Type, path);
                await context.FailAsync(texts.NoLongerAvailable(interaction), cancellationToken);
                return DispatchOutcome.Answered;
            }

            if (interaction.Type == InteractionType.ApplicationCommand)
            {
                // Before anything is sent (a defer included), so odd input is a plain refusal naming the option.
                context.Options.Validate();
            }

            if (route.Slow)
            {
                // Acknowledge inside Discord's 3-second window; the result then edits the original.
                await DeferAsync(context, route, linked.Token);
            }

            // Whatever is not answered by DeferAfter after its receipt, waiting for a handler slot or running, is
            // acknowledged for it, so a busy bot or a stalled database costs a "thinking…", not a lost interaction.
            var handler = scope.ServiceProvider.GetRequiredService(route.HandlerType);
            InteractionResult result;
            await using (var deferTimer = route.Slow ? null : new DeferTimer(time, Left(options.Value.DeferAfter, receivedAt), logger, context, route, linked.Token))
            {
                await _handlerSlots.WaitAsync(linked.Token);
                holdsSlot = true;
                result = handler switch
                {
                    ICommandHandler command when interaction.Type == InteractionType.ApplicationCommand => await command.HandleAsync(context, linked.Token),
                    IComponentHandler component when interaction.Type == InteractionType.MessageComponent => await component.HandleAsync(context, linked.Token),
                    IModalHandler modal when interaction.Type == InteractionType.ModalSubmit => await modal.HandleAsync(context, linked.Token),
                    _ => throw new InvalidOperationException($"{route.HandlerType.Name} cannot handle a {interaction.Type} interaction."),
                };
            }

            if (result is FailureResult)
            {
                LogExpectedFailure(logger, path);
            }

            await context.CompleteAsync(result, linked.Token);
        }
        catch (InteractionExpiredException expired)
        {
            LogExpired(logger, path, expired.Message);
        }
        catch (InvalidOptionValueException invalid)
        {
            LogExpectedFailure(logger, path);
            await SendErrorAsync(context, invalid.Problem is null ? invalid.Message : texts.InvalidOption(interaction, invalid), cancellationToken);
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var reference = NewReference();
            LogTimeout(logger, path, timeout, reference);
            await SendErrorAsync(context, texts.Timeout(interaction, reference), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host is stopping; the interaction expires unanswered, as any reply would be cut short too.
            LogCancelled(logger, path);
        }
#pragma warning disable CA1031 // The error boundary: every bug in a handler is caught here once, logged and answered.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            // A condition the application recognises (its store is down, say) gets the application's own
            // message: the member can act on it, and it is not a bug to report with a reference.
            if (Classify(exception, path) is { } known)
            {
                await SendErrorAsync(context, known, cancellationToken);
                return DispatchOutcome.Answered;
            }

            var reference = NewReference();
            LogUnhandled(logger, exception, path, reference);
            await SendErrorAsync(context, texts.Error(interaction, reference), cancellationToken);
        }
        finally
        {
            if (holdsSlot)
            {
                _handlerSlots.Release();
            }
        }

        return DispatchOutcome.Answered;
    }

    // What is left of a delay that started at the interaction's receipt: none once it has passed; an infinite
    // one (the shell never defers) stays infinite.
    private TimeSpan Left(TimeSpan delay, long receivedAt)
    {
        if (delay == Timeout.InfiniteTimeSpan)
        {
            return delay;
        }

        var left = delay - time.GetElapsedTime(receivedAt);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private string? Classify(Exception exception, string path)
    {
        try
        {
            var message = classifier.Classify(exception);
            if (message is not null)
            {
                LogClassified(logger, path, exception.GetType().Name);
            }

            return message;
        }
#pragma warning disable CA1031 // A classifier that throws must not take the error boundary down with it: fall back to the generic answer.
        catch (Exception classifierFailure)
#pragma warning restore CA1031
        {
            LogClassifierFailed(logger, classifierFailure, path);
            return null;
        }
    }

    private static Task DeferAsync(InteractionContext context, HandlerRegistration route, CancellationToken cancellationToken) =>
        context.Interaction.Type == InteractionType.MessageComponent
            ? context.DeferUpdateAsync(cancellationToken)
            : context.DeferAsync(route.Ephemeral, cancellationToken);

    private static string NewReference() => Convert.ToHexString(RandomNumberGenerator.GetBytes(4));

    private static string DescribePath(Interaction interaction) => interaction.Type switch
    {
        InteractionType.ApplicationCommand or InteractionType.ApplicationCommandAutocomplete => CommandPathOf(interaction.Data),
        // Only the part before the first ':' goes in logs: the rest is handler state (could hold ids).
        InteractionType.MessageComponent or InteractionType.ModalSubmit => "#" + (interaction.Data?.CustomId?.Split(':', 2)[0] ?? ""),
        _ => interaction.Type.ToString(),
    };

    private static string CommandPathOf(InteractionData? data)
    {
        var parts = new List<string> { data?.Name ?? "?" };
        var options = data?.Options;
        while (options is [{ Type: ApplicationCommandOptionType.SubCommandGroup or ApplicationCommandOptionType.SubCommand } node])
        {
            parts.Add(node.Name);
            options = node.Options;
        }

        return string.Join(' ', parts);
    }

    private (HandlerRegistration? Route, string State, CommandMatch? Match) Route(Interaction interaction)
    {
        string state;
        switch (interaction.Type)
        {
            case InteractionType.ApplicationCommand:
                var match = registry.MatchCommand(interaction.Data);
                return (match?.Handler, "", match);
            case InteractionType.MessageComponent:
                var component = registry.MatchComponent(interaction.Data?.CustomId, out state);
                return (component?.Handler, state, null);
            case InteractionType.ModalSubmit:
                var modal = registry.MatchModal(interaction.Data?.CustomId, out state);
                return (modal?.Handler, state, null);
            default:
                return (null, "", null);
        }
    }

    private async Task AutocompleteAsync(Interaction interaction, IInteractionResponder responder, IServiceProvider services, long receivedAt, CancellationToken cancellationToken)
    {
        // Suggestions cannot be deferred: whatever happens below (odd input, a failing or slow handler), an
        // answer goes out, with no choices at worst, inside the time left of the 3 seconds.
        IReadOnlyList<CommandChoice> choices = [];
        var path = DescribePath(interaction);
        using var timeoutSource = new CancellationTokenSource(Left(options.Value.AutocompleteTimeout, receivedAt), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            var match = registry.MatchCommand(interaction.Data);
            var focused = match?.Values.FirstOrDefault(v => v.Focused == true);
            var definition = focused is null ? null : match!.Parameters.FirstOrDefault(p => p.Name == focused.Name);
            var handlerType = definition?.AutocompleteHandler;
            if (handlerType is null)
            {
                LogUnknown(logger, interaction.Type, path);
            }
            else
            {
                var typed = focused!.Value switch
                {
                    { ValueKind: JsonValueKind.String } text => CommandOptions.ReadText(text, definition),
                    { } other => other.GetRawText(),
                    null => "",
                };
                var context = new AutocompleteContext(interaction, match!.Path, focused.Name, typed, new CommandOptions(match.Path, match.Parameters, match.Values, interaction.Data?.Resolved, validate: false));
                var handler = (IAutocompleteHandler)services.GetRequiredService(handlerType);
                using (handlerScope.Enter(interaction))
                {
                    // Discord accepts at most 25 suggestions.
                    choices = [.. (await handler.SuggestAsync(context, linked.Token)).Take(25)];
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogCancelled(logger, path);
            return;
        }
        catch (InvalidOptionValueException invalid)
        {
            LogAutocompleteRefused(logger, path, invalid.Message);
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested)
        {
            LogAutocompleteRefused(logger, path, "no suggestions in time");
        }
#pragma warning disable CA1031 // Autocomplete errors are logged and answered with no suggestions.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogUnhandled(logger, exception, path, NewReference());
        }

        try
        {
            await responder.RespondAsync(interaction, new InteractionResponse(InteractionCallbackType.ApplicationCommandAutocompleteResult, new InteractionCallbackData { Choices = choices }), cancellationToken);
        }
        catch (DiscordRestException refused) when (refused.ErrorCode == 10062)
        {
            LogExpired(logger, path, refused.Message);
        }
#pragma warning disable CA1031 // A failed send is logged; there is nobody else to tell.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogReplyFailed(logger, exception, path);
        }
    }

    private async Task SendErrorAsync(InteractionContext context, string message, CancellationToken cancellationToken)
    {
        try
        {
            await context.FailAsync(message, cancellationToken);
        }
        catch (InteractionExpiredException expired)
        {
            LogExpired(logger, context.CommandPath, expired.Message);
        }
#pragma warning disable CA1031 // The reply path itself failed (e.g. Discord unreachable); log it, there is nobody else to tell.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogReplyFailed(logger, exception, context.CommandPath);
        }
    }

    /// <summary>Fires the automatic defer once, and owns the task it starts so it is awaited, never forgotten.</summary>
    private sealed class DeferTimer : IAsyncDisposable
    {
        private readonly Lock _lock = new();
        private readonly ITimer _timer;
        private Task? _pending;

        public DeferTimer(TimeProvider time, TimeSpan after, ILogger logger, InteractionContext context, HandlerRegistration route, CancellationToken cancellationToken) =>
            _timer = time.CreateTimer(
                _ =>
                {
                    lock (_lock)
                    {
                        if (!context.HasAcknowledged)
                        {
                            LogAutoDefer(logger, context.CommandPath);
                            _pending = DeferAsync(context, route, cancellationToken);
                        }
                    }
                },
                null,
                after,
                Timeout.InfiniteTimeSpan);

        public async ValueTask DisposeAsync()
        {
            await _timer.DisposeAsync();
            Task? pending;
            lock (_lock)
            {
                pending = _pending;
            }

            if (pending is not null)
            {
                // A failed defer surfaces in the error boundary like any other failure.
                await pending;
            }
        }
    }

    [LoggerMessage(EventId = 1207, Level = LogLevel.Information, Message = "{Path} is still running; deferred its reply")]
    private static partial void LogAutoDefer(ILogger logger, string path);

    [LoggerMessage(EventId = 1210, Level = LogLevel.Warning, Message = "{Path} was not answered: {Reason} Nothing more is sent for it.")]
    private static partial void LogExpired(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 1211, Level = LogLevel.Information, Message = "{Path}: no suggestions ({Reason})")]
    private static partial void LogAutocompleteRefused(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Interaction {InteractionId} was delivered again; already answered, ignoring")]
    private static partial void LogDuplicate(ILogger logger, ulong interactionId);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "No handler for {InteractionType} {Path}; answered as no longer available")]
    private static partial void LogUnknown(ILogger logger, InteractionType interactionType, string path);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "{Path} ended with an expected failure")]
    private static partial void LogExpectedFailure(ILogger logger, string path);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Error, Message = "{Path} failed; reference {Reference}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string path, string reference);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Warning, Message = "{Path} timed out after {Timeout}; reference {Reference}")]
    private static partial void LogTimeout(ILogger logger, string path, TimeSpan timeout, string reference);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Warning, Message = "{Path} was cancelled because the host is stopping")]
    private static partial void LogCancelled(ILogger logger, string path);

    [LoggerMessage(EventId = 1208, Level = LogLevel.Warning, Message = "{Path} failed with a known condition ({ExceptionType}); answered with the application's message")]
    private static partial void LogClassified(ILogger logger, string path, string exceptionType);

    [LoggerMessage(EventId = 1209, Level = LogLevel.Error, Message = "The exception classifier failed for {Path}; answering with the generic error")]
    private static partial void LogClassifierFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Error, Message = "Sending the reply of {Path} failed")]
    private static partial void LogReplyFailed(ILogger logger, Exception exception, string path);
}
