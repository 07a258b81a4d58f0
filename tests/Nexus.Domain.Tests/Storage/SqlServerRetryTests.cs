using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Nexus.Domain.Cases;
using Nexus.Domain.Moderation;
using Nexus.Domain.Statistics;
using Nexus.Domain.Storage;
using Nexus.Domain.Tests.Support;

namespace Nexus.Domain.Tests.Storage;

/// <summary>
/// The SQL Server retry pipeline without a SQL Server: which errors it retries, and that its budget is
/// bounded, with every pause on a fake clock (nothing sleeps).
/// </summary>
public sealed class SqlServerRetryTests
{
    [Theory]
    [InlineData(1205, 16, true)]   // deadlock victim
    [InlineData(40613, 17, true)]  // Azure SQL database not available
    [InlineData(40501, 20, true)]  // service busy
    [InlineData(10061, 20, true)]  // connection refused (native network layer)
    [InlineData(-2, 11, true)]     // client timeout
    [InlineData(-1, 20, true)]     // server not found or not reachable
    [InlineData(-2146893019, 20, false)] // the server's certificate is not trusted: the next attempt meets it too
    [InlineData(0, 20, true)]      // managed network layer: no server answered
    [InlineData(0, 16, false)]     // number 0 without a fatal class is not a network failure
    [InlineData(2627, 14, false)]  // unique constraint: the same answer every time
    [InlineData(547, 16, false)]   // foreign key violation
    [InlineData(18456, 14, false)] // login failed: a configuration error, not a blip
    [InlineData(208, 16, false)]   // invalid object name: a missing migration
    public void Only_transient_sql_server_errors_are_retried(int number, byte errorClass, bool transient)
    {
        Assert.Equal(transient, SqlServerRetry.IsTransient(SqlErrors.Create(number, errorClass)));
    }

    [Fact]
    public void A_refused_certificate_is_not_retried_although_the_connection_ended()
    {
        // Encrypt=True (SqlClient's default) against a server with a self-signed certificate, on the managed
        // network layer: number 0 with a fatal class, like a dropped connection, but caused by the TLS handshake.
        var handshake = new System.Security.Authentication.AuthenticationException("The remote certificate was rejected by the provided RemoteCertificateValidationCallback.");

        Assert.True(SqlServerRetry.IsTransient(SqlErrors.Create(0, 20)));
        Assert.False(SqlServerRetry.IsTransient(SqlErrors.Create(0, 20, handshake)));
        Assert.True(SqlServerRetry.IsCertificateFailure(SqlErrors.Create(0, 20, handshake)));
    }

    [Fact]
    public void Other_exceptions_are_never_retried()
    {
        Assert.False(SqlServerRetry.IsTransient(new TimeoutException()));
        Assert.False(SqlServerRetry.IsTransient(new SqliteException("database is locked", 5)));
        Assert.False(SqlServerRetry.IsTransient(new InvalidOperationException("", SqlErrors.Create(1205, 16))));
    }

    [Fact]
    public async Task A_persistent_transient_error_is_tried_a_bounded_number_of_times_with_growing_pauses_then_thrown()
    {
        var time = new FakeClock();
        var pipeline = SqlServerRetry.Create(time, NullLogger.Instance);
        var attempts = new List<DateTimeOffset>();
        var run = pipeline.ExecuteAsync<int>(_ =>
        {
            attempts.Add(time.GetUtcNow());
            throw SqlErrors.Create(40613, 17);
        }).AsTask();

        var start = time.GetUtcNow();
        while (!run.IsCompleted)
        {
            // Each retry waits for a pause on the clock (the attempts' times below show it did).
            await WaitFor.UntilAsync(() => run.IsCompleted || time.ActiveTimers > 0, "the retry's pause");
            time.Advance(SqlServerRetry.MaxDelay);
        }

        var thrown = await Assert.ThrowsAsync<SqlException>(() => run);
        Assert.Equal(40613, thrown.Number);
        Assert.Equal(SqlServerRetry.MaxRetryAttempts + 1, attempts.Count);
        Assert.True(attempts[^1] - start <= SqlServerRetry.MaxTotalDelay, $"the pauses added up to {attempts[^1] - start}");
        Assert.All(attempts.Zip(attempts.Skip(1)), pair => Assert.True(pair.Second > pair.First, "every retry waits"));
    }

    [Fact]
    public async Task A_transient_error_that_clears_gives_the_result_and_a_permanent_one_fails_at_once()
    {
        var time = new FakeClock();
        var pipeline = SqlServerRetry.Create(time, NullLogger.Instance);
        var calls = 0;
        var run = pipeline.ExecuteAsync(_ => ++calls < 3 ? throw SqlErrors.Create(1205, 13) : ValueTask.FromResult(42)).AsTask();
        while (!run.IsCompleted)
        {
            await WaitFor.UntilAsync(() => run.IsCompleted || time.ActiveTimers > 0, "the retry's pause");
            time.Advance(SqlServerRetry.MaxDelay);
        }

        Assert.Equal(42, await run);
        Assert.Equal(3, calls);

        var permanentCalls = 0;
        var permanent = await Assert.ThrowsAsync<SqlException>(() => pipeline.ExecuteAsync<int>(_ =>
        {
            permanentCalls++;
            throw SqlErrors.Create(2627, 14);
        }).AsTask());
        Assert.Equal(2627, permanent.Number);
        Assert.Equal(1, permanentCalls);
    }

    [Theory]
    [InlineData("SqlServer", true)]
    [InlineData("Sqlite", false)]
    public void Only_sql_server_gets_the_retrying_repository(string provider, bool retrying)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = provider,
            ["Storage:ConnectionString"] = provider == "Sqlite" ? "Data Source=:memory:" : "Server=tcp:127.0.0.1,1;Database=nexus",
        }).Build());
        services.AddLogging();
        services.AddNexusStorage();
        using var built = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });

        var repository = built.GetRequiredService<ICaseRepository>();

        Assert.Same(repository, built.GetRequiredService<IStatsSource>());
        Assert.Same(repository, built.GetRequiredService<ICaseListing>());
        Assert.Equal(retrying, repository is RetryingCaseRepository);
        Assert.Equal(!retrying, repository is CaseRepository);
        Assert.Equal(retrying, built.GetRequiredService<IModerationRepository>() is RetryingModerationRepository);
    }

    [Fact]
    public async Task Moderator_writes_that_check_what_they_change_are_retried_and_the_others_are_not()
    {
        var time = new FakeClock();
        var record = new ModerationRecord(1, 2, ModerationAction.Remove, null, null, time.GetUtcNow());
        var target = new CaseRef(10, 1);
        var inner = new Mock<IModerationRepository>(MockBehavior.Strict);
        inner.SetupSequence(r => r.RemoveAsync(record, target, It.IsAny<CancellationToken>()))
            .ThrowsAsync(SqlErrors.Create(1205, 13))
            .ReturnsAsync(77);
        inner.Setup(r => r.DismissAsync(record, target, 3, It.IsAny<CancellationToken>())).ThrowsAsync(SqlErrors.Create(1205, 13));
        var repository = new RetryingModerationRepository(inner.Object, SqlServerRetry.Create(time, NullLogger.Instance));

        // A removal checks that the case is not removed yet, so repeating it is safe: the deadlock is retried.
        var removal = repository.RemoveAsync(record, target, CancellationToken.None);
        await WaitFor.UntilAsync(() => removal.IsCompleted || time.ActiveTimers > 0, "the retry's pause");
        time.Advance(SqlServerRetry.MaxDelay);
        Assert.Equal(77, await removal);
        inner.Verify(r => r.RemoveAsync(record, target, It.IsAny<CancellationToken>()), Times.Exactly(2));

        // A dismissal would log twice if its first attempt had been saved: the error goes up at once.
        var dismissal = await Assert.ThrowsAsync<SqlException>(() => repository.DismissAsync(record, target, 3, CancellationToken.None));
        Assert.Equal(1205, dismissal.Number);
        inner.Verify(r => r.DismissAsync(record, target, 3, It.IsAny<CancellationToken>()), Times.Once());
    }
}
