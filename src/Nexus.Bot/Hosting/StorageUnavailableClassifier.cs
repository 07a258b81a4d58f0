using Microsoft.Extensions.Logging;
using Nexus.Bot.Localization;
using Nexus.Discord.Dispatch;
using Nexus.Domain.Storage;

namespace Nexus.Bot.Hosting;

/// <summary>
/// Recognises "the database cannot be reached right now" among the exceptions a handler lets escape (the
/// provider's dialect decides, <see cref="SqlDialect.IsUnavailable"/>), so the member is told to try again in
/// a minute instead of getting a bug reference; and a replayed interaction whose write the store refused.
/// Nothing is cached between interactions: every interaction opens its own connection, so the bot recovers by
/// itself as soon as the store is back.
/// </summary>
internal sealed partial class StorageUnavailableClassifier(IDbConnectionFactory connections, ILogger<StorageUnavailableClassifier> logger) : IInteractionExceptionClassifier
{
    /// <summary>What the member reads while the store is unavailable (in English; <see cref="Strings.Storage_Unavailable"/> in the member's language).</summary>
    public const string Message = "Storage is unavailable, try again in a minute.";

    /// <summary>What a replayed interaction gets (its first delivery already wrote; nothing was changed now), in English.</summary>
    public const string ReplayMessage = "That was already done; nothing was changed.";

    /// <inheritdoc />
    public string? Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is ReplayedRequestException)
            {
                LogReplayRefused(logger);
                return Strings.Storage_Replay;
            }

            if (connections.Dialect.IsUnavailable(current))
            {
                LogUnavailable(logger, connections.Dialect.Provider, current.GetType().Name, current.Message);
                return Strings.Storage_Unavailable;
            }
        }

        return null;
    }

    [LoggerMessage(EventId = 5013, Level = LogLevel.Warning, Message = "A replayed interaction tried to write again; refused, nothing was changed")]
    private static partial void LogReplayRefused(ILogger logger);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Warning, Message = "Storage unavailable ({Provider}): {ExceptionType}: {Reason}; the member was asked to try again")]
    private static partial void LogUnavailable(ILogger logger, StorageProvider provider, string exceptionType, string reason);
}
