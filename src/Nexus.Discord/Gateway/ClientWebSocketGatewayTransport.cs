using System.Buffers;
using System.Net.WebSockets;

namespace Nexus.Discord.Gateway;

/// <summary><see cref="IGatewayTransport"/> over <see cref="ClientWebSocket"/>: a new socket per connection.</summary>
public sealed class ClientWebSocketGatewayTransport : IGatewayTransport, IDisposable
{
    // Guild payloads (GUILD_CREATE of a large guild) can be megabytes; a message beyond this is a broken
    // or hostile server, and the connection is dropped rather than memory exhausted.
    private const int MaxMessageBytes = 32 * 1024 * 1024;

    private ClientWebSocket? _socket;

    /// <inheritdoc />
    public async Task ConnectAsync(Uri uri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        _socket?.Dispose();
        var socket = new ClientWebSocket();
        _socket = socket;
        await socket.ConnectAsync(uri, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task SendAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken) =>
        Current.SendAsync(utf8Json, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).AsTask();

    /// <inheritdoc />
    public async Task<GatewayReceiveResult> ReceiveAsync(CancellationToken cancellationToken)
    {
        var socket = Current;
        var buffer = new ArrayBufferWriter<byte>(8192);
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.GetMemory(8192), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return GatewayReceiveResult.Closed((int?)socket.CloseStatus, socket.CloseStatusDescription);
            }

            buffer.Advance(result.Count);
            if (buffer.WrittenCount > MaxMessageBytes)
            {
                throw new WebSocketException(WebSocketError.Faulted, "The gateway sent a message larger than the client accepts.");
            }

            if (result.EndOfMessage)
            {
                return GatewayReceiveResult.Message(buffer.WrittenMemory);
            }
        }
    }

    /// <inheritdoc />
    public async Task CloseAsync(int closeCode, string reason, CancellationToken cancellationToken)
    {
        var socket = _socket;
        if (socket is null)
        {
            return;
        }

        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                // CloseOutput does not wait for the server's answer: we are leaving either way.
                await socket.CloseOutputAsync((WebSocketCloseStatus)closeCode, reason, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (WebSocketException)
        {
            // Already broken: nothing left to close.
        }
        finally
        {
            socket.Abort();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Disposes the socket (also for containers disposed synchronously).</summary>
    public void Dispose()
    {
        _socket?.Dispose();
        _socket = null;
    }

    private ClientWebSocket Current => _socket ?? throw new InvalidOperationException("The gateway transport is not connected.");
}
