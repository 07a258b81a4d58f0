using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nexus.Bot.Hosting;
using Nexus.Bot.Tests.Support;
using Nexus.Testing;

namespace Nexus.Bot.Tests.Hardening;

/// <summary>
/// The store goes away while the bot (HTTP mode, the real host) is serving: the member is told to try
/// again in a minute, ephemerally; the bot keeps serving what needs no store; and it recovers on its own
/// once the store is back, with nothing restarted.
/// </summary>
public sealed class StorageOutageTests : IDisposable
{
    private const ulong Member = 554211842457600004;
    private readonly TempFolder _folder = new();
    private readonly StubDiscordHandler _rest = new();
    private readonly Ed25519TestSigner _signer = new();
    private readonly ListLogger _logs = new();

    public void Dispose()
    {
        _rest.Dispose();
        _folder.Dispose();
    }

    private async Task<(WebApplication App, HttpClient Client, BotRequests Requests)> StartAsync(bool migrate, params string[] extra)
    {
        var app = await HttpBot.StartAsync(
            _folder,
            _signer,
            _rest,
            extra,
            builder =>
            {
                builder.Logging.AddProvider(_logs);

                // The daily purge of removed cases runs at start and meets the outage too (its own retries on SQL
                // Server, its own logged failure): these tests are about members' requests, so it stays out.
                builder.Services.Remove(builder.Services.Single(d => d.ImplementationType == typeof(Nexus.Bot.Commands.Mod.RemovedCasePurger)));
            },
            prepare: migrate);
        return (app, app.GetTestClient(), new BotRequests(_signer));
    }

    private static void AssertUnavailable(HttpStatusCode status, JsonNode? body)
    {
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(4, (int)body!["type"]!);
        Assert.Equal(64, (int)body["data"]!["flags"]!);
        Assert.Equal(StorageUnavailableClassifier.Message, (string)body["data"]!["content"]!);
    }

    private static async Task AssertServingAsync(HttpClient client, BotRequests requests, WebApplication app)
    {
        Assert.False(app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        Assert.Equal("ok", await client.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
        var (_, help) = await requests.PostAsync(client, BotRequests.Command("help", Member));
        Assert.NotEmpty(help!["data"]!["embeds"]!.AsArray());
    }

    [Fact]
    public async Task A_removed_database_file_gives_storage_unavailable_and_the_bot_recovers_when_it_is_back()
    {
        var (app, client, requests) = await StartAsync(migrate: true, _folder.ConnectionArgument);
        await using (app)
        {
            var (status, started) = await requests.PostAsync(client, BotRequests.Start(Member));
            Assert.Equal(64, (int)started!["data"]!["flags"]!);
            Assert.NotNull(started["data"]!["embeds"]);

            // The file goes away while pooled connections still hold it open.
            var aside = _folder.Database + ".aside";
            File.Move(_folder.Database, aside);
            foreach (var command in new[] { BotRequests.Show(Member), BotRequests.Command("mycase", Member, "update", ("milestone", 3, "conditional"), ("date", 3, "2024-02-01")), BotRequests.Command("stats", Member) })
            {
                (status, var body) = await requests.PostAsync(client, command);
                AssertUnavailable(status, body);
            }

            // No empty database was created in its place, and the bot still serves what needs no store.
            Assert.False(File.Exists(_folder.Database));
            await AssertServingAsync(client, requests, app);
            Assert.Contains(_logs.Lines, l => l.Contains("Storage unavailable (Sqlite): SqliteException", StringComparison.Ordinal) && (l.Contains("missing", StringComparison.Ordinal) || l.Contains("unable to open", StringComparison.Ordinal)));

            // Back: the very next request works, with the case as it was (nothing was written in between).
            File.Move(aside, _folder.Database);
            var (_, shown) = await requests.PostAsync(client, BotRequests.Show(Member));
            Assert.Contains("10 January 2024", shown!["data"]!.ToJsonString(), StringComparison.Ordinal);
            Assert.DoesNotContain("1 February 2024", shown["data"]!.ToJsonString(), StringComparison.Ordinal);
            Assert.DoesNotContain(_logs.Lines, l => l.Contains("failed; reference", StringComparison.Ordinal));
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_database_locked_beyond_the_busy_timeout_gives_storage_unavailable_and_the_bot_recovers_when_the_lock_goes()
    {
        // Default Timeout bounds Microsoft.Data.Sqlite's own retry loop on SQLITE_BUSY (30 s by default) so
        // the test waits about the 5-second busy_timeout, not half a minute. DeferAfter is raised so the
        // answer comes inline, which is simpler to read here; the deferred path is the same error boundary.
        var (app, client, requests) = await StartAsync(
            migrate: true,
            $"--Storage:ConnectionString=Data Source={_folder.Database};Default Timeout=1",
            "--Discord:Dispatch:DeferAfter=00:01:00");
        await using (app)
        {
            var (_, started) = await requests.PostAsync(client, BotRequests.Start(Member));
            Assert.NotNull(started!["data"]!["embeds"]);

            await using (var holder = new SqliteConnection($"Data Source={_folder.Database};Pooling=False"))
            {
                await holder.OpenAsync();
                await using (var exclusive = holder.CreateCommand())
                {
                    // Another process's writer holding the write lock (WAL lets readers go on; writers wait).
                    exclusive.CommandText = "BEGIN IMMEDIATE; UPDATE guild_versions SET version = version;";
                    await exclusive.ExecuteNonQueryAsync();
                }

                // Force fresh connections, as after an idle period: pooled ones would also block, only later.
                SqliteConnection.ClearAllPools();
                var (status, body) = await requests.PostAsync(client, BotRequests.Command("mycase", Member, "update", ("milestone", 3, "conditional"), ("date", 3, "2024-02-01")));
                AssertUnavailable(status, body);
                await AssertServingAsync(client, requests, app);
            }

            Assert.Contains(_logs.Lines, l => l.Contains("Storage unavailable (Sqlite): SqliteException", StringComparison.Ordinal) && l.Contains("locked", StringComparison.Ordinal));
            var (_, updated) = await requests.PostAsync(client, BotRequests.Command("mycase", Member, "update", ("milestone", 3, "conditional"), ("date", 3, "2024-02-01")));
            Assert.Contains("1 February 2024", updated!["data"]!.ToJsonString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_sql_server_that_refuses_connections_gives_storage_unavailable_after_bounded_retries()
    {
        // Port 1 on the loopback refuses at once; the repository retries the transient error with backoff and
        // then the member is told to try again. Nothing else of the bot depends on the store.
        var (app, client, requests) = await StartAsync(
            migrate: false,
            "--Storage:Provider=SqlServer",
            "--Storage:ConnectionString=Server=tcp:127.0.0.1,1;Database=nexus;User Id=nexus;Password=not-a-secret;Connect Timeout=2;Encrypt=False");
        await using (app)
        {
            // Each refused connect takes a moment, so the dispatcher defers after 2 s and the answer edits
            // the original (ephemeral, as the defer was).
            var (status, body) = await requests.PostAsync(client, BotRequests.Show(Member));
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(5, (int)body!["type"]!);
            Assert.Equal(64, (int)body["data"]!["flags"]!);
            var edit = await _rest.WaitForAsync(c => c.Method == HttpMethod.Patch && c.Path.EndsWith("/messages/@original", StringComparison.Ordinal));
            Assert.Equal(StorageUnavailableClassifier.Message, (string)edit.Json!["content"]!);
            await AssertServingAsync(client, requests, app);
            Assert.Contains(_logs.Lines, l => l.Contains("Storage unavailable (SqlServer): SqlException", StringComparison.Ordinal));
            Assert.Equal(Nexus.Domain.Storage.SqlServerRetry.MaxRetryAttempts, _logs.Lines.Count(l => l.Contains("is transient; retry", StringComparison.Ordinal)));
        }
    }

    /// <summary>Every log line of the host, formatted.</summary>
    private sealed class ListLogger : ILoggerProvider, ILogger
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => [.. _lines];

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _lines.Enqueue($"{logLevel} {eventId.Id} {formatter(state, exception)} {(exception is Microsoft.Data.SqlClient.SqlException sql ? $"SqlException {sql.Number} class {sql.Class} errors {string.Join(',', sql.Errors.Cast<Microsoft.Data.SqlClient.SqlError>().Select(e => e.Number))}" : exception?.GetType().Name)}");

        public void Dispose()
        {
        }
    }
}
