using Nexus.Bot.Hosting;

namespace Nexus.Bot.Tests.Host;

public sealed class ThreadPoolFloorTests
{
    [Fact]
    public void The_pool_keeps_a_thread_per_handler_slot_and_spares_and_is_never_lowered()
    {
        // The pool's minimum is process-wide and only ever raised here, so other tests are not disturbed.
        ThreadPoolFloor.Raise(60);
        ThreadPool.GetMinThreads(out var raised, out _);
        ThreadPoolFloor.Raise(1);
        ThreadPool.GetMinThreads(out var after, out _);

        Assert.True(raised >= 60 + ThreadPoolFloor.Spare, $"minimum worker threads {raised}");
        Assert.Equal(raised, after);
    }
}
