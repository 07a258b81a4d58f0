using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Nexus.Discord.Gateway;

namespace Nexus.Discord.Tests.Gateway;

/// <summary>A frame the client sent, on which connection (1-based).</summary>
internal sealed record SentFrame(int Connection, JsonNode Json)
{
    public int Op => (int)Json["op"]!;
}

/// <summary>
/// An in-memory gateway server: the test scripts what the "server" sends and reads what the client sent.
/// Each <see cref="ConnectAsync"/> opens a fresh connection; scripted messages go to the newest one.
/// </summary>
internal sealed class FakeGatewayTransport : IGatewayTransport
{
    private readonly Lock _gate = new();
    private readonly List<Uri> _connections = [];
    private readonly List<(int Connection, int Code)> _closes = [];
    private readonly Channel<SentFrame> _sent = Channel.CreateUnbounded<SentFrame>();
    private Channel<Func<GatewayReceiveResult>> _inbound = Channel.CreateUnbounded<Func<GatewayReceiveResult>>();

    public IReadOnlyList<Uri> Connections
    {
        get
        {
            lock (_gate)
            {
                return [.. _connections];
            }
        }
    }

    public int ConnectionCount => Connections.Count;

    public IReadOnlyList<(int Connection, int Code)> Closes
    {
        get
        {
            lock (_gate)
            {
                return [.. _closes];
            }
        }
    }

    public Task ConnectAsync(Uri uri, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _inbound.Writer.TryComplete();
            _inbound = Channel.CreateUnbounded<Func<GatewayReceiveResult>>();
            _connections.Add(uri);
        }

        return Task.CompletedTask;
    }

    public Task SendAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken)
    {
        var json = JsonNode.Parse(Encoding.UTF8.GetString(utf8Json.Span))!;
        _sent.Writer.TryWrite(new SentFrame(ConnectionCount, json));
        return Task.CompletedTask;
    }

    public async Task<GatewayReceiveResult> ReceiveAsync(CancellationToken cancellationToken)
    {
        Channel<Func<GatewayReceiveResult>> inbound;
        lock (_gate)
        {
            inbound = _inbound;
        }

        try
        {
            var next = await inbound.Reader.ReadAsync(cancellationToken);
            return next();
        }
        catch (ChannelClosedException)
        {
            throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely);
        }
    }

    public Task CloseAsync(int closeCode, string reason, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _closes.Add((_connections.Count, closeCode));
            _inbound.Writer.TryComplete();
        }

        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The server sends a message on the newest connection.</summary>
    public void ServerSends(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Inbound.Writer.TryWrite(() => GatewayReceiveResult.Message(bytes));
    }

    /// <summary>The server closes the newest connection with a code.</summary>
    public void ServerCloses(int code) => Inbound.Writer.TryWrite(() => GatewayReceiveResult.Closed(code, "closed by test"));

    /// <summary>The TCP connection drops (no close frame).</summary>
    public void Drop() => Inbound.Writer.TryWrite(() => throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely));

    /// <summary>The next frame the client sent, failing the test if none comes.</summary>
    public async Task<SentFrame> NextSentAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            return await _sent.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail("The client sent nothing within 10 s.");
            throw;
        }
    }

    /// <summary>A frame sent so far, if any (for asserting that nothing was sent).</summary>
    public bool TryTakeSent(out SentFrame? frame) => _sent.Reader.TryRead(out frame);

    private Channel<Func<GatewayReceiveResult>> Inbound
    {
        get
        {
            lock (_gate)
            {
                return _inbound;
            }
        }
    }
}
