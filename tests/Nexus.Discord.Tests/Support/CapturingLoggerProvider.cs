using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Nexus.Discord.Tests.Support;

/// <summary>Captures log entries, with the scopes active when each was written.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly AsyncLocal<ImmutableStack> _scopes = new();

    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    /// <summary>Everything written, scopes included, as one text (to check nothing secret leaks).</summary>
    public string AllText() => string.Join(Environment.NewLine, Entries.Select(e => $"{e.Level} {e.EventId} {e.Message} {e.Exception} {string.Join(';', e.Scopes)}"));

    public sealed record LogEntry(string Category, LogLevel Level, int EventId, string Message, Exception? Exception, IReadOnlyList<string> Scopes);

    private sealed record ImmutableStack(string Value, ImmutableStack? Next);

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable BeginScope<TState>(TState state)
            where TState : notnull
        {
            var text = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(',', pairs.Select(p => $"{p.Key}={p.Value}")) : state.ToString() ?? "";
            var previous = owner._scopes.Value;
            owner._scopes.Value = new ImmutableStack(text, previous);
            return new Pop(owner, previous);
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<string>();
            for (var scope = owner._scopes.Value; scope is not null; scope = scope.Next)
            {
                scopes.Add(scope.Value);
            }

            owner.Entries.Enqueue(new LogEntry(category, logLevel, eventId.Id, formatter(state, exception), exception, scopes));
        }
    }

    private sealed class Pop(CapturingLoggerProvider owner, ImmutableStack? previous) : IDisposable
    {
        public void Dispose() => owner._scopes.Value = previous!;
    }
}
