using Microsoft.Extensions.Logging;
using Nexus.Discord.Rest;

namespace Nexus.Discord.Gateway;

/// <summary>
/// Keeps identifies within Discord's limits, process-wide: the daily <c>session_start_limit</c> (exceeding it
/// resets the bot token) and <c>max_concurrency</c> (one identify per 5 seconds per bucket
/// <c>shard_id % max_concurrency</c>). Whatever makes the session re-identify (repeated INVALID_SESSION,
/// closes), every identify passes here first.
/// </summary>
/// <param name="time">The clock of every wait.</param>
/// <param name="logger">Logs long waits.</param>
public sealed partial class GatewayIdentifyLimiter(TimeProvider time, ILogger<GatewayIdentifyLimiter> logger)
{
    /// <summary>Discord's concurrency window: <c>max_concurrency</c> identifies per this interval.</summary>
    public static readonly TimeSpan ConcurrencyWindow = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Added to <see cref="ConcurrencyWindow"/> between two identifies of one bucket. Discord counts an identify
    /// when it arrives, and the time from our decision to its arrival varies (connect, TLS, a busy machine): two
    /// identifies decided exactly 5 s apart can arrive 4.9 s apart and cost an INVALID_SESSION. Identifies are
    /// rare, so a second more is cheap.
    /// </summary>
    public static readonly TimeSpan ArrivalMargin = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<int, DateTimeOffset> _lastIdentifyByBucket = [];
    private int _remaining = 1;
    private int _total = 1;
    private int _maxConcurrency = 1;
    private DateTimeOffset _resetsAt = DateTimeOffset.MinValue;
    private bool _observed;

    /// <summary>Takes the latest numbers from <c>GET /gateway/bot</c>, read just now.</summary>
    public void Observe(SessionStartLimit limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        lock (_gate)
        {
            var now = time.GetUtcNow();

            // Within the window we know of, Discord's count can lag behind the identifies we just made:
            // keep the lower of the two, so a stale answer never buys an identify too many.
            _remaining = _observed && now < _resetsAt ? Math.Min(_remaining, limit.Remaining) : limit.Remaining;
            _observed = true;
            _total = Math.Max(1, limit.Total);
            _maxConcurrency = Math.Max(1, limit.MaxConcurrency);
            _resetsAt = now + TimeSpan.FromMilliseconds(Math.Max(0, limit.ResetAfterMilliseconds));
        }
    }

    /// <summary>Waits while no session start is left today (before connecting, so no socket idles meanwhile).</summary>
    public async Task WaitForSessionStartAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var wait = SessionStartWait();
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            LogSessionStartsExhausted(logger, wait.TotalSeconds);
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for a session start and for the shard's concurrency bucket, then takes one of each.</summary>
    public async Task AcquireAsync(int shardId, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = time.GetUtcNow();
                wait = SessionStartWaitLocked(now);
                var bucket = shardId % _maxConcurrency;
                var spacing = ConcurrencyWindow + ArrivalMargin;
                if (_lastIdentifyByBucket.TryGetValue(bucket, out var last) && last + spacing - now > wait)
                {
                    wait = last + spacing - now;
                }

                if (wait <= TimeSpan.Zero)
                {
                    _lastIdentifyByBucket[bucket] = now;
                    _remaining--;
                    return;
                }
            }

            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private TimeSpan SessionStartWait()
    {
        lock (_gate)
        {
            return SessionStartWaitLocked(time.GetUtcNow());
        }
    }

    private TimeSpan SessionStartWaitLocked(DateTimeOffset now)
    {
        if (_remaining > 0)
        {
            return TimeSpan.Zero;
        }

        if (now >= _resetsAt)
        {
            // The window has reset since we last heard: assume the full budget until Discord says otherwise.
            _remaining = _total;
            return TimeSpan.Zero;
        }

        return _resetsAt - now;
    }

    [LoggerMessage(EventId = 3120, Level = LogLevel.Warning, Message = "Discord session start limit reached: waiting {WaitSeconds:0} s before identifying")]
    private static partial void LogSessionStartsExhausted(ILogger logger, double waitSeconds);
}
