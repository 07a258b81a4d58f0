using Nexus.Testing;

namespace Nexus.Discord.Tests.Testing;

/// <summary>The shared fake clock other test projects rely on.</summary>
public sealed class FakeTimeProviderTests
{
    [Fact]
    public async Task A_delay_completes_only_when_the_clock_is_advanced_past_it()
    {
        var time = new FakeTimeProvider();
        var delay = Task.Delay(TimeSpan.FromSeconds(5), time);

        time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(delay.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.1));
        await delay.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 14, 30, 5, TimeSpan.Zero), time.GetUtcNow());
    }

    [Fact]
    public void Periodic_timers_fire_once_per_period_in_order_and_stop_when_disposed()
    {
        var time = new FakeTimeProvider();
        var fired = new List<TimeSpan>();
        var start = time.GetUtcNow();
        var timer = time.CreateTimer(_ => fired.Add(time.GetUtcNow() - start), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        time.Advance(TimeSpan.FromSeconds(6));
        timer.Dispose();
        time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5)], fired);
        Assert.Equal(0, time.ActiveTimers);
    }

    [Fact]
    public void A_cancellation_source_with_a_timeout_cancels_on_advance_and_elapsed_time_follows()
    {
        var time = new FakeTimeProvider();
        using var source = new CancellationTokenSource(TimeSpan.FromSeconds(3), time);
        var started = time.GetTimestamp();

        time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(source.IsCancellationRequested);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(source.IsCancellationRequested);
        Assert.Equal(TimeSpan.FromSeconds(3), time.GetElapsedTime(started));
    }

    [Fact]
    public void Changing_a_timer_to_infinite_disarms_it()
    {
        var time = new FakeTimeProvider();
        var count = 0;
        using var timer = time.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(0, count);
    }
}
