using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Moq;
using Nexus.Discord.Gateway;
using Nexus.Discord.Hosting;
using Nexus.Discord.Rest;
using Nexus.Discord.Tests.Rest;

namespace Nexus.Discord.Tests.Gateway;

/// <summary>A random source that always answers the same number, so jitter is predictable.</summary>
internal sealed class FixedRandom(double value) : IGatewayRandom
{
    public double NextDouble() => value;
}

/// <summary>Records the fatal stop instead of stopping the test host.</summary>
internal sealed class RecordingShutdown : IGatewayShutdown
{
    public List<int> ExitCodes { get; } = [];

    public void Stop(int exitCode) => ExitCodes.Add(exitCode);
}

/// <summary>A gateway client wired to an in-memory transport, a mocked REST client and a fake clock.</summary>
internal sealed class GatewayHarness : IAsyncDisposable
{
    public const string BotToken = "FAKE.BOT.TOKEN-not-real";
    public const string GatewayUrl = "wss://gateway.discord.gg";
    public const string ResumeUrl = "wss://gateway-us-east1-c.discord.gg";
    public const string SessionId = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

    private readonly ILoggerFactory _loggers;

    public GatewayHarness(double random = 0.5, int shardId = 0, int shardCount = 1, IGatewayTransport? transport = null, GatewayReconnectPolicy? policy = null)
    {
        _loggers = LoggerFactory.Create(builder => builder.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        Rest.Setup(r => r.GetGatewayBotAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => GatewayBot)
            .Callback(() => Interlocked.Increment(ref _gatewayBotCalls));
        var options = Options.Create(new DiscordOptions { Token = BotToken, ShardId = shardId, ShardCount = shardCount, ApplicationId = 1064121768345600001 });
        Transport = transport ?? Fake;
        Client = new DiscordGatewayClient(
            Rest.Object,
            Transport,
            Queue,
            new GatewayIdentifyLimiter(Clock, _loggers.CreateLogger<GatewayIdentifyLimiter>()),
            policy ?? new GatewayReconnectPolicy(),
            new FixedRandom(random),
            Shutdown,
            options,
            Clock,
            _loggers.CreateLogger<DiscordGatewayClient>());
    }

    private int _gatewayBotCalls;

    public FakeClock Clock { get; } = new();

    public FakeGatewayTransport Fake { get; } = new();

    public IGatewayTransport Transport { get; }

    public Mock<IDiscordRestClient> Rest { get; } = new(MockBehavior.Strict);

    public GatewayInteractionQueue Queue { get; } = new();

    public RecordingShutdown Shutdown { get; } = new();

    public LogCapture Logs { get; } = new();

    public DiscordGatewayClient Client { get; }

    public GatewayBotInfo GatewayBot { get; set; } = new(GatewayUrl, 1, new SessionStartLimit(1000, 997, 52341000, 1));

    public int GatewayBotCalls => Volatile.Read(ref _gatewayBotCalls);

    public Task StartAsync() => Client.StartAsync(CancellationToken.None);

    public static string Hello(int intervalMs = 41250) => $$"""{"op":10,"d":{"heartbeat_interval":{{intervalMs}}},"s":null,"t":null}""";

    public static string Ready(int sequence = 1, string resumeUrl = ResumeUrl) =>
        "{\"op\":0,\"s\":" + sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)
        + ",\"t\":\"READY\",\"d\":{\"v\":10,\"user\":{\"id\":\"1\",\"username\":\"bot\"},\"guilds\":[],\"session_id\":\"" + SessionId
        + "\",\"resume_gateway_url\":\"" + resumeUrl + "\",\"application\":{\"id\":\"1\",\"flags\":0}}}";

    public static string Dispatch(string name, int sequence) => $$$"""{"op":0,"s":{{{sequence}}},"t":"{{{name}}}","d":{}}""";

    public static string Interaction(int sequence, ulong id)
    {
        var node = DiscordExamples.Node("gateway-dispatch-interaction-create.json");
        node["s"] = sequence;
        node["d"]!["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return node.ToJsonString();
    }

    /// <summary>
    /// The server sends an INTERACTION_CREATE with <paramref name="sequence"/>; returns once the client has
    /// queued it, so every frame sent before it has been read too (the receive loop reads in order).
    /// </summary>
    public async Task DeliverInteractionAsync(int sequence)
    {
        var id = 9_000_000UL + (ulong)sequence;
        Fake.ServerSends(Interaction(sequence, id));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.Equal(id, (await Queue.Reader.ReadAsync(timeout.Token)).Interaction.Id);
    }

    /// <summary>Connects, says HELLO, takes the IDENTIFY, answers READY; returns the IDENTIFY frame.</summary>
    public async Task<SentFrame> ConnectAndIdentifyAsync(int intervalMs = 41250, int readySequence = 1)
    {
        await StartAsync();
        await WaitFor.UntilAsync(() => Fake.ConnectionCount == 1, "the first connection");
        Fake.ServerSends(Hello(intervalMs));
        var identify = await Fake.NextSentAsync();
        Assert.Equal(2, identify.Op);
        Fake.ServerSends(Ready(readySequence));
        return identify;
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Client.StopAsync(stop.Token);
        Client.Dispose();
        _loggers.Dispose();
    }
}
