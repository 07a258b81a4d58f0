using Nexus.Discord.Models;

namespace Nexus.Discord.Rest;

/// <summary>
/// The Discord REST endpoints Nexus calls. Every path is under <c>/v10</c>; the implementation adds
/// authentication, the User-Agent and rate limiting. A failed call throws <see cref="DiscordRestException"/>.
/// </summary>
public interface IDiscordRestClient
{
    /// <summary><c>GET /gateway/bot</c>: the gateway URL, recommended shards and session start limits.</summary>
    Task<GatewayBotInfo> GetGatewayBotAsync(CancellationToken cancellationToken);

    /// <summary><c>PUT /applications/{app}/commands</c>: replace every global command.</summary>
    Task BulkOverwriteGlobalCommandsAsync(ulong applicationId, IReadOnlyList<ApplicationCommandJson> commands, CancellationToken cancellationToken);

    /// <summary><c>PUT /applications/{app}/guilds/{guild}/commands</c>: replace every command of one guild.</summary>
    Task BulkOverwriteGuildCommandsAsync(ulong applicationId, ulong guildId, IReadOnlyList<ApplicationCommandJson> commands, CancellationToken cancellationToken);

    /// <summary><c>POST /interactions/{id}/{token}/callback</c>: the initial response, within 3 seconds.</summary>
    Task CreateInteractionResponseAsync(ulong interactionId, string interactionToken, InteractionResponse response, CancellationToken cancellationToken);

    /// <summary>
    /// <c>POST /interactions/{id}/{token}/callback</c> as multipart (<c>payload_json</c> plus <c>files[0]</c>):
    /// an initial message response carrying a file, which its embeds may show as <c>attachment://{name}</c>.
    /// </summary>
    Task CreateInteractionResponseWithFileAsync(ulong interactionId, string interactionToken, InteractionResponse response, FileUpload file, CancellationToken cancellationToken);

    /// <summary><c>PATCH /webhooks/{app}/{token}/messages/@original</c>.</summary>
    Task EditOriginalResponseAsync(ulong applicationId, string interactionToken, MessagePayload message, CancellationToken cancellationToken);

    /// <summary>
    /// <c>PATCH /webhooks/{app}/{token}/messages/@original</c> as multipart (<c>payload_json</c> plus <c>files[0]</c>):
    /// the original response replaced by a message carrying a file.
    /// </summary>
    Task EditOriginalResponseWithFileAsync(ulong applicationId, string interactionToken, MessagePayload message, FileUpload file, CancellationToken cancellationToken);

    /// <summary><c>DELETE /webhooks/{app}/{token}/messages/@original</c>.</summary>
    Task DeleteOriginalResponseAsync(ulong applicationId, string interactionToken, CancellationToken cancellationToken);

    /// <summary><c>POST /webhooks/{app}/{token}</c>: a follow-up message. Returns the message id.</summary>
    Task<ulong> CreateFollowupMessageAsync(ulong applicationId, string interactionToken, MessagePayload message, CancellationToken cancellationToken);

    /// <summary><c>POST /users/@me/channels</c>: open (or get) the DM channel with a user. Returns the channel id.</summary>
    Task<ulong> CreateDmChannelAsync(ulong recipientId, CancellationToken cancellationToken);

    /// <summary><c>POST /channels/{channel}/messages</c>. Returns the message id.</summary>
    Task<ulong> CreateMessageAsync(ulong channelId, MessagePayload message, CancellationToken cancellationToken);

    /// <summary>
    /// A follow-up carrying one file (multipart: <c>payload_json</c> plus <c>files[0]</c>), used for CSV export.
    /// Returns the message id.
    /// </summary>
    Task<ulong> CreateFollowupWithFileAsync(ulong applicationId, string interactionToken, MessagePayload message, FileUpload file, CancellationToken cancellationToken);
}

/// <summary>A file to upload.</summary>
/// <param name="FileName">The name users see.</param>
/// <param name="Content">The bytes.</param>
/// <param name="ContentType">The media type, e.g. <c>text/csv</c>.</param>
public sealed record FileUpload(string FileName, ReadOnlyMemory<byte> Content, string ContentType);

/// <summary>The answer of <c>GET /gateway/bot</c>.</summary>
/// <param name="Url">The gateway URL to connect to.</param>
/// <param name="Shards">The recommended shard count.</param>
/// <param name="SessionStartLimit">How many identifies are left.</param>
public sealed record GatewayBotInfo(string Url, int Shards, SessionStartLimit SessionStartLimit);

/// <summary>Identify limits of the bot.</summary>
/// <param name="Total">Identifies allowed per window.</param>
/// <param name="Remaining">Identifies left.</param>
/// <param name="ResetAfterMilliseconds">When the window resets.</param>
/// <param name="MaxConcurrency">Identifies allowed per 5 seconds.</param>
public sealed record SessionStartLimit(int Total, int Remaining, long ResetAfterMilliseconds, int MaxConcurrency);

/// <summary>A Discord REST call that failed: the HTTP status and Discord's JSON error code and message.</summary>
public sealed class DiscordRestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DiscordRestException(int statusCode, int? errorCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    /// <summary>Creates the exception.</summary>
    public DiscordRestException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public DiscordRestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public DiscordRestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>Discord's JSON error code (e.g. 10062 unknown interaction, 40060 already acknowledged), when given.</summary>
    public int? ErrorCode { get; }
}
