using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Nexus.Domain.Storage;

/// <summary>
/// Which SQL Server errors are transient (worth another try after a pause), and the Polly pipeline that
/// retries them with a bounded budget. SQLite never goes through it: a busy SQLite file already waits in
/// <c>busy_timeout</c>, and its other failures (a missing or unreadable file) do not heal in seconds.
/// </summary>
public static partial class SqlServerRetry
{
    /// <summary>How many times a failed operation is tried again (so at most this + 1 attempts).</summary>
    public const int MaxRetryAttempts = 4;

    /// <summary>The first pause; each next one doubles (exponential backoff).</summary>
    public static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>No single pause is longer than this.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The most the pauses can add up to, jitter included (each is capped at <see cref="MaxDelay"/>): a member's
    /// interaction is deferred after 2 s, so even a full budget ends well inside the token's 15 minutes.
    /// </summary>
    public static readonly TimeSpan MaxTotalDelay = MaxDelay * MaxRetryAttempts;

    // Error numbers documented as transient for SQL Server and Azure SQL: connection-level failures
    // (network, server starting or moving, throttling, failover) and lock victims. Constraint violations,
    // syntax errors and permissions are not here: repeating those gives the same answer.
    private static readonly HashSet<int> TransientNumbers =
    [
        -1,     // connection error: the server was not found or not reachable (no answer yet)
        -2,     // client timeout expired
        20,     // the instance is not accepting connections
        53,     // network path not found (server unreachable)
        64,     // the specified network name is no longer available
        121,    // semaphore timeout (network)
        233,    // no process at the other end of the pipe (connection dropped)
        1205,   // deadlock victim: the transaction was rolled back and may simply run again
        1222,   // lock request timeout
        4060,   // cannot open database (being restored, failing over)
        4221,   // login to a read-secondary failed during a role change
        10053,  // connection aborted by the host
        10054,  // connection reset by the peer
        10060,  // connection attempt timed out
        10061,  // connection refused
        10928,  // Azure SQL resource limit reached
        10929,  // Azure SQL resource limit: minimum guarantee not met
        40143,  // Azure SQL: the service encountered an error processing the request
        40197,  // Azure SQL: error processing the request (failover)
        40501,  // Azure SQL: the service is busy
        40540,  // Azure SQL: the service encountered an error
        40613,  // Azure SQL: database not currently available
        49918,  // Azure SQL: not enough resources to process the request
        49919,  // Azure SQL: too many create or update operations
        49920,  // Azure SQL: too many operations in progress
    ];

    // Severity 20 and above: the error ended the connection (SQL Server's "fatal" classes).
    private const byte FatalConnectionClass = 20;

    // The TLS handshake refused the server's certificate (SChannel's numbers on Windows; the managed layer on
    // Linux and macOS gives number 0 with an AuthenticationException inside).
    private static readonly HashSet<int> CertificateNumbers =
    [
        -2146893019, // SEC_E_UNTRUSTED_ROOT: the chain ends at an authority this machine does not trust
        -2146893022, // SEC_E_WRONG_PRINCIPAL: the certificate names another host
        -2146762495, // CERT_E_EXPIRED
    ];

    /// <summary>
    /// Whether <paramref name="exception"/> is a SQL Server error that a later attempt may not meet. A refused
    /// server certificate never is, although it comes with a fatal class like a dropped connection: the next
    /// attempt meets the same certificate (SqlClient encrypts by default: see docs/storage.md for development
    /// servers).
    /// </summary>
    public static bool IsTransient(Exception exception) =>
        exception is SqlException sql
        && !IsCertificateFailure(sql)
        && (TransientNumbers.Contains(sql.Number)
            || sql.Errors.Cast<SqlError>().Any(e => TransientNumbers.Contains(e.Number))
            // The managed network layer (SqlClient on Linux and macOS) reports a refused, reset or
            // unreachable connection as number 0 with a fatal class: no server ever answered, so nothing ran.
            || (sql.Number == 0 && sql.Class >= FatalConnectionClass));

    /// <summary>Whether the connection failed because the server's TLS certificate was not accepted.</summary>
    public static bool IsCertificateFailure(SqlException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (Exception? inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Security.Authentication.AuthenticationException)
            {
                return true;
            }
        }

        return exception.Errors.Cast<SqlError>().Any(e => CertificateNumbers.Contains(e.Number))
            || exception.Message.Contains("certificate", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Retries an operation that failed with a transient <see cref="SqlException"/> (see <see cref="IsTransient"/>)
    /// at most <see cref="MaxRetryAttempts"/> times, with exponential backoff and jitter (so many bot instances
    /// don't come back in step), every pause on <paramref name="time"/>. Anything else fails at once.
    /// </summary>
    public static ResiliencePipeline Create(TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<SqlException>(IsTransient),
                MaxRetryAttempts = MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = BaseDelay,
                MaxDelay = MaxDelay,
                OnRetry = arguments =>
                {
                    LogRetry(logger, (arguments.Outcome.Exception as SqlException)?.Number ?? 0, arguments.AttemptNumber + 1, MaxRetryAttempts, arguments.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    [LoggerMessage(EventId = 2020, Level = LogLevel.Warning, Message = "SQL Server error {Number} is transient; retry {Attempt} of {MaxAttempts} in {Delay}")]
    private static partial void LogRetry(ILogger logger, int number, int attempt, int maxAttempts, TimeSpan delay);

    /// <summary>Runs <paramref name="operation"/> through <paramref name="pipeline"/>: the whole operation again on each retry.</summary>
    internal static Task<T> RunAsync<T>(this ResiliencePipeline pipeline, Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(static async (operation, token) => await operation(token), operation, cancellationToken).AsTask();
}
