using Xunit;

namespace Nexus.Testing;

/// <summary>Waits (in real time, briefly) for asynchronous code to reach a state; never used to measure speed.</summary>
public static class WaitFor
{
    /// <summary>Polls <paramref name="condition"/> until true, or fails the test after <paramref name="timeout"/> (default 10 s).</summary>
    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        if (!await TryUntilAsync(condition, timeout ?? TimeSpan.FromSeconds(10)))
        {
            Assert.Fail("Timed out waiting for: " + what);
        }
    }

    /// <summary>Polls <paramref name="condition"/> for at most <paramref name="timeout"/>; returns whether it became true.</summary>
    public static async Task<bool> TryUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(2);
        }

        return true;
    }
}
