namespace Nexus.Bot.Hosting;

/// <summary>
/// Keeps enough thread-pool threads ready for the time-critical work (the dispatcher's defer timers, gateway
/// heartbeats) while handlers are held up by the database.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite runs every call synchronously (its async methods included), so while another process
/// holds the database (a backup, a <c>sqlite3</c> session) the calls it slows hold pool threads, although
/// writes wait for the lock on a timer. The pool starts with one thread per core and adds about two a second
/// when starved, so on a 2-core machine the timer that must defer an interaction within 3 seconds could wait
/// its turn (StorageStallTests saw a first callback 3.6 s late in about one run of seven). A floor of one
/// thread per handler slot, plus a few for timers and I/O, removes that wait; idle threads beyond it cost only
/// their stacks.
/// </remarks>
internal static class ThreadPoolFloor
{
    /// <summary>Threads kept beyond the handler slots, for timers, heartbeats and I/O completions.</summary>
    public const int Spare = 4;

    /// <summary>Raises the pool's minimum worker threads to <paramref name="handlerSlots"/> + <see cref="Spare"/> (never lowers it).</summary>
    public static void Raise(int handlerSlots)
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        var wanted = handlerSlots + Spare;
        if (workers < wanted)
        {
            ThreadPool.SetMinThreads(wanted, completionPorts);
        }
    }
}
