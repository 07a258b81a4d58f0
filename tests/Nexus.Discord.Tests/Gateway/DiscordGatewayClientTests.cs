using Microsoft.Extensions.Logging;
using Moq;
using Nexus.Discord.Gateway;
using Nexus.Discord.Rest;

namespace Nexus.Discord.Tests.Gateway;

public sealed class DiscordGatewayClientTests
{
    private static readonly Uri GatewayUri = new("wss://gateway.discord.gg/?v=10&encoding=json");
    private static readonly Uri ResumeUri = new("wss://gateway-us-east1-c.discord.gg/?v=10&encoding=json");

    [Fact]
    public async Task Hello_is_answered_with_an_identify_for_the_guilds_intent_and_the_configured_shard()
    {
        await using var gateway = new GatewayHarness(shardId: 2, shardCount: 4);

        var identify = await gateway.ConnectAndIdentifyAsync();

        Assert.Equal(GatewayUri, Assert.Single(gateway.Fake.Connections));
        var d = identify.Json["d"]!;
        Assert.Equal(GatewayHarness.BotToken, (string)d["token"]!);
        Assert.Equal(1, (int)d["intents"]!);
        Assert.Equal([2, 4], d["shard"]!.AsArray().Select(n => (int)n!));
        Assert.Equal("nexus", (string)d["properties"]!["browser"]!);
        Assert.Equal("nexus", (string)d["properties"]!["device"]!);
        Assert.False(string.IsNullOrEmpty((string)d["properties"]!["os"]!));
        Assert.Equal(1, gateway.GatewayBotCalls);
    }

    [Fact]
    public async Task An_interaction_create_dispatch_lands_in_the_queue()
    {
        await using var gateway = new GatewayHarness();
        await gateway.ConnectAndIdentifyAsync();

        gateway.Fake.ServerSends(DiscordExamples.Text("gateway-dispatch-interaction-create.json"));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var interaction = (await gateway.Queue.Reader.ReadAsync(timeout.Token)).Interaction;
        Assert.Equal(1235236788633600010UL, interaction.Id);
        Assert.Equal("mycase", interaction.Data?.Name);
        Assert.Equal("FAKE_INTERACTION_TOKEN_CMD_not-a-real-token_aW50ZXJhY3Rpb24", interaction.Token);
        Assert.DoesNotContain(interaction.Token, gateway.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(GatewayHarness.BotToken, gateway.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_dispatches_are_ignored()
    {
        await using var gateway = new GatewayHarness();
        await gateway.ConnectAndIdentifyAsync();

        gateway.Fake.ServerSends(GatewayHarness.Dispatch("GUILD_CREATE", 2));
        gateway.Fake.ServerSends(GatewayHarness.Interaction(3, 99));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.Equal(99UL, (await gateway.Queue.Reader.ReadAsync(timeout.Token)).Interaction.Id);
        Assert.False(gateway.Queue.Reader.TryRead(out _));
    }

    [Fact]
    public async Task The_first_heartbeat_waits_interval_times_random_then_beats_every_interval_with_the_last_sequence()
    {
        await using var gateway = new GatewayHarness(random: 0.25);
        await gateway.ConnectAndIdentifyAsync(intervalMs: 40000, readySequence: 1);
        gateway.Fake.ServerSends(GatewayHarness.Dispatch("GUILD_CREATE", 6));
        await gateway.DeliverInteractionAsync(sequence: 7);
        await gateway.Clock.WaitForTimerDueInAsync(TimeSpan.FromSeconds(10));

        // Only the heartbeat's timer sends on its own, and it is not due yet.
        gateway.Clock.Advance(TimeSpan.FromMilliseconds(9999));
        Assert.False(gateway.Fake.TryTakeSent(out _), "no heartbeat before 40 s × 0.25");

        gateway.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var first = await gateway.Fake.NextSentAsync();
        Assert.Equal(1, first.Op);
        Assert.Equal(7, (int)first.Json["d"]!);
        gateway.Fake.ServerSends("""{"op":11,"d":null,"s":null,"t":null}""");
        await gateway.DeliverInteractionAsync(sequence: 8);
        await gateway.Clock.WaitForTimerDueInAsync(TimeSpan.FromSeconds(40));

        gateway.Clock.Advance(TimeSpan.FromMilliseconds(39999));
        Assert.False(gateway.Fake.TryTakeSent(out _), "no second heartbeat before a whole interval");
        gateway.Clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, (await gateway.Fake.NextSentAsync()).Op);
        Assert.Equal(1, gateway.Fake.ConnectionCount);
    }

    [Fact]
    public async Task A_heartbeat_request_from_the_server_is_answered_at_once()
    {
        await using var gateway = new GatewayHarness();
        await gateway.ConnectAndIdentifyAsync(readySequence: 3);

        gateway.Fake.ServerSends("""{"op":1,"d":null}""");

        var beat = await gateway.Fake.NextSentAsync();
        Assert.Equal(1, beat.Op);
        Assert.Equal(3, (int)beat.Json["d"]!);
    }

    [Fact]
    public async Task A_missing_heartbeat_ack_closes_the_zombie_and_resumes_on_the_resume_url_with_the_last_sequence()
    {
        await using var gateway = new GatewayHarness(random: 0.5);
        await gateway.ConnectAndIdentifyAsync(intervalMs: 1000);
        await gateway.DeliverInteractionAsync(sequence: 5);
        await gateway.Clock.WaitForTimerDueInAsync(TimeSpan.FromMilliseconds(500));

        gateway.Clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(1, (await gateway.Fake.NextSentAsync()).Op);

        // No ACK: at the next beat the connection is a zombie.
        await gateway.Clock.WaitForTimerDueInAsync(TimeSpan.FromMilliseconds(1000));
        gateway.Clock.Advance(TimeSpan.FromMilliseconds(1000));
        await WaitFor.UntilAsync(() => gateway.Fake.ConnectionCount == 2, "the reconnect");

        Assert.Equal(ResumeUri, gateway.Fake.Connections[1]);
        var close = Assert.Single(gateway.Fake.Closes);
        Assert.NotEqual(1000, close.Code);
        Assert.NotEqual(1001, close.Code);
        gateway.Fake.ServerSends(GatewayHarness.Hello());
        var resume = await gateway.Fake.NextSentAsync();
        AssertResume(resume, sequence: 5);
        Assert.Equal(1, gateway.GatewayBotCalls);
        Assert.DoesNotContain(GatewayHarness.BotToken, gateway.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(GatewayHarness.SessionId, gateway.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Op_7_reconnects_and_resumes()
    {
        await using var gateway = new GatewayHarness();
        await gateway.ConnectAndIdentifyAsync(readySequence: 4);

        gateway.Fake.ServerSends("""{"op":7,"d":null,"s":null,"t":null}""");
        await WaitFor.UntilAsync(() => gateway.Fake.ConnectionCount == 2, "the reconnect");
        gateway.Fake.ServerSends(GatewayHarness.Hello());

        Assert.Equal(ResumeUri, gateway.Fake.Connections[1]);
        AssertResume(await gateway.Fake.NextSentAsync(), sequence: 4);
        Assert.NotEqual(1000, Assert.Single(gateway.Fake.Closes).Code);
    }

    [Fact]
    public async Task Op_9_resumable_resumes()
    {
        await using var gateway = new GatewayHarness();
        await gateway.ConnectAndIdentifyAsync(readySequence: 6);

        gateway.Fake.ServerSends(DiscordExamples.Text("gateway-invalid-session-resumable.json"));
        await WaitFor.UntilAsync(() => gateway.Fake.ConnectionCount == 2, "the reconnect");
        gateway.Fake.ServerSends(GatewayHarness.Hello());

        Assert.Equal(ResumeUri, gateway.Fake.Connections[1]);
        AssertResume(await gateway.Fake.NextSentAsync(), sequence: 6);
    }

    [Fact]
    public async Task Op_9_not_resumable_waits_one_to_five_seconds_then_identifies_on_a_fresh_connection()
    {
        // random 0.5: the wait is 1 s + 4 s × 0.5 = 3 s.
        await using var gateway = new GatewayHarness(random: 0.5);
        await gateway.ConnectAndIdentifyAsync();
        gateway.Clock.Advance(TimeSpan.FromSeconds(10));

        gateway.Fake.ServerSends(DiscordExamples.Text("gateway-invalid-session.json"));
        await gateway.Clock.WaitForTimerDueInAsync(TimeSpan.FromSeconds(3));
        Assert.Equal(1000, Assert.Single(gateway.Fake.Closes).Code);
        gateway.Clock.Advance(TimeSpan.FromMilliseconds(2999));
        Assert.Equal(1, gateway.Fake.ConnectionCount);

        gateway.Clock.Advance(TimeSpan.FromMilliseconds(1));
        await WaitFor.UntilAsync(() => gateway.Fake.ConnectionCount == 2, "the new connection");
        Assert.Equal(GatewayUri, gateway.Fake.Connections[1]);
        gateway.Fake.ServerSends(GatewayHarness.Hello());

        var identify = await gateway.Fake.NextSentAsync();
        Assert.Equal(2, identify.Op);
        Assert.Equal(2, identify.Connection);
        Assert.Equal(2, gateway.GatewayBotCalls);
    }

    [Theory]
    [InlineData(4004)]
    [InlineData(4010)]
    [InlineData(4011)]
    [InlineData(4012)]
    [InlineData(4013)]
    [InlineData(4014)]
    public async Task A_fatal_close_stops_the_bot_with_one_log_line_and_no_reconnect(int code)
    {
        await using var gateway = new GatewayHarness();
        await gateway.ConnectAndIdentifyAsync();

        gateway.Fake.ServerCloses(code);
        await WaitFor.UntilAsync(() => gateway.Client.ExecuteTask!.IsCompleted, "the gateway to stop");

        // The client's loop has ended: no timer of it is left to reconnect later.
        gateway.Clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal([1], gateway.Shutdown.ExitCodes);
        Assert.Equal(1, gateway.Fake.ConnectionCount);
        var critical = Assert.Single(gateway.Logs.Lines, l => l.Level >= LogLevel.Error);
        Assert.Contains(code.ToString(System.Globalization.CultureInfo.InvariantCulture), critical.Text, StringComparison.Ordinal);
        Assert.Contains("stops", critical.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(GatewayHarness.BotToken, gateway.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_token_on_gateway_bot_stops_the_bot_without_connecting()
    {
        await using var gateway = new GatewayHarness();
        gateway.Rest.Setup(r => r.GetGatewayBotAsync(It.IsAny<CancellationToken>()))
            .ThrowsAsync(new DiscordRestException(401, 0, "Discord GET /gateway/bot failed with HTTP 401: 401: Unauthorized"));

        await gateway.StartAsync();
        await WaitFor.UntilAsync(() => gateway.Client.ExecuteTask!.IsCompleted, "the gateway to stop");

        Assert.Equal([1], gateway.Shutdown.ExitCodes);
        Assert.Equal(0, gateway.Fake.ConnectionCount);
        Assert.Contains("Discord:Token", Assert.Single(gateway.Logs.Lines, l => l.Level >= LogLevel.Error).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_gateway_bot_call_is_retried_with_a_growing_backoff()
    {
        await using var gateway = new GatewayHarness(random: 0.0);
        gateway.Rest.SetupSequence(r => r.GetGatewayBotAsync(It.IsAny<CancellationToken>()))
            .ThrowsAsync(new DiscordRestException(502, null, "Discord GET /gateway/bot failed with HTTP 502"))
            .ThrowsAsync(new DiscordRestException(502, null, "Discord GET /gateway/bot failed with HTTP 502"))
            .ReturnsAsync(gateway.GatewayBot);

        await gateway.StartAsync();

        // Backoff with jitter 0: 1 s × 0.5, then 2 s × 0.5.
        await gateway.Clock.WaitForTimerDueInAsync(TimeSpan.FromMilliseconds(500));
        gateway.Clock.Advance(TimeSpan.FromMilliseconds(500));
        await gateway.Clock.WaitForTimerDueInAsync(TimeSpan.FromSeconds(1));
        gateway.Clock.Advance(TimeSpan.FromSeconds(1));
        await WaitFor.UntilAsync(() => gateway.Fake.ConnectionCount == 1, "the connection");
        Assert.Empty(gateway.Shutdown.ExitCodes);
    }

    [Theory]
    [InlineData(4000, true)]
    [InlineData(4008, true)]
    [InlineData(4007, false)]
    [InlineData(4009, false)]
    public async Task Other_closes_reconnect_after_a_backoff_resuming_only_where_allowed(int code, bool resumes)
    {
        await using var gateway = new GatewayHarness(random: 0.5);
        await gateway.ConnectAndIdentifyAsync(readySequence: 9);
        gateway.Clock.Advance(TimeSpan.FromSeconds(10));

        gateway.Fake.ServerCloses(code);
        await gateway.Clock.WaitForTimerDueInAsync(TimeSpan.FromMilliseconds(750));
        Assert.Equal(1, gateway.Fake.ConnectionCount);

        // Backoff: 1 s × (0.5 + 0.5 / 2) = 0.75 s.
        gateway.Clock.Advance(TimeSpan.FromMilliseconds(750));
        await WaitFor.UntilAsync(() => gateway.Fake.ConnectionCount == 2, "the reconnect");
        gateway.Fake.ServerSends(GatewayHarness.Hello());
        var frame = await gateway.Fake.NextSentAsync();

        if (resumes)
        {
            Assert.Equal(ResumeUri, gateway.Fake.Connections[1]);
            AssertResume(frame, sequence: 9);
        }
        else
        {
            Assert.Equal(GatewayUri, gateway.Fake.Connections[1]);
            Assert.Equal(2, frame.Op);
        }

        Assert.Empty(gateway.Shutdown.ExitCodes);
    }

    [Fact]
    public async Task A_network_drop_reconnects_and_resumes_without_losing_a_queued_interaction()
    {
        await using var gateway = new GatewayHarness(random: 0.5);
        await gateway.ConnectAndIdentifyAsync();
        gateway.Fake.ServerSends(GatewayHarness.Interaction(2, 501));
        await WaitFor.UntilAsync(() => gateway.Queue.Reader.Count == 1, "the first interaction queued");

        gateway.Fake.Drop();
        await gateway.Clock.WaitForTimerDueInAsync(TimeSpan.FromMilliseconds(750));
        gateway.Clock.Advance(TimeSpan.FromMilliseconds(750));
        await WaitFor.UntilAsync(() => gateway.Fake.ConnectionCount == 2, "the reconnect");
        gateway.Fake.ServerSends(GatewayHarness.Hello());
        AssertResume(await gateway.Fake.NextSentAsync(), sequence: 2);
        gateway.Fake.ServerSends("""{"op":0,"s":3,"t":"RESUMED","d":{}}""");
        gateway.Fake.ServerSends(GatewayHarness.Interaction(4, 502));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.Equal(501UL, (await gateway.Queue.Reader.ReadAsync(timeout.Token)).Interaction.Id);
        Assert.Equal(502UL, (await gateway.Queue.Reader.ReadAsync(timeout.Token)).Interaction.Id);
    }

    [Fact]
    public async Task A_full_queue_holds_the_receive_loop_and_no_interaction_is_dropped()
    {
        await using var gateway = new GatewayHarness();
        await gateway.ConnectAndIdentifyAsync();

        // The queue holds 1024; the loop waits for room rather than dropping or growing without bound.
        for (var i = 0; i < 1100; i++)
        {
            gateway.Fake.ServerSends(GatewayHarness.Interaction(i + 2, (ulong)(1000 + i)));
        }

        await WaitFor.UntilAsync(() => gateway.Queue.Reader.Count == 1024, "the queue to fill");
        var received = new List<ulong>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (received.Count < 1100)
        {
            received.Add((await gateway.Queue.Reader.ReadAsync(timeout.Token)).Interaction.Id);
        }

        Assert.Equal(Enumerable.Range(1000, 1100).Select(i => (ulong)i), received);
    }

    [Fact]
    public async Task Repeated_invalid_sessions_never_exceed_the_identify_limits()
    {
        // Discord allows 3 more session starts in this window, which resets in an hour; the mock keeps
        // answering that (stale), and max_concurrency 1 allows one identify per 5 s.
        await using var gateway = new GatewayHarness(random: 0.0);
        var windowEnd = gateway.Clock.GetUtcNow() + TimeSpan.FromHours(1);
        gateway.Rest.Setup(r => r.GetGatewayBotAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => new GatewayBotInfo(GatewayHarness.GatewayUrl, 1,
                new SessionStartLimit(1000, 3, (long)Math.Max(0, (windowEnd - gateway.Clock.GetUtcNow()).TotalMilliseconds), 1)));
        await gateway.StartAsync();

        var identifiedAt = new List<DateTimeOffset>();
        for (var connection = 1; connection <= 4; connection++)
        {
            var step = connection == 4 ? TimeSpan.FromMinutes(1) : TimeSpan.FromMilliseconds(500);
            await AdvanceUntilAsync(gateway, () => gateway.Fake.ConnectionCount == connection, step, "connection " + connection);
            gateway.Fake.ServerSends(GatewayHarness.Hello());
            SentFrame? identify = null;
            await AdvanceUntilAsync(gateway, () => TakeIdentify(gateway, out identify), TimeSpan.FromMilliseconds(500), "identify " + connection);
            Assert.Equal(2, identify!.Op);
            identifiedAt.Add(gateway.Clock.GetUtcNow());
            gateway.Fake.ServerSends(DiscordExamples.Text("gateway-invalid-session.json"));
        }

        for (var i = 1; i < identifiedAt.Count; i++)
        {
            Assert.True(identifiedAt[i] - identifiedAt[i - 1] >= GatewayIdentifyLimiter.ConcurrencyWindow, $"identify {i + 1} came too soon");
        }

        Assert.True(identifiedAt[3] >= windowEnd, "the fourth identify must wait for the session start window to reset");
    }

    [Fact]
    public async Task When_the_host_begins_to_stop_the_gateway_closes_resumably_before_the_services_stop()
    {
        await using var gateway = new GatewayHarness();
        await gateway.ConnectAndIdentifyAsync();

        // The host calls StoppingAsync on every lifecycle service before it stops any of them.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await gateway.Client.StoppingAsync(timeout.Token);

        Assert.True(gateway.Client.ExecuteTask!.IsCompletedSuccessfully);
        // 4000, not 1000: Discord keeps the session, so it can be resumed.
        Assert.Equal(4000, Assert.Single(gateway.Fake.Closes).Code);
    }

    /// <summary>Takes sent frames, skipping heartbeats, until an IDENTIFY.</summary>
    private static bool TakeIdentify(GatewayHarness gateway, out SentFrame? identify)
    {
        while (gateway.Fake.TryTakeSent(out identify))
        {
            if (identify!.Op == 2)
            {
                return true;
            }
        }

        return false;
    }

    private static async Task AdvanceUntilAsync(GatewayHarness gateway, Func<bool> condition, TimeSpan step, string what)
    {
        for (var i = 0; i < 400; i++)
        {
            if (await WaitFor.TryUntilAsync(condition, TimeSpan.FromMilliseconds(15)))
            {
                return;
            }

            gateway.Clock.Advance(step);
        }

        Assert.Fail("Never happened: " + what);
    }

    private static void AssertResume(SentFrame frame, long sequence)
    {
        Assert.Equal(6, frame.Op);
        Assert.Equal(GatewayHarness.BotToken, (string)frame.Json["d"]!["token"]!);
        Assert.Equal(GatewayHarness.SessionId, (string)frame.Json["d"]!["session_id"]!);
        Assert.Equal(sequence, (long)frame.Json["d"]!["seq"]!);
    }
}
