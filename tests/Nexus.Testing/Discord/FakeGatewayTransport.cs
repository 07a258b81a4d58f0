using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Nexus.Discord.Gateway;
using Xunit;

namespace Nexus.Testing;

/// <summary>A frame the client sent, on which connection (1-based).</summary>
public sealed record SentFrame(int Connection, JsonNode Json)
{
    /// <summary>The frame's op code.</summary>
    public int Op => (int)Json["op"]!;
}

/// <summary>
/// Discord's gateway in memory, for every test project: no socket, no network. Each
/// <see cref="ConnectAsync"/> opens a fresh connection; what the server sends goes to the newest one.
/// Scripted (the default), the test plays the server: <see cref="ServerSends"/>, then reads what the client
/// sent (<see cref="NextSentAsync()"/>). <see cref="Answering"/> plays it by itself: HELLO on every
/// connection, READY for IDENTIFY, RESUMED for RESUME and an ACK for every heartbeat, stamping each IDENTIFY
/// and heartbeat with the clock's time; the test then only dispatches interactions, drops connections and
/// invalidates sessions.
/// </summary>
public sealed class FakeGatewayTransport : IGatewayTransport
{
    private readonly Lock _gate = new();
    private readonly List<Uri> _connections = [];
    private readonly List<(int Connection, int Code)> _closes = [];
    private readonly Channel<SentFrame> _unread = Channel.CreateUnbounded<SentFrame>();
    private readonly ConcurrentQueue<SentFrame> _sent = new();
    private readonly ConcurrentQueue<DateTimeOffset> _identifies = new();
    private readonly ConcurrentQueue<DateTimeOffset> _heartbeats = new();
    private readonly TaskCompletionSource<Uri> _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<int> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeProvider _clock;
    private readonly int? _answeringHeartbeatMilliseconds;
    private Channel<Func<GatewayReceiveResult>> _inbound = Channel.CreateUnbounded<Func<GatewayReceiveResult>>();
    private int _delivered;
    private int _sequence;
    private int _resumes;
    private volatile bool _ready;

    /// <summary>A gateway the test scripts frame by frame.</summary>
    public FakeGatewayTransport()
        : this(TimeProvider.System, null)
    {
    }

    private FakeGatewayTransport(TimeProvider clock, int? answeringHeartbeatMilliseconds)
    {
        _clock = clock;
        _answeringHeartbeatMilliseconds = answeringHeartbeatMilliseconds;
    }

    /// <summary>A gateway that answers HELLO, IDENTIFY, RESUME and heartbeats by itself, on <paramref name="clock"/>.</summary>
    public static FakeGatewayTransport Answering(TimeProvider clock, int heartbeatIntervalMilliseconds = 41250) =>
        new(clock, heartbeatIntervalMilliseconds);

    /// <summary>Every connection's URI, in order.</summary>
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

    /// <summary>How many connections the client has opened.</summary>
    public int ConnectionCount => Connections.Count;

    /// <summary>Every close the client sent: on which connection, with which code.</summary>
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

    /// <summary>The first connection's URI, once the client connects.</summary>
    public Task<Uri> Connected => _connected.Task;

    /// <summary>The code of the client's first close.</summary>
    public Task<int> Closed => _closed.Task;

    /// <summary>How many messages the client has read so far.</summary>
    public int Delivered => Volatile.Read(ref _delivered);

    /// <summary>Every frame the client sent, in order (whether or not read with <see cref="NextSentAsync()"/>).</summary>
    public IReadOnlyList<SentFrame> Sent => [.. _sent];

    /// <summary>When each IDENTIFY arrived, on the clock (answering gateway).</summary>
    public IReadOnlyList<DateTimeOffset> Identifies => [.. _identifies];

    /// <summary>When each heartbeat arrived, on the clock (answering gateway).</summary>
    public IReadOnlyList<DateTimeOffset> Heartbeats => [.. _heartbeats];

    /// <summary>How many RESUMEs the answering gateway accepted.</summary>
    public int Resumes => Volatile.Read(ref _resumes);

    /// <summary>Whether the newest connection is identified or resumed (answering gateway); a drop or an invalidation resets it.</summary>
    public bool Ready => _ready;

    /// <inheritdoc />
    public Task ConnectAsync(Uri uri, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _inbound.Writer.TryComplete();
            _inbound = Channel.CreateUnbounded<Func<GatewayReceiveResult>>();
            _connections.Add(uri);
            _ready = false;
        }

        _connected.TrySetResult(uri);
        if (_answeringHeartbeatMilliseconds is { } interval)
        {
            ServerSends(string.Create(CultureInfo.InvariantCulture, $$"""{"op":10,"d":{"heartbeat_interval":{{interval}}},"s":null,"t":null}"""));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task SendAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken)
    {
        var frame = new SentFrame(ConnectionCount, JsonNode.Parse(Encoding.UTF8.GetString(utf8Json.Span))!);
        _sent.Enqueue(frame);
        _unread.Writer.TryWrite(frame);
        if (_answeringHeartbeatMilliseconds is not null)
        {
            Answer(frame.Op);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
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
            var result = next();
            Interlocked.Increment(ref _delivered);
            return result;
        }
        catch (ChannelClosedException)
        {
            throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely);
        }
    }

    /// <inheritdoc />
    public Task CloseAsync(int closeCode, string reason, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _closes.Add((_connections.Count, closeCode));
            _inbound.Writer.TryComplete();
        }

        _closed.TrySetResult(closeCode);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The server sends a message on the newest connection.</summary>
    public void ServerSends(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Enqueue(() => GatewayReceiveResult.Message(bytes));
    }

    /// <summary>The server closes the newest connection with a code.</summary>
    public void ServerCloses(int code) => Enqueue(() => GatewayReceiveResult.Closed(code, "closed by test"));

    /// <summary>The TCP connection drops (no close frame).</summary>
    public void Drop()
    {
        _ready = false;
        Enqueue(() => throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely));
    }

    /// <summary>The server delivers an interaction (the <c>d</c> of an INTERACTION_CREATE) with the next sequence number.</summary>
    public void Dispatch(string interaction) =>
        ServerSends(string.Create(CultureInfo.InvariantCulture, $$$"""{"op":0,"s":{{{Interlocked.Increment(ref _sequence)}}},"t":"INTERACTION_CREATE","d":{{{interaction}}}}"""));

    /// <summary>Op 9: the session is invalid (and, with <paramref name="resumable"/> false, the client must identify again).</summary>
    public void InvalidateSession(bool resumable)
    {
        _ready = false;
        ServerSends($$"""{"op":9,"d":{{(resumable ? "true" : "false")}},"s":null,"t":null}""");
    }

    /// <summary>The next frame the client sent, failing the test if none comes within 10 s.</summary>
    public async Task<SentFrame> NextSentAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            return await _unread.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail("The client sent nothing within 10 s.");
            throw;
        }
    }

    /// <summary>The next frame the client sent with <paramref name="op"/> (others in between, heartbeats say, are skipped).</summary>
    public async Task<SentFrame> NextSentAsync(int op)
    {
        while (true)
        {
            var frame = await NextSentAsync();
            if (frame.Op == op)
            {
                return frame;
            }
        }
    }

    /// <summary>A frame sent and not read yet, if any (for asserting that nothing was sent).</summary>
    public bool TryTakeSent(out SentFrame? frame) => _unread.Reader.TryRead(out frame);

    private void Answer(int op)
    {
        switch (op)
        {
            case 1:
                _heartbeats.Enqueue(_clock.GetUtcNow());
                ServerSends("""{"op":11,"d":null,"s":null,"t":null}""");
                break;
            case 2:
                _identifies.Enqueue(_clock.GetUtcNow());
                ServerSends(FixturePaths.ReadText("discord/examples/gateway-ready.json")
                    .Replace("\"s\": 1", string.Create(CultureInfo.InvariantCulture, $"\"s\": {Interlocked.Increment(ref _sequence)}"), StringComparison.Ordinal));
                _ready = true;
                break;
            case 6:
                Interlocked.Increment(ref _resumes);
                ServerSends(string.Create(CultureInfo.InvariantCulture, $$$"""{"op":0,"s":{{{Interlocked.Increment(ref _sequence)}}},"t":"RESUMED","d":{}}"""));
                _ready = true;
                break;
        }
    }

    private void Enqueue(Func<GatewayReceiveResult> next)
    {
        lock (_gate)
        {
            _inbound.Writer.TryWrite(next);
        }
    }
}
