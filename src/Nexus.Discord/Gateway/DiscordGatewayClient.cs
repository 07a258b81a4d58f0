using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexus.Discord.Hosting;
using Nexus.Discord.Json;
using Nexus.Discord.Rest;

namespace Nexus.Discord.Gateway;

/// <summary>
/// The gateway session: connects (URL from <c>GET /gateway/bot</c>), identifies with the GUILDS intent or
/// resumes on <c>resume_gateway_url</c>, keeps the heartbeat, and writes every INTERACTION_CREATE to
/// <see cref="GatewayInteractionQueue"/>, never running a handler itself. It reconnects after op 7, op 9,
/// a zombie connection, a close or a drop, resuming where Discord allows, and stops the bot after a fatal
/// close code. Wire, heartbeat and limits are separate parts; all timing goes through <see cref="TimeProvider"/>.
/// When the host begins to stop, it closes the connection before any other service stops (so the
/// dispatcher answers the last interactions received, and no new one arrives meanwhile), with a close code
/// that keeps the session resumable.
/// </summary>
/// <param name="rest">For <c>GET /gateway/bot</c>.</param>
/// <param name="transport">The WebSocket.</param>
/// <param name="queue">Where interactions go.</param>
/// <param name="identifyLimiter">Keeps identifies within Discord's limits.</param>
/// <param name="policy">Backoff and waits.</param>
/// <param name="random">Jitter source.</param>
/// <param name="shutdown">Stops the bot after a fatal close.</param>
/// <param name="options">Token, shard id and count.</param>
/// <param name="time">The clock of every wait.</param>
/// <param name="logger">Never logs the token, session id or interaction tokens.</param>
public sealed partial class DiscordGatewayClient(
    IDiscordRestClient rest,
    IGatewayTransport transport,
    GatewayInteractionQueue queue,
    GatewayIdentifyLimiter identifyLimiter,
    GatewayReconnectPolicy policy,
    IGatewayRandom random,
    IGatewayShutdown shutdown,
    IOptions<DiscordOptions> options,
    TimeProvider time,
    ILogger<DiscordGatewayClient> logger) : BackgroundService, IHostedLifecycleService
{
    // A close code outside 1000/1001, so Discord keeps the session resumable (4000 = "unknown error").
    private const int ResumableCloseCode = 4000;

    // 1000 ends the session: right when the session is invalid anyway.
    private const int SessionEndingCloseCode = 1000;

    private const long NoSequence = -1;

    // Cancelled when the host begins to stop, before the host cancels the stopping token of any service.
    private readonly CancellationTokenSource _stopReceiving = new();

    private string? _sessionId;
    private string? _resumeUrl;
    private long _sequence = NoSequence;
    private int _failuresInRow;

    private enum OutcomeKind
    {
        Stopping,
        Reconnect,
        InvalidSessionResumable,
        InvalidSessionNew,
        Zombie,
        Closed,
        Dropped,
    }

    /// <inheritdoc />
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Stops receiving and closes the connection (resumably), before the host stops the dispatcher's pump:
    /// what was received is then all in the queue, and the pump answers it. Bounded by the host's shutdown timeout.
    /// </summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        await _stopReceiving.CancelAsync().ConfigureAwait(false);
        if (ExecuteTask is { } running)
        {
            try
            {
                await running.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The shutdown timeout is up; StopAsync gives up on it too.
            }
        }
    }

    /// <inheritdoc />
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public override void Dispose()
    {
        _stopReceiving.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, _stopReceiving.Token);
        await RunAsync(stopping.Token).ConfigureAwait(false);
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.Mode != DiscordMode.Gateway)
        {
            LogNotGatewayMode(logger);
            return;
        }

        if (string.IsNullOrWhiteSpace(settings.Token))
        {
            LogNoToken(logger);
            shutdown.Stop(1);
            return;
        }

        // Let the host finish starting; the first connect must not hold up the other services.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            Outcome outcome;
            try
            {
                outcome = await RunConnectionAsync(settings, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (DiscordRestException ex) when (ex.StatusCode == 401)
            {
                // GET /gateway/bot refused the token: retrying cannot help, and 401s count towards an IP ban.
                LogTokenRejected(logger);
                shutdown.Stop(1);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Connecting failed, or GET /gateway/bot did: try again after a backoff.
                LogConnectFailed(logger, ex);
                outcome = new Outcome(OutcomeKind.Dropped);
            }

            if (outcome.Kind == OutcomeKind.Stopping)
            {
                break;
            }

            if (outcome is { Kind: OutcomeKind.Closed, CloseCode: { } code } && GatewayCloseCodes.IsFatal(code))
            {
                var explanation = GatewayCloseCodes.Explain(code);
                LogFatalClose(logger, code, explanation);
                shutdown.Stop(1);
                return;
            }

            if (outcome is { Kind: OutcomeKind.Closed, CloseCode: { } ended } && GatewayCloseCodes.NeedsNewSession(ended))
            {
                ClearSession();
            }

            var delay = NextDelay(outcome);
            if (delay > TimeSpan.Zero)
            {
                LogReconnectDelay(logger, delay.TotalSeconds);
                try
                {
                    await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private TimeSpan NextDelay(Outcome outcome)
    {
        // Connections that never reached READY/RESUMED count as failures in a row; their backoff grows, so
        // a server that keeps refusing us (e.g. repeated INVALID_SESSION) is not hammered.
        _failuresInRow = outcome.Established ? 0 : _failuresInRow + 1;
        var backoff = _failuresInRow == 0 ? TimeSpan.Zero : policy.Backoff(_failuresInRow - 1, random.NextDouble());
        return outcome.Kind switch
        {
            OutcomeKind.InvalidSessionNew => Max(policy.InvalidSessionDelay(random.NextDouble()), backoff),
            OutcomeKind.Reconnect or OutcomeKind.InvalidSessionResumable or OutcomeKind.Zombie => backoff,
            _ => Max(backoff, policy.Backoff(0, random.NextDouble())),
        };
    }

    private async Task<Outcome> RunConnectionAsync(DiscordOptions settings, CancellationToken stoppingToken)
    {
        var resume = _sessionId is not null && _resumeUrl is not null && Interlocked.Read(ref _sequence) != NoSequence;
        Uri uri;
        if (resume)
        {
            // Resuming against the original URL causes extra disconnects: Discord names the one to use.
            uri = GatewayPayloads.ConnectUri(_resumeUrl!);
        }
        else
        {
            var info = await rest.GetGatewayBotAsync(stoppingToken).ConfigureAwait(false);
            identifyLimiter.Observe(info.SessionStartLimit);
            await identifyLimiter.WaitForSessionStartAsync(stoppingToken).ConfigureAwait(false);
            uri = GatewayPayloads.ConnectUri(info.Url);
        }

        LogConnecting(logger, uri.Host, resume);
        await transport.ConnectAsync(uri, stoppingToken).ConfigureAwait(false);

        using var connection = new Connection(time, random, stoppingToken);
        var heartbeat = RunHeartbeatAsync(connection);
        var outcome = new Outcome(OutcomeKind.Dropped);
        try
        {
            outcome = await ReceiveLoopAsync(connection, settings, resume, stoppingToken).ConfigureAwait(false);
            return outcome with { Established = connection.Established };
        }
        finally
        {
            await connection.Cts.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);
            await connection.Handshake.ConfigureAwait(false);
            // Stopping closes resumably too: Discord keeps the session, and what it could not deliver meanwhile
            // is replayed to a RESUME rather than lost.
            var code = outcome.Kind is OutcomeKind.InvalidSessionNew ? SessionEndingCloseCode : ResumableCloseCode;
            using var closeTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), time);
            try
            {
                await transport.CloseAsync(code, code == SessionEndingCloseCode ? "session ended" : "reconnecting", closeTimeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or System.Net.WebSockets.WebSocketException or IOException)
            {
                // The connection is gone either way.
            }
        }
    }

    private async Task<Outcome> ReceiveLoopAsync(Connection connection, DiscordOptions settings, bool resume, CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                var received = await transport.ReceiveAsync(connection.Cts.Token).ConfigureAwait(false);
                // An interaction's 3 seconds run from here, not from when a handler gets to it.
                var receivedAt = time.GetTimestamp();
                if (received.IsClose)
                {
                    LogClosedByServer(logger, received.CloseCode ?? 0, received.CloseReason ?? "");
                    return new Outcome(OutcomeKind.Closed, received.CloseCode);
                }

                if (await HandleMessageAsync(connection, received.Payload, receivedAt, settings, resume, stoppingToken).ConfigureAwait(false) is { } outcome)
                {
                    return outcome;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return new Outcome(OutcomeKind.Stopping);
            }
            catch (Exception) when (connection.Zombie)
            {
                return new Outcome(OutcomeKind.Zombie);
            }
            catch (Exception ex)
            {
                LogDropped(logger, ex.GetType().Name);
                return new Outcome(OutcomeKind.Dropped);
            }
        }
    }

    private async Task<Outcome?> HandleMessageAsync(Connection connection, ReadOnlyMemory<byte> payload, long receivedAt, DiscordOptions settings, bool resume, CancellationToken stoppingToken)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload);
        }
        catch (JsonException)
        {
            LogBadFrame(logger);
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("op", out var opElement) || !opElement.TryGetInt32(out var op))
            {
                LogBadFrame(logger);
                return null;
            }

            root.TryGetProperty("d", out var data);
            switch (op)
            {
                case GatewayOpcode.Dispatch:
                    await HandleDispatchAsync(connection, root, data, receivedAt, stoppingToken).ConfigureAwait(false);
                    return null;
                case GatewayOpcode.Hello:
                    var interval = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("heartbeat_interval", out var ms) && ms.TryGetDouble(out var milliseconds) && milliseconds > 0
                        ? TimeSpan.FromMilliseconds(milliseconds)
                        : TimeSpan.FromSeconds(41.25);
                    if (connection.Hello.TrySetResult(interval))
                    {
                        connection.Handshake = HandshakeAsync(connection, settings, resume);
                    }

                    return null;
                case GatewayOpcode.HeartbeatAck:
                    connection.Heartbeat.Acknowledge();
                    return null;
                case GatewayOpcode.Heartbeat:
                    // The server asks for a beat now (e.g. to check us): answer at once, outside the schedule.
                    await SendFrameAsync(connection, GatewayPayloads.Heartbeat(CurrentSequence()), connection.Cts.Token).ConfigureAwait(false);
                    return null;
                case GatewayOpcode.Reconnect:
                    LogReconnectRequested(logger);
                    return new Outcome(OutcomeKind.Reconnect);
                case GatewayOpcode.InvalidSession:
                    var resumable = data.ValueKind == JsonValueKind.True;
                    LogInvalidSession(logger, resumable);
                    if (!resumable)
                    {
                        ClearSession();
                    }

                    return new Outcome(resumable ? OutcomeKind.InvalidSessionResumable : OutcomeKind.InvalidSessionNew);
                default:
                    return null;
            }
        }
    }

    private async Task HandleDispatchAsync(Connection connection, JsonElement root, JsonElement data, long receivedAt, CancellationToken stoppingToken)
    {
        var name = root.TryGetProperty("t", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        long? sequence = root.TryGetProperty("s", out var s) && s.TryGetInt64(out var number) ? number : null;
        switch (name)
        {
            case "READY":
                _sessionId = data.TryGetProperty("session_id", out var id) ? id.GetString() : null;
                _resumeUrl = data.TryGetProperty("resume_gateway_url", out var url) ? url.GetString() : null;
                connection.Established = true;
                LogReady(logger, options.Value.ShardId, options.Value.ShardCount);
                break;
            case "RESUMED":
                connection.Established = true;
                LogResumed(logger);
                break;
            case "INTERACTION_CREATE":
                Models.Interaction? interaction = null;
                try
                {
                    interaction = data.Deserialize(DiscordJsonContext.Default.Interaction);
                }
                catch (JsonException)
                {
                    LogBadInteraction(logger, sequence ?? -1);
                }

                if (interaction is not null)
                {
                    // Await the write (back-pressure), with the host's token only: a connection dying meanwhile
                    // must not drop an interaction already received.
                    await queue.Writer.WriteAsync(new Dispatch.ReceivedInteraction(interaction, receivedAt), stoppingToken).ConfigureAwait(false);
                }

                break;
        }

        // Recorded after the hand-over: were we cut off before it, a resume replays the event.
        if (sequence is { } value)
        {
            Interlocked.Exchange(ref _sequence, value);
        }
    }

    private async Task RunHeartbeatAsync(Connection connection)
    {
        try
        {
            var interval = await connection.Hello.Task.WaitAsync(policy.HelloTimeout, time, connection.Cts.Token).ConfigureAwait(false);
            await connection.Heartbeat.RunAsync(
                interval,
                token => SendFrameAsync(connection, GatewayPayloads.Heartbeat(CurrentSequence()), token),
                connection.Cts.Token).ConfigureAwait(false);
            LogZombie(logger);
            connection.Zombie = true;
        }
        catch (TimeoutException)
        {
            LogNoHello(logger, policy.HelloTimeout.TotalSeconds);
            connection.Zombie = true;
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (Exception ex) when (ex is System.Net.WebSockets.WebSocketException or IOException or InvalidOperationException)
        {
            LogHeartbeatFailed(logger, ex.GetType().Name);
        }

        await connection.Cts.CancelAsync().ConfigureAwait(false);
    }

    private async Task HandshakeAsync(Connection connection, DiscordOptions settings, bool resume)
    {
        try
        {
            if (resume)
            {
                var sequence = CurrentSequence() ?? 0;
                LogResuming(logger, sequence);
                await SendFrameAsync(connection, GatewayPayloads.Resume(settings.Token!, _sessionId!, sequence), connection.Cts.Token).ConfigureAwait(false);
            }
            else
            {
                // Built before taking a session start, so a frame that cannot be sent never costs one.
                var identify = GatewayPayloads.Identify(settings.Token!, settings.ShardId, settings.ShardCount);
                EnsureFrameSize(identify);
                await identifyLimiter.AcquireAsync(settings.ShardId, connection.Cts.Token).ConfigureAwait(false);
                LogIdentifying(logger, settings.ShardId, settings.ShardCount);
                await SendFrameAsync(connection, identify, connection.Cts.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The connection ended first.
        }
        catch (Exception ex) when (ex is System.Net.WebSockets.WebSocketException or IOException or InvalidOperationException)
        {
            LogHeartbeatFailed(logger, ex.GetType().Name);
            await connection.Cts.CancelAsync().ConfigureAwait(false);
        }
    }

    private async Task SendFrameAsync(Connection connection, byte[] frame, CancellationToken cancellationToken)
    {
        EnsureFrameSize(frame);
        await connection.SendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await connection.Sends.WaitAsync(cancellationToken).ConfigureAwait(false);
            await transport.SendAsync(frame, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            connection.SendLock.Release();
        }
    }

    private static void EnsureFrameSize(byte[] frame)
    {
        // Discord closes the connection with 4002 on a frame above 4096 bytes; refuse to send one instead.
        if (frame.Length > GatewayPayloads.MaxFrameBytes)
        {
            throw new InvalidOperationException($"A gateway frame of {frame.Length} bytes exceeds Discord's {GatewayPayloads.MaxFrameBytes}-byte limit.");
        }
    }

    private long? CurrentSequence()
    {
        var value = Interlocked.Read(ref _sequence);
        return value == NoSequence ? null : value;
    }

    private void ClearSession()
    {
        _sessionId = null;
        _resumeUrl = null;
        Interlocked.Exchange(ref _sequence, NoSequence);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Discord mode is not Gateway: the gateway client does not connect")]
    private static partial void LogNotGatewayMode(ILogger logger);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Critical, Message = "Discord:Token is not set: the gateway cannot identify. The bot stops.")]
    private static partial void LogNoToken(ILogger logger);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Critical, Message = "Discord gateway closed with fatal code {CloseCode} ({Explanation}). The bot stops.")]
    private static partial void LogFatalClose(ILogger logger, int closeCode, string explanation);

    [LoggerMessage(EventId = 3119, Level = LogLevel.Critical, Message = "Discord rejected the bot token (HTTP 401 on GET /gateway/bot): check Discord:Token. The bot stops.")]
    private static partial void LogTokenRejected(ILogger logger);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "Connecting to the Discord gateway at {Host} (resume: {Resume})")]
    private static partial void LogConnecting(ILogger logger, string host, bool resume);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Information, Message = "Discord gateway ready (shard {ShardId} of {ShardCount})")]
    private static partial void LogReady(ILogger logger, int shardId, int shardCount);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Information, Message = "Discord gateway session resumed")]
    private static partial void LogResumed(ILogger logger);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Warning, Message = "Discord gateway connection failed")]
    private static partial void LogConnectFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3107, Level = LogLevel.Information, Message = "Reconnecting to the Discord gateway in {DelaySeconds:0.###} s")]
    private static partial void LogReconnectDelay(ILogger logger, double delaySeconds);

    [LoggerMessage(EventId = 3108, Level = LogLevel.Warning, Message = "Discord gateway closed the connection with {CloseCode} {CloseReason}")]
    private static partial void LogClosedByServer(ILogger logger, int closeCode, string closeReason);

    [LoggerMessage(EventId = 3109, Level = LogLevel.Warning, Message = "Discord gateway connection dropped ({ExceptionType})")]
    private static partial void LogDropped(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 3110, Level = LogLevel.Warning, Message = "Discord gateway sent a frame that is not a JSON payload; ignored")]
    private static partial void LogBadFrame(ILogger logger);

    [LoggerMessage(EventId = 3111, Level = LogLevel.Information, Message = "Discord gateway asked to reconnect (op 7)")]
    private static partial void LogReconnectRequested(ILogger logger);

    [LoggerMessage(EventId = 3112, Level = LogLevel.Warning, Message = "Discord gateway invalidated the session (op 9, resumable: {Resumable})")]
    private static partial void LogInvalidSession(ILogger logger, bool resumable);

    [LoggerMessage(EventId = 3113, Level = LogLevel.Warning, Message = "Discord gateway sent an INTERACTION_CREATE (seq {Sequence}) that could not be read; ignored")]
    private static partial void LogBadInteraction(ILogger logger, long sequence);

    [LoggerMessage(EventId = 3114, Level = LogLevel.Warning, Message = "No heartbeat ACK from the Discord gateway: zombie connection, reconnecting to resume")]
    private static partial void LogZombie(ILogger logger);

    [LoggerMessage(EventId = 3115, Level = LogLevel.Warning, Message = "No HELLO from the Discord gateway within {TimeoutSeconds} s: reconnecting")]
    private static partial void LogNoHello(ILogger logger, double timeoutSeconds);

    [LoggerMessage(EventId = 3116, Level = LogLevel.Warning, Message = "Sending to the Discord gateway failed ({ExceptionType})")]
    private static partial void LogHeartbeatFailed(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 3117, Level = LogLevel.Information, Message = "Resuming the Discord gateway session from seq {Sequence}")]
    private static partial void LogResuming(ILogger logger, long sequence);

    [LoggerMessage(EventId = 3118, Level = LogLevel.Information, Message = "Identifying with the Discord gateway (shard {ShardId} of {ShardCount})")]
    private static partial void LogIdentifying(ILogger logger, int shardId, int shardCount);

    private readonly record struct Outcome(OutcomeKind Kind, int? CloseCode = null, bool Established = false);

    /// <summary>The per-connection parts: heartbeat, send budget, send lock and the connection's token.</summary>
    private sealed class Connection(TimeProvider time, IGatewayRandom random, CancellationToken stoppingToken) : IDisposable
    {
        public CancellationTokenSource Cts { get; } = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);

        public GatewayHeartbeat Heartbeat { get; } = new(time, random);

        public GatewaySendLimiter Sends { get; } = new(time);

        public SemaphoreSlim SendLock { get; } = new(1, 1);

        public TaskCompletionSource<TimeSpan> Hello { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Handshake { get; set; } = Task.CompletedTask;

        public volatile bool Zombie;

        public bool Established { get; set; }

        public void Dispose()
        {
            Cts.Dispose();
            SendLock.Dispose();
        }
    }
}
