using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nexus.Domain.Storage;

namespace Nexus.Bot.Hosting;

/// <summary>
/// The last step of a stop: once the transports and the dispatcher have stopped (this service is registered
/// before them, so the host stops it after them), the SQLite write-ahead log is copied into the database and
/// emptied. Nothing to do on SQL Server.
/// </summary>
internal sealed partial class StorageShutdown(IDbConnectionFactory connections, ILogger<StorageShutdown> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (connections is not SqliteConnectionFactory sqlite)
        {
            return;
        }

        try
        {
            // Not the host's token: when the shutdown timeout is already up, a checkpoint of a second is still
            // worth more than a log left to replay.
            if (await sqlite.CheckpointAndCloseAsync(CancellationToken.None))
            {
                LogFlushed(logger);
            }
            else
            {
                LogBusy(logger);
            }
        }
        catch (Microsoft.Data.Sqlite.SqliteException exception)
        {
            LogFailed(logger, exception);
        }
    }

    [LoggerMessage(EventId = 5020, Level = LogLevel.Information, Message = "Stopped: the SQLite log is written into the database")]
    private static partial void LogFlushed(ILogger logger);

    [LoggerMessage(EventId = 5021, Level = LogLevel.Warning, Message = "Stopped: another connection kept the SQLite log from being emptied; it is read back at the next start")]
    private static partial void LogBusy(ILogger logger);

    [LoggerMessage(EventId = 5022, Level = LogLevel.Warning, Message = "Stopped: writing the SQLite log into the database failed; it is read back at the next start")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
