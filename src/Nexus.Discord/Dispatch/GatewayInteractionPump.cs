using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nexus.Discord.Gateway;

namespace Nexus.Discord.Dispatch;

/// <summary>
/// Reads interactions the gateway queued and hands each to the dispatcher at once. The gateway's receive loop
/// only enqueues; it never waits for a handler. The dispatcher runs a bounded number of handlers at a time
/// (<see cref="InteractionDispatchOptions.MaxConcurrentInteractions"/>) and acknowledges the others in time
/// while they wait, so the pump never holds an interaction back unacknowledged; it only stops reading (and so
/// lets the queue push back on the gateway) once <see cref="MaxInFlight"/> dispatches are under way. Replies go
/// through <see cref="RestInteractionResponder"/> (the callback endpoint first, then edits and follow-ups). On stop, what the gateway received before it
/// closed is still dispatched and answered; dispatches run until done or until the
/// <see cref="DispatchTracker.ShutdownDeadline"/>.
/// </summary>
public sealed partial class GatewayInteractionPump(
    GatewayInteractionQueue queue,
    IInteractionDispatcher dispatcher,
    RestInteractionResponder responder,
    DispatchTracker tracker,
    ILogger<GatewayInteractionPump> logger) : BackgroundService
{
    /// <summary>How many dispatches (waiting for a handler slot or running) the pump lets be under way at once.</summary>
    public const int MaxInFlight = 1024;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(MaxInFlight);
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

    private async Task RunAsync(ReceivedInteraction interaction, SemaphoreSlim slots)
    {
        try
        {
            // Yield first so the read loop goes on at once, whatever the dispatch does synchronously.
            await Task.Yield();
            await dispatcher.DispatchAsync(interaction, responder, tracker.ShutdownDeadline);
        }
#pragma warning disable CA1031 // The dispatcher answers handler failures itself; anything left is logged so the pump keeps running.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogDispatchFailed(logger, exception, interaction.Interaction.Id);
        }
        finally
        {
            slots.Release();
        }
    }

    [LoggerMessage(EventId = 1300, Level = LogLevel.Error, Message = "Dispatching interaction {InteractionId} failed")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception, ulong interactionId);
}
