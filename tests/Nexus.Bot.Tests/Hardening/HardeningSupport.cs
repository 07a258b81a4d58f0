using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Nexus.Discord.Gateway;
using Nexus.Testing;

namespace Nexus.Bot.Tests.Hardening;

/// <summary>
/// Every log entry of a host, in full: the formatted message, every structured value, every scope and the
/// whole exception (type, message, stack, inner exceptions). What a secret check must search.
/// </summary>
public sealed class AllLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();
    private readonly AsyncLocal<string?> _scopes = new();

    public IReadOnlyList<string> Entries => [.. _entries];

    public string Text => string.Join(Environment.NewLine, _entries);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(AllLogs owner, string category) : ILogger
    {
        public IDisposable BeginScope<TState>(TState state)
            where TState : notnull
        {
            var previous = owner._scopes.Value;
            owner._scopes.Value = previous + " [" + Describe(state) + "]";
            return new Pop(owner, previous);
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._entries.Enqueue($"{logLevel} {category} {eventId.Id} {formatter(state, exception)} | {Describe(state)} | {owner._scopes.Value} | {exception}");

        private static string Describe(object? state) => state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}"))
            : state?.ToString() ?? "";
    }

    private sealed class Pop(AllLogs owner, string? previous) : IDisposable
    {
        public void Dispose() => owner._scopes.Value = previous;
    }
}

/// <summary>
/// A scripted Discord gateway for the whole bot: each connection says Hello, answers IDENTIFY with READY
/// and RESUME with RESUMED, and acknowledges every heartbeat, so the session runs on an accelerated clock.
/// The test adds interactions, drops connections and invalidates sessions; every IDENTIFY is recorded
/// with the (fake) time it was sent.
/// </summary>
public sealed class ScriptedGateway(TimeProvider time, int heartbeatIntervalMilliseconds = 41250) : IGatewayTransport
{
    private readonly Lock _gate = new();
    private readonly ConcurrentQueue<DateTimeOffset> _identifies = new();
    private readonly ConcurrentQueue<DateTimeOffset> _heartbeats = new();
    private readonly ConcurrentQueue<JsonNode> _sent = new();
    private Channel<Func<GatewayReceiveResult>> _inbound = Channel.CreateUnbounded<Func<GatewayReceiveResult>>();
    private int _sequence;
    private int _connections;
    private int _resumes;

    public IReadOnlyList<DateTimeOffset> Identifies => [.. _identifies];

    /// <summary>When each heartbeat (op 1) arrived, on the gateway's clock.</summary>
    public IReadOnlyList<DateTimeOffset> Heartbeats => [.. _heartbeats];

    public int Resumes => Volatile.Read(ref _resumes);

    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Set once the current connection is identified or resumed; reset by a drop or invalidation.</summary>
    public bool Ready { get; private set; }

    public IReadOnlyList<JsonNode> Sent => [.. _sent];

    public Task ConnectAsync(Uri uri, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _inbound.Writer.TryComplete();
            _inbound = Channel.CreateUnbounded<Func<GatewayReceiveResult>>();
            Interlocked.Increment(ref _connections);
            Ready = false;
        }

        Send($$"""{"op":10,"d":{"heartbeat_interval":{{heartbeatIntervalMilliseconds}}},"s":null,"t":null}""");
        return Task.CompletedTask;
    }

    public Task SendAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken)
    {
        var frame = JsonNode.Parse(Encoding.UTF8.GetString(utf8Json.Span))!;
        _sent.Enqueue(frame);
        switch ((int)frame["op"]!)
        {
            case 1:
                _heartbeats.Enqueue(time.GetUtcNow());
                Send("""{"op":11,"d":null,"s":null,"t":null}""");
                break;
            case 2:
                _identifies.Enqueue(time.GetUtcNow());
                Send(FixturePaths.ReadText("discord/examples/gateway-ready.json").Replace("\"s\": 1", $"\"s\": {Interlocked.Increment(ref _sequence)}", StringComparison.Ordinal));
                Ready = true;
                break;
            case 6:
                Interlocked.Increment(ref _resumes);
                Send($$$"""{"op":0,"s":{{{Interlocked.Increment(ref _sequence)}}},"t":"RESUMED","d":{}}""");
                Ready = true;
                break;
        }

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
            return (await inbound.Reader.ReadAsync(cancellationToken))();
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
            _inbound.Writer.TryComplete();
        }

        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Discord delivers an interaction on the current connection.</summary>
    public void Dispatch(string interaction) =>
        Send($$$"""{"op":0,"s":{{{Interlocked.Increment(ref _sequence)}}},"t":"INTERACTION_CREATE","d":{{{interaction}}}}""");

    /// <summary>The TCP connection drops without a close frame.</summary>
    public void Drop()
    {
        Ready = false;
        Enqueue(() => throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely));
    }

    /// <summary>Op 9: the session is invalid (and, with <paramref name="resumable"/> false, must identify again).</summary>
    public void InvalidateSession(bool resumable)
    {
        Ready = false;
        Send($$"""{"op":9,"d":{{(resumable ? "true" : "false")}},"s":null,"t":null}""");
    }

    private void Send(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Enqueue(() => GatewayReceiveResult.Message(bytes));
    }

    private void Enqueue(Func<GatewayReceiveResult> next)
    {
        lock (_gate)
        {
            _inbound.Writer.TryWrite(next);
        }
    }
}

/// <summary>
/// Runs a fake clock fast (50 ms of fake time per real millisecond or so) while a host works, so waits of
/// seconds (heartbeats, backoffs, identify spacing, rate limits) pass quickly and without real sleeps in
/// the code under test.
/// </summary>
public sealed class AcceleratedClock : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;

    public AcceleratedClock(FakeTimeProvider time)
    {
        Time = time;
        _pump = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                time.Advance(TimeSpan.FromMilliseconds(50));
                await Task.Delay(1, CancellationToken.None);
            }
        });
    }

    public FakeTimeProvider Time { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _pump;
        _stop.Dispose();
    }
}
