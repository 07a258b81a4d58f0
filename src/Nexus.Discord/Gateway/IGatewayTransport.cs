namespace Nexus.Discord.Gateway;

/// <summary>
/// The gateway's wire: one WebSocket connection at a time, whole text messages in and out. The session
/// (<see cref="DiscordGatewayClient"/>) owns everything else, so tests can script a server in memory.
/// A dropped connection surfaces as an exception from <see cref="ReceiveAsync"/> or <see cref="SendAsync"/>.
/// </summary>
public interface IGatewayTransport : IAsyncDisposable
{
    /// <summary>Opens a new connection to <paramref name="uri"/>, dropping any previous one.</summary>
    Task ConnectAsync(Uri uri, CancellationToken cancellationToken);

    /// <summary>Sends one text message (UTF-8 JSON). Not safe to call concurrently; the session serialises sends.</summary>
    Task SendAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken);

    /// <summary>Receives the next whole message, or the server's close.</summary>
    Task<GatewayReceiveResult> ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Closes the connection with <paramref name="closeCode"/> without waiting for the server. Codes other than
    /// 1000/1001 keep the session resumable. Does nothing when the connection is already gone.
    /// </summary>
    Task CloseAsync(int closeCode, string reason, CancellationToken cancellationToken);
}

/// <summary>One thing received from the gateway: a whole message, or the server's close.</summary>
public sealed record GatewayReceiveResult
{
    private GatewayReceiveResult(ReadOnlyMemory<byte> payload, bool isClose, int? closeCode, string? closeReason)
    {
        Payload = payload;
        IsClose = isClose;
        CloseCode = closeCode;
        CloseReason = closeReason;
    }

    /// <summary>The message (UTF-8 JSON); empty for a close.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>Whether the server closed the connection.</summary>
    public bool IsClose { get; }

    /// <summary>The close code, when the server sent one.</summary>
    public int? CloseCode { get; }

    /// <summary>The close reason text, when the server sent one.</summary>
    public string? CloseReason { get; }

    /// <summary>A whole message.</summary>
    public static GatewayReceiveResult Message(ReadOnlyMemory<byte> payload) => new(payload, false, null, null);

    /// <summary>The server's close.</summary>
    public static GatewayReceiveResult Closed(int? closeCode, string? closeReason) => new(ReadOnlyMemory<byte>.Empty, true, closeCode, closeReason);
}
