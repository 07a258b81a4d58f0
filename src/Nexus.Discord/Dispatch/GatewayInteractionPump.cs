using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexus.Discord.Gateway;

namespace Nexus.Discord.Dispatch;

/// <summary>
/// Reads interactions the gateway queued and dispatches them concurrently, at most
/// <see cref="InteractionDispatchOptions.MaxConcurrentInteractions"/> at a time. The gateway's receive loop
/// only enqueues; it never waits for a handler. Replies go through <see cref="RestInteractionResponder"/>
/// (the callback endpoint first, then edits and follow-ups).
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
                await slots.WaitAsync(stoppingToken);
                tracker.Track(RunAsync(interaction, slots, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the tracker lets running dispatches finish.
        }

        await tracker.WhenIdleAsync(CancellationToken.None);
    }

    private async Task RunAsync(Models.Interaction interaction, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        try
        {
            // Yield first so the read loop goes on at once, whatever the handler does synchronously.
            await Task.Yield();
            await dispatcher.DispatchAsync(interaction, responder, stoppingToken);
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
