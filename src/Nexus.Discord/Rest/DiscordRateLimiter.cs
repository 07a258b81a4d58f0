namespace Nexus.Discord.Rest;

/// <summary>
/// The rate limit state shared by every REST call of the process: per-route buckets, the global
/// requests-per-second window and a global pause after a global 429. It is a singleton on its own
/// because <c>IHttpClientFactory</c> recreates handlers; the state must outlive them.
/// </summary>
/// <remarks>
/// A bucket lets one request through at a time. Knowing only "must the next request wait, and until when"
/// is then enough, and a bucket can never be overdrawn, whatever the headers say about the limit.
/// Buckets are keyed by (method, route template, major parameter) until a response names the
/// <c>X-RateLimit-Bucket</c> hash, then by (hash, major parameter), so routes sharing a limit share a bucket.
/// </remarks>
public sealed class DiscordRateLimiter
{
    // Idle buckets are swept now and then so that per-interaction buckets (one per token) do not pile up.
    private const int SweepEvery = 256;

    private readonly TimeProvider _time;
    private readonly DiscordRestPolicy _policy;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _hashByRoute = new(StringComparer.Ordinal);
    private DateTimeOffset _globalPausedUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private int _windowCount;
    private int _rentsSinceSweep;

    /// <summary>Creates the shared state.</summary>
    /// <param name="time">The clock every wait goes through.</param>
    /// <param name="policy">The global requests-per-second budget.</param>
    public DiscordRateLimiter(TimeProvider time, DiscordRestPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(policy);
        _time = time;
        _policy = policy;
    }

    /// <summary>How many buckets are tracked now (idle, expired ones are swept).</summary>
    internal int BucketCount
    {
        get
        {
            lock (_gate)
            {
                return _buckets.Count;
            }
        }
    }

    /// <summary>
    /// Waits until <paramref name="route"/> may send: no global pause, room in the global window (except
    /// interaction routes), the bucket free and not exhausted. The lease must be disposed after the response.
    /// </summary>
    internal async Task<Lease> AcquireAsync(DiscordRoute route, CancellationToken cancellationToken)
    {
        var bucket = Rent(route);
        try
        {
            while (true)
            {
                await bucket.Turn.WaitAsync(cancellationToken).ConfigureAwait(false);
                var current = SwitchIfRekeyed(route, bucket);
                if (ReferenceEquals(current, bucket))
                {
                    break;
                }

                // The route learnt its bucket hash while we queued and now shares another bucket: queue there.
                bucket.Turn.Release();
                bucket = current;
            }
        }
        catch
        {
            Return(bucket);
            throw;
        }

        try
        {
            while (true)
            {
                var wait = TryConsume(route, bucket);
                if (wait <= TimeSpan.Zero)
                {
                    return new Lease(this, route, bucket);
                }

                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            bucket.Turn.Release();
            Return(bucket);
            throw;
        }
    }

    private Bucket Rent(DiscordRoute route)
    {
        lock (_gate)
        {
            if (++_rentsSinceSweep >= SweepEvery)
            {
                _rentsSinceSweep = 0;
                SweepLocked();
            }

            var bucket = ResolveLocked(route);
            bucket.Users++;
            return bucket;
        }
    }

    private Bucket SwitchIfRekeyed(DiscordRoute route, Bucket held)
    {
        lock (_gate)
        {
            var current = ResolveLocked(route);
            if (ReferenceEquals(current, held))
            {
                return held;
            }

            current.Users++;
            held.Users--;
            RemoveIfIdleLocked(held);
            return current;
        }
    }

    private Bucket ResolveLocked(DiscordRoute route)
    {
        var key = _hashByRoute.TryGetValue(route.RouteKey, out var hash)
            ? "hash " + hash + " " + route.MajorParameter
            : route.RouteKey + " " + route.MajorParameter;
        if (!_buckets.TryGetValue(key, out var bucket))
        {
            bucket = new Bucket(key);
            _buckets[key] = bucket;
        }

        return bucket;
    }

    private TimeSpan TryConsume(DiscordRoute route, Bucket bucket)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var wait = Max(_globalPausedUntil - now, bucket.BlockedUntil - now);
            if (!route.IsInteraction)
            {
                if (now - _windowStart >= TimeSpan.FromSeconds(1))
                {
                    _windowStart = now;
                    _windowCount = 0;
                }

                if (_windowCount >= _policy.GlobalRequestsPerSecond)
                {
                    wait = Max(wait, _windowStart + TimeSpan.FromSeconds(1) - now);
                }
            }

            if (wait > TimeSpan.Zero)
            {
                return wait;
            }

            if (!route.IsInteraction)
            {
                _windowCount++;
            }

            return TimeSpan.Zero;
        }
    }

    private void Update(DiscordRoute route, Bucket bucket, RateLimitHeaders headers)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var target = bucket;
            if (headers.BucketHash is { Length: > 0 } hash
                && (!_hashByRoute.TryGetValue(route.RouteKey, out var known) || known != hash))
            {
                _hashByRoute[route.RouteKey] = hash;
                var hashedKey = "hash " + hash + " " + route.MajorParameter;
                if (_buckets.TryGetValue(hashedKey, out var shared))
                {
                    target = shared;
                }
                else
                {
                    // First route to reveal this hash: the bucket it used becomes the shared one.
                    if (_buckets.TryGetValue(bucket.Key, out var same) && ReferenceEquals(same, bucket))
                    {
                        _buckets.Remove(bucket.Key);
                    }

                    bucket.Key = hashedKey;
                    _buckets[hashedKey] = bucket;
                }
            }

            if (headers.Remaining == 0 && headers.ResetAfter is { } resetAfter)
            {
                target.BlockedUntil = Max(target.BlockedUntil, now + resetAfter);
            }
        }
    }

    /// <summary>Blocks the route's bucket after a 429 of that route.</summary>
    private void BlockBucket(DiscordRoute route, Bucket held, TimeSpan retryAfter)
    {
        lock (_gate)
        {
            var until = _time.GetUtcNow() + retryAfter;
            held.BlockedUntil = Max(held.BlockedUntil, until);

            // The 429's own headers may just have moved the route to a shared bucket: block that one too.
            var current = ResolveLocked(route);
            current.BlockedUntil = Max(current.BlockedUntil, until);
        }
    }

    /// <summary>Pauses every route after a global 429.</summary>
    internal void PauseGlobally(TimeSpan retryAfter)
    {
        lock (_gate)
        {
            var until = _time.GetUtcNow() + retryAfter;
            _globalPausedUntil = Max(_globalPausedUntil, until);
        }
    }

    private void Return(Bucket bucket)
    {
        lock (_gate)
        {
            bucket.Users--;
            RemoveIfIdleLocked(bucket);
        }
    }

    private void RemoveIfIdleLocked(Bucket bucket)
    {
        // A bucket whose block has passed carries no information: dropping it loses nothing.
        if (bucket.Users == 0 && bucket.BlockedUntil <= _time.GetUtcNow()
            && _buckets.TryGetValue(bucket.Key, out var same) && ReferenceEquals(same, bucket))
        {
            _buckets.Remove(bucket.Key);
        }
    }

    private void SweepLocked()
    {
        foreach (var bucket in _buckets.Values.ToList())
        {
            RemoveIfIdleLocked(bucket);
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>A turn in one bucket: holds the bucket until the response has been seen.</summary>
    internal sealed class Lease(DiscordRateLimiter owner, DiscordRoute route, Bucket bucket) : IDisposable
    {
        private bool _disposed;

        /// <summary>Records what the response's headers say about the bucket.</summary>
        public void Observe(RateLimitHeaders headers) => owner.Update(route, bucket, headers);

        /// <summary>Records a route (not global) 429.</summary>
        public void Block(TimeSpan retryAfter) => owner.BlockBucket(route, bucket, retryAfter);

        /// <inheritdoc />
        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            bucket.Turn.Release();
            owner.Return(bucket);
        }
    }

    /// <summary>One rate limit bucket.</summary>
    internal sealed class Bucket(string key)
    {
        /// <summary>One request at a time per bucket.</summary>
        public SemaphoreSlim Turn { get; } = new(1, 1);

        /// <summary>The dictionary key (changes once the hash is known).</summary>
        public string Key { get; set; } = key;

        /// <summary>Callers holding or waiting for the bucket; guarded by the limiter's lock.</summary>
        public int Users { get; set; }

        /// <summary>No request may be sent before this instant (exhausted bucket or a 429).</summary>
        public DateTimeOffset BlockedUntil { get; set; } = DateTimeOffset.MinValue;
    }
}

/// <summary>The rate limit headers of one response.</summary>
/// <param name="BucketHash"><c>X-RateLimit-Bucket</c>.</param>
/// <param name="Remaining"><c>X-RateLimit-Remaining</c>.</param>
/// <param name="ResetAfter"><c>X-RateLimit-Reset-After</c>, or <c>X-RateLimit-Reset</c> minus now when only that is given.</param>
internal readonly record struct RateLimitHeaders(string? BucketHash, int? Remaining, TimeSpan? ResetAfter);
