using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using Nexus.Bot.Tests.Hardening;
using Nexus.Bot.Tests.Support;
using Nexus.Testing;

namespace Nexus.Bot.Tests.Host;

/// <summary>The real process under a service manager: readiness, logs, and a stop in the middle of a burst.</summary>
[Trait("Category", "Slow")]
public sealed class GracefulStopTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly Ed25519TestSigner _signer = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Under_systemd_the_bot_reports_ready_and_stopping_and_logs_in_journald_format()
    {
        await using var bot = await SupervisedBot.StartAsync(_folder, _signer);

        // READY=1 comes once the host has started, so the endpoint answers at once.
        using (var health = await bot.Client.GetAsync(new Uri("/healthz", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        await bot.TerminateAsync();
        Assert.Equal(0, await bot.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(["READY=1", "STOPPING=1"], bot.Notifications);
        // journald's format: a <priority> prefix (6 = information), the category and event id, one line each.
        Assert.Contains(bot.Output, line => line.StartsWith("<6>Program[5001] Nexus is running in Http mode on Sqlite storage", StringComparison.Ordinal));
        Assert.Contains(bot.Output, line => line.StartsWith("<6>Nexus.Bot.Hosting.StorageShutdown[5010]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SIGTERM_in_the_middle_of_a_burst_answers_every_request_taken_and_leaves_the_database_whole()
    {
        await using var bot = await SupervisedBot.StartAsync(_folder, _signer);
        var requests = new BotRequests(_signer);
        var answers = new ConcurrentDictionary<ulong, int>();
        var nextUser = 5000UL;
        var terminated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Eight members at once, each starting a case, until the bot stops taking requests.
        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var user = Interlocked.Increment(ref nextUser);
                (HttpStatusCode Status, JsonNode? Body) reply;
                try
                {
                    reply = await requests.PostAsync(bot.Client, BotRequests.Command("mycase", user, "start", ("date", 3, "yesterday"), ("type", 3, "initial"), ("status", 3, "ca-citizen")));
                }
                catch (HttpRequestException) when (terminated.Task.IsCompleted)
                {
                    // Not taken: the listener is closed (or the connection closed before this request was read).
                    return;
                }

                Assert.True(reply.Status == HttpStatusCode.OK, $"request of member {user} got {(int)reply.Status} during the stop");
                answers[user] = (int)reply.Body!["type"]!;
            }
        })).ToList();

        await WaitFor.UntilAsync(() => answers.Count >= 40, "the burst to get going", TimeSpan.FromSeconds(60));
        await bot.TerminateAsync();
        terminated.SetResult();
        var exit = await bot.WaitForExitAsync(TimeSpan.FromSeconds(30));
        await Task.WhenAll(workers);

        Assert.Equal(0, exit);
        Assert.Contains("STOPPING=1", bot.Notifications);
        // 4 = the answer itself, 5 = "thinking…" (the handler went past 2 s; its case is saved and the edit follows).
        Assert.All(answers.Values, type => Assert.True(type is 4 or 5, $"answered with type {type}"));

        // The log was written into the database at the stop: the file alone is the whole database.
        Assert.True(!File.Exists(_folder.Database + "-wal") || new FileInfo(_folder.Database + "-wal").Length == 0, "the WAL was not flushed");
        await using var database = new SqliteConnection($"Data Source={_folder.Database};Mode=ReadWrite;Pooling=False");
        await database.OpenAsync();
        Assert.Equal("ok", await database.ExecuteScalarAsync<string>("PRAGMA integrity_check;"));
        var owners = (await database.QueryAsync<long>("SELECT owner_id FROM cases;")).Select(o => (ulong)o).ToHashSet();
        // Every member told "your case is started" has it; no case was saved for a request left unanswered.
        Assert.Empty(answers.Where(a => a.Value == 4).Select(a => a.Key).Except(owners));
        Assert.Empty(owners.Except(answers.Keys));
    }
}
