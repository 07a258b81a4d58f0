using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Nexus.Discord.Dispatch;
using Nexus.Domain.Storage;

namespace Nexus.Bot.Hosting;

/// <summary>
/// Recognises "the database cannot be reached right now" among the exceptions a handler lets escape, so the
/// member is told to try again in a minute instead of getting a bug reference; and a replayed interaction
/// whose write the store refused. Nothing is cached between
/// interactions: every interaction opens its own connection, so the bot recovers by itself as soon as the
/// store is back.
/// </summary>
internal sealed partial class StorageUnavailableClassifier(ILogger<StorageUnavailableClassifier> logger) : IInteractionExceptionClassifier
{
    /// <summary>What the member reads while the store is unavailable.</summary>
    public const string Message = "Storage is unavailable, try again in a minute.";

    /// <summary>What a replayed interaction gets (its first delivery already wrote; nothing was changed now).</summary>
    public const string ReplayMessage = "That was already done; nothing was changed.";

    // SQLite result codes (primary code; extended codes carry it in the low byte) that mean the file
    // cannot be used right now rather than a bug in our SQL.
    private const int SqliteBusy = 5;      // another connection holds the lock beyond busy_timeout
    private const int SqliteLocked = 6;    // a table is locked within a shared cache
    private const int SqliteReadOnly = 8;  // the file or its folder lost write permission
    private const int SqliteIoError = 10;  // the disk or file system failed
    private const int SqliteFull = 13;     // the disk is full
    private const int SqliteCantOpen = 14; // the file is missing or unreadable

    /// <inheritdoc />
    public string? Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case ReplayedRequestException:
                    LogReplayRefused(logger);
                    return ReplayMessage;
                case SqliteException sqlite when (sqlite.SqliteErrorCode & 0xFF) is SqliteBusy or SqliteLocked or SqliteReadOnly or SqliteIoError or SqliteFull or SqliteCantOpen:
                    LogSqliteUnavailable(logger, sqlite.SqliteErrorCode, sqlite.SqliteExtendedErrorCode);
                    return Message;
                case SqlException sql when SqlServerRetry.IsTransient(sql):
                    // The retrying repositories already retried it with backoff (or it was an operation never repeated).
                    LogSqlServerUnavailable(logger, sql.Number);
                    return Message;
                case DbException { IsTransient: true } other:
                    LogOtherUnavailable(logger, other.GetType().Name, other.ErrorCode);
                    return Message;
            }
        }

        return null;
    }

    [LoggerMessage(EventId = 5013, Level = LogLevel.Warning, Message = "A replayed interaction tried to write again; refused, nothing was changed")]
    private static partial void LogReplayRefused(ILogger logger);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Warning, Message = "Storage unavailable: SQLite error {Code} (extended {ExtendedCode}); the member was asked to try again")]
    private static partial void LogSqliteUnavailable(ILogger logger, int code, int extendedCode);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Warning, Message = "Storage unavailable: SQL Server error {Number} after the retries; the member was asked to try again")]
    private static partial void LogSqlServerUnavailable(ILogger logger, int number);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Warning, Message = "Storage unavailable: transient {ExceptionType} (code {Code}); the member was asked to try again")]
    private static partial void LogOtherUnavailable(ILogger logger, string exceptionType, int code);
}
