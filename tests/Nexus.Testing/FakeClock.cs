using Microsoft.Extensions.Time.Testing;

namespace Nexus.Testing;

/// <summary>
/// Microsoft's <see cref="FakeTimeProvider"/> (time moves only on <c>Advance</c>, and due timers fire during
/// that call), plus the one thing it cannot tell a test: which timers the code under test has armed. A test
/// waits for the code to reach its wait (<see cref="WaitForTimerDueInAsync"/>), then knows that nothing can
/// happen until the clock is moved past it: no sleep is needed to show that something did not happen.
/// </summary>
public sealed class FakeClock : FakeTimeProvider
{
    /// <summary>Where a clock starts unless told otherwise: 1 May 2024, 14:30 UTC.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2024, 5, 1, 14, 30, 0, TimeSpan.Zero);

    private readonly Lock _lock = new();
    private readonly List<WatchedTimer> _timers = [];

    /// <summary>Starts the clock at <paramref name="start"/> (default <see cref="DefaultStart"/>).</summary>
    public FakeClock(DateTimeOffset? start = null)
        : base(start ?? DefaultStart)
    {
    }

    /// <summary>How many timers are armed (created or changed with a finite due time, not yet fired or disposed).</summary>
    public int ActiveTimers
    {
        get
        {
            lock (_lock)
            {
                return _timers.Count(t => t.DueAt is not null);
            }
        }
    }

    /// <summary>Whether at least <paramref name="count"/> armed timers are due exactly <paramref name="fromNow"/> from now.</summary>
    public bool HasTimerDueIn(TimeSpan fromNow, int count = 1)
    {
        var due = GetUtcNow() + fromNow;
        lock (_lock)
        {
            return _timers.Count(t => t.DueAt == due) >= count;
        }
    }

    /// <summary>
    /// Waits until the code under test has armed <paramref name="count"/> waits of <paramref name="fromNow"/>;
    /// fails the test after 10 s.
    /// </summary>
    public Task WaitForTimerDueInAsync(TimeSpan fromNow, int count = 1) =>
        WaitFor.UntilAsync(() => HasTimerDueIn(fromNow, count), $"{count} timer(s) due in {fromNow}");

    /// <summary>Waits until at least <paramref name="count"/> timers are armed; fails the test after 10 s.</summary>
    public Task WaitForActiveTimersAsync(int count = 1) =>
        WaitFor.UntilAsync(() => ActiveTimers >= count, $"{count} armed timer(s)");

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var watched = new WatchedTimer(this);
        lock (_lock)
        {
            _timers.Add(watched);
        }

        // Armed before the real timer exists: a timer due now fires inside base.CreateTimer.
        watched.Arm(dueTime, period);
        watched.Inner = base.CreateTimer(
            s =>
            {
                watched.Fired();
                callback(s);
            },
            state,
            dueTime,
            period);
        return watched;
    }

    private void Forget(WatchedTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class WatchedTimer(FakeClock owner) : ITimer
    {
        private TimeSpan? _period;

        public ITimer? Inner { get; set; }

        public DateTimeOffset? DueAt { get; private set; }

        public void Arm(TimeSpan dueTime, TimeSpan period)
        {
            var now = owner.GetUtcNow();
            lock (owner._lock)
            {
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : now + dueTime;
                _period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period;
            }
        }

        // FakeTimeProvider sets the clock to the timer's due time before it calls back.
        public void Fired()
        {
            var now = owner.GetUtcNow();
            lock (owner._lock)
            {
                DueAt = _period is { } period ? now + period : null;
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Arm(dueTime, period);
            return Inner!.Change(dueTime, period);
        }

        public void Dispose()
        {
            owner.Forget(this);
            Inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            owner.Forget(this);
            return Inner?.DisposeAsync() ?? ValueTask.CompletedTask;
        }
    }
}
