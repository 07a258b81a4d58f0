using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Nexus.Discord.Gateway;

namespace Nexus.Bot.Tests.Support;

/// <summary>
/// A gateway connection in memory: the test plays Discord's side (<see cref="ServerSends"/>) and reads
/// what the bot sent (<see cref="NextSentAsync"/>). No socket, no network.
/// </summary>
public sealed class InMemoryGateway : IGatewayTransport
{
    private readonly Channel<byte[]> _inbound = Channel.CreateUnbounded<byte[]>();
    private readonly Channel<JsonNode> _sent = Channel.CreateUnbounded<JsonNode>();
    private readonly TaskCompletionSource<Uri> _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<int> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _delivered;

    public Task<Uri> Connected => _connected.Task;

    /// <summary>The close code the bot closed the connection with.</summary>
    public Task<int> Closed => _closed.Task;

    /// <summary>How many frames the bot has read (received) so far.</summary>
    public int Delivered => Volatile.Read(ref _delivered);

    public Task ConnectAsync(Uri uri, CancellationToken cancellationToken)
    {
        _connected.TrySetResult(uri);
        return Task.CompletedTask;
    }

    public Task SendAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken)
    {
        _sent.Writer.TryWrite(JsonNode.Parse(Encoding.UTF8.GetString(utf8Json.Span))!);
        return Task.CompletedTask;
    }

    public async Task<GatewayReceiveResult> ReceiveAsync(CancellationToken cancellationToken)
    {
        try
        {
            var frame = await _inbound.Reader.ReadAsync(cancellationToken);
            Interlocked.Increment(ref _delivered);
            return GatewayReceiveResult.Message(frame);
        }
        catch (ChannelClosedException)
        {
            throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely);
        }
    }

    public Task CloseAsync(int closeCode, string reason, CancellationToken cancellationToken)
    {
        _closed.TrySetResult(closeCode);
        _inbound.Writer.TryComplete();
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public void ServerSends(string json) => _inbound.Writer.TryWrite(Encoding.UTF8.GetBytes(json));

    /// <summary>The next frame the bot sent with this op code (heartbeats in between are skipped).</summary>
    public async Task<JsonNode> NextSentAsync(int op)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var frame = await _sent.Reader.ReadAsync(timeout.Token);
            if ((int)frame["op"]! == op)
            {
                return frame;
            }
        }
    }
}
