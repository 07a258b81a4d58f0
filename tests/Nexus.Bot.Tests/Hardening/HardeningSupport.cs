using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Nexus.Bot.Tests.Hardening;

/// <summary>
/// Every log entry of a host, in full: the formatted message, every structured value, every scope and the
/// whole exception (type, message, stack, inner exceptions). What a secret check must search.
/// </summary>
public sealed class AllLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();
    private readonly AsyncLocal<string?> _scopes = new();

    public IReadOnlyList<string> Entries => [.. _entries];

    public string Text => string.Join(Environment.NewLine, _entries);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(AllLogs owner, string category) : ILogger
    {
        public IDisposable BeginScope<TState>(TState state)
            where TState : notnull
        {
            var previous = owner._scopes.Value;
            owner._scopes.Value = previous + " [" + Describe(state) + "]";
            return new Pop(owner, previous);
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._entries.Enqueue($"{logLevel} {category} {eventId.Id} {formatter(state, exception)} | {Describe(state)} | {owner._scopes.Value} | {exception}");

        private static string Describe(object? state) => state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}"))
            : state?.ToString() ?? "";
    }

    private sealed class Pop(AllLogs owner, string? previous) : IDisposable
    {
        public void Dispose() => owner._scopes.Value = previous;
    }
}

/// <summary>
/// Runs a fake clock fast (50 ms of fake time per real millisecond or so) while a host works, so waits of
/// seconds (heartbeats, backoffs, identify spacing, rate limits) pass quickly and without real sleeps in
/// the code under test.
/// </summary>
public sealed class AcceleratedClock : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;

    public AcceleratedClock(FakeTimeProvider time)
    {
        Time = time;
        _pump = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                time.Advance(TimeSpan.FromMilliseconds(50));
                await Task.Delay(1, CancellationToken.None);
            }
        });
    }

    public FakeTimeProvider Time { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _pump;
        _stop.Dispose();
    }
}
