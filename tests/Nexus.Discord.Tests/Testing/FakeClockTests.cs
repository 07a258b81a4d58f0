namespace Nexus.Discord.Tests.Testing;

/// <summary>The armed-timer view other tests wait on before asserting that nothing happened yet.</summary>
public sealed class FakeClockTests
{
    [Fact]
    public async Task A_delay_shows_as_armed_until_it_fires()
    {
        var clock = new FakeClock();
        var delay = Task.Delay(TimeSpan.FromSeconds(5), clock);

        Assert.True(clock.HasTimerDueIn(TimeSpan.FromSeconds(5)));
        clock.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(delay.IsCompleted);
        Assert.True(clock.HasTimerDueIn(TimeSpan.FromSeconds(0.1)));

        clock.Advance(TimeSpan.FromSeconds(0.1));
        await delay.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, clock.ActiveTimers);
        Assert.Equal(FakeClock.DefaultStart + TimeSpan.FromSeconds(5), clock.GetUtcNow());
    }

    [Fact]
    public void A_periodic_timer_is_armed_again_after_each_beat_and_a_disposed_one_is_gone()
    {
        var clock = new FakeClock();
        var beats = 0;
        var timer = clock.CreateTimer(_ => beats++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, beats);
        Assert.True(clock.HasTimerDueIn(TimeSpan.FromSeconds(2)));

        timer.Dispose();
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, beats);
        Assert.Equal(0, clock.ActiveTimers);
    }

    [Fact]
    public void A_cancellation_deadline_counts_until_it_is_changed_to_never()
    {
        var clock = new FakeClock();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(3), clock);
        Assert.True(clock.HasTimerDueIn(TimeSpan.FromSeconds(3)));

        deadline.CancelAfter(Timeout.InfiniteTimeSpan);
        Assert.Equal(0, clock.ActiveTimers);
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.False(deadline.IsCancellationRequested);
    }
}
