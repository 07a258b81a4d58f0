namespace Nexus.Discord.Gateway;

/// <summary>
/// Discord allows 120 gateway sends per 60 seconds per connection and disconnects (4008) beyond that.
/// A sliding window of send instants: a send waits until the oldest of the last 120 is a minute old.
/// One instance per connection, since the budget is per connection.
/// </summary>
/// <param name="time">The clock of every wait.</param>
internal sealed class GatewaySendLimiter(TimeProvider time)
{
    /// <summary>Sends allowed per window (Discord's documented limit).</summary>
    public const int Limit = 120;

    /// <summary>The window.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    private readonly Queue<DateTimeOffset> _sent = new();
    private readonly Lock _gate = new();

    /// <summary>Waits for room and takes it.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = time.GetUtcNow();
                while (_sent.Count > 0 && now - _sent.Peek() >= Window)
                {
                    _sent.Dequeue();
                }

                if (_sent.Count < Limit)
                {
                    _sent.Enqueue(now);
                    return;
                }

                wait = _sent.Peek() + Window - now;
            }

            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
