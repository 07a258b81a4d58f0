using Microsoft.Extensions.Hosting;

namespace Nexus.Discord.Dispatch;

/// <summary>
/// Owns dispatches that outlive the request that started them (an HTTP reply is written as soon as the
/// first response exists, while a slow handler goes on). On shutdown the host waits for them, so no
/// handler is abandoned halfway and no work is fire-and-forget.
/// </summary>
/// <remarks>
/// Dispatches run with <see cref="ShutdownDeadline"/>, not with the host's stopping token: a stop lets what
/// was received finish and answer, and only what still runs when the host's shutdown timeout is up is
/// cancelled. Registered before the transports, so the host stops it after them.
/// </remarks>
public sealed class DispatchTracker : IHostedService, IDisposable
{
    private readonly Lock _lock = new();
    private readonly HashSet<Task> _running = [];
    private readonly CancellationTokenSource _deadline = new();

    /// <summary>
    /// The token every dispatch runs with: cancelled only when the host's shutdown timeout runs out while
    /// dispatches are still running.
    /// </summary>
    public CancellationToken ShutdownDeadline => _deadline.Token;

    /// <summary>How many dispatches are running.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _running.Count;
            }
        }
    }

    /// <summary>Keeps <paramref name="dispatch"/> until it completes.</summary>
    public void Track(Task dispatch)
    {
        ArgumentNullException.ThrowIfNull(dispatch);
        lock (_lock)
        {
            _running.Add(dispatch);
        }

        dispatch.ContinueWith(
            done =>
            {
                lock (_lock)
                {
                    _running.Remove(done);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Waits until every tracked dispatch has completed (tests use it to await background work).</summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        Task[] running;
        lock (_lock)
        {
            running = [.. _running];
        }

        return Task.WhenAll(running).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await WhenIdleAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout is up: what still runs is cancelled.
            await _deadline.CancelAsync();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _deadline.Dispose();
}
