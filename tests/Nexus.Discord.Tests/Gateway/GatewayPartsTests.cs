using Microsoft.Extensions.Logging.Abstractions;
using Nexus.Discord.Gateway;
using Nexus.Discord.Rest;

namespace Nexus.Discord.Tests.Gateway;

public sealed class GatewayPartsTests
{
    [Fact]
    public async Task The_heartbeat_returns_when_a_beat_goes_unacknowledged()
    {
        var clock = new FakeClock();
        var heartbeat = new GatewayHeartbeat(clock, new FixedRandom(0.5));
        var beats = 0;

        var run = heartbeat.RunAsync(TimeSpan.FromSeconds(10), _ => { Interlocked.Increment(ref beats); return Task.CompletedTask; }, CancellationToken.None);

        // The first beat waits interval × random (10 s × 0.5); nothing can beat before the clock reaches it.
        await clock.WaitForTimerDueInAsync(TimeSpan.FromSeconds(5));
        clock.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Equal(0, Volatile.Read(ref beats));
        clock.Advance(TimeSpan.FromSeconds(0.1));
        await WaitFor.UntilAsync(() => Volatile.Read(ref beats) == 1, "the first beat");
        heartbeat.Acknowledge();
        await WaitFor.UntilAsync(() => clock.ActiveTimers == 1, "the wait for the next beat");
        clock.Advance(TimeSpan.FromSeconds(10));
        await WaitFor.UntilAsync(() => Volatile.Read(ref beats) == 2, "the second beat");
        await WaitFor.UntilAsync(() => clock.ActiveTimers == 1, "the wait for the third beat");
        Assert.False(run.IsCompleted);

        // The second beat was never acknowledged: the third turn finds a zombie and returns without beating.
        clock.Advance(TimeSpan.FromSeconds(10));
        await run.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(2, Volatile.Read(ref beats));
    }

    [Fact]
    public async Task The_heartbeat_stops_with_its_connection()
    {
        var clock = new FakeClock();
        using var cancel = new CancellationTokenSource();
        var run = new GatewayHeartbeat(clock, new FixedRandom(0.5)).RunAsync(TimeSpan.FromSeconds(10), _ => Task.CompletedTask, cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task The_send_limiter_allows_120_frames_per_minute()
    {
        var clock = new FakeClock();
        var limiter = new GatewaySendLimiter(clock);
        for (var i = 0; i < GatewaySendLimiter.Limit; i++)
        {
            await limiter.WaitAsync(CancellationToken.None);
        }

        var next = limiter.WaitAsync(CancellationToken.None);
        await clock.WaitForTimerDueInAsync(GatewaySendLimiter.Window);
        clock.Advance(TimeSpan.FromSeconds(59.9));
        Assert.False(next.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(0.1));
        await next.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Identifies_of_one_concurrency_bucket_are_five_seconds_and_the_arrival_margin_apart_and_other_buckets_are_free()
    {
        var clock = new FakeClock();
        var limiter = new GatewayIdentifyLimiter(clock, NullLogger<GatewayIdentifyLimiter>.Instance);
        limiter.Observe(new SessionStartLimit(1000, 1000, 86_400_000, 2));

        await limiter.AcquireAsync(shardId: 0, CancellationToken.None);
        await limiter.AcquireAsync(shardId: 1, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        var sameBucket = limiter.AcquireAsync(shardId: 2, CancellationToken.None);
        await clock.WaitForTimerDueInAsync(GatewayIdentifyLimiter.ConcurrencyWindow + GatewayIdentifyLimiter.ArrivalMargin);
        clock.Advance(GatewayIdentifyLimiter.ConcurrencyWindow + GatewayIdentifyLimiter.ArrivalMargin - TimeSpan.FromSeconds(0.1));
        Assert.False(sameBucket.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(0.1));
        await sameBucket.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task With_no_session_start_left_the_identify_waits_for_the_reset()
    {
        var clock = new FakeClock();
        var limiter = new GatewayIdentifyLimiter(clock, NullLogger<GatewayIdentifyLimiter>.Instance);
        limiter.Observe(new SessionStartLimit(1000, 0, 60_000, 1));

        var waiting = limiter.WaitForSessionStartAsync(CancellationToken.None);
        await clock.WaitForTimerDueInAsync(TimeSpan.FromSeconds(60));
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.False(waiting.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(1));
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Frames_are_the_documented_shapes()
    {
        Assert.Equal("""{"op":1,"d":null}""", System.Text.Encoding.UTF8.GetString(GatewayPayloads.Heartbeat(null)));
        Assert.Equal("""{"op":1,"d":42}""", System.Text.Encoding.UTF8.GetString(GatewayPayloads.Heartbeat(42)));
        Assert.Equal("""{"op":6,"d":{"token":"t","session_id":"s","seq":42}}""", System.Text.Encoding.UTF8.GetString(GatewayPayloads.Resume("t", "s", 42)));
        Assert.Equal(new Uri("wss://gateway.discord.gg/?v=10&encoding=json"), GatewayPayloads.ConnectUri("wss://gateway.discord.gg"));
    }
}
