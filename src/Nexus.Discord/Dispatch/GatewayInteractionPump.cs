using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexus.Discord.Gateway;

namespace Nexus.Discord.Dispatch;

/// <summary>
/// Reads interactions the gateway queued and dispatches them concurrently, at most
/// <see cref="InteractionDispatchOptions.MaxConcurrentInteractions"/> at a time. The gateway's receive loop
/// only enqueues; it never waits for a handler. Replies go through <see cref="RestInteractionResponder"/>
/// (the callback endpoint first, then edits and follow-ups). On stop, what the gateway received before it
/// closed is still dispatched and answered; dispatches run until done or until the
/// <see cref="DispatchTracker.ShutdownDeadline"/>.
/// </summary>
public sealed partial class GatewayInteractionPump(
    GatewayInteractionQueue queue,
    IInteractionDispatcher dispatcher,
    RestInteractionResponder responder,
    DispatchTracker tracker,
    IOptions<InteractionDispatchOptions> options,
    ILogger<GatewayInteractionPump> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(options.Value.MaxConcurrentInteractions);
        try
        {
            await foreach (var interaction in queue.Reader.ReadAllAsync(stoppingToken))
            {
                await slots.WaitAsync(tracker.ShutdownDeadline);
                tracker.Track(RunAsync(interaction, slots));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping. The gateway closed before this (DiscordGatewayClient.StoppingAsync), so the queue holds
            // the last interactions it will ever get: each was received from Discord and is owed an answer.
            try
            {
                while (queue.Reader.TryRead(out var interaction))
                {
                    await slots.WaitAsync(tracker.ShutdownDeadline);
                    tracker.Track(RunAsync(interaction, slots));
                }
            }
            catch (OperationCanceledException)
            {
                // The shutdown timeout is up: what is left expires unanswered.
            }
        }

        await tracker.WhenIdleAsync(CancellationToken.None);
    }

    private async Task RunAsync(Models.Interaction interaction, SemaphoreSlim slots)
    {
        try
        {
            // Yield first so the read loop goes on at once, whatever the handler does synchronously.
            await Task.Yield();
            await dispatcher.DispatchAsync(interaction, responder, tracker.ShutdownDeadline);
        }
#pragma warning disable CA1031 // The dispatcher answers handler failures itself; anything left is logged so the pump keeps running.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogDispatchFailed(logger, exception, interaction.Id);
        }
        finally
        {
            slots.Release();
        }
    }

    [LoggerMessage(EventId = 1300, Level = LogLevel.Error, Message = "Dispatching interaction {InteractionId} failed")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception, ulong interactionId);
}
