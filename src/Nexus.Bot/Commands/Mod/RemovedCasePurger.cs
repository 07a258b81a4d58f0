using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nexus.Domain.Moderation;

namespace Nexus.Bot.Commands.Mod;

/// <summary>
/// Deletes for good the cases of every server removed more than 30 days ago: once at start-up, then every
/// day. Moderator writes also purge their own server before they run, so a quiet server loses nothing it
/// should keep; this only makes sure removed data does not linger where nobody moderates.
/// </summary>
public sealed partial class RemovedCasePurger(ModerationService moderation, TimeProvider time, ILogger<RemovedCasePurger> logger) : BackgroundService
{
    /// <summary>How often the purge runs after the first time.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var purged = await moderation.PurgeExpiredAsync(stoppingToken);
                Log.Purged(logger, purged);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed purge (database briefly down) is retried tomorrow; it must not stop the bot.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.Failed(logger, ex);
            }

            try
            {
                await Task.Delay(Interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5301, Level = LogLevel.Information, Message = "Purged {Count} case(s) removed more than 30 days ago")]
        public static partial void Purged(ILogger logger, int count);

        [LoggerMessage(EventId = 5302, Level = LogLevel.Warning, Message = "Purging removed cases failed; the next run is in a day")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
