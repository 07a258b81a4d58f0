using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Nexus.Discord.Gateway;
using Nexus.Domain.Statistics;
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
        Assert.Contains(bot.Output, line => line.StartsWith("<6>Nexus.Bot.Hosting.StorageShutdown[5020]", StringComparison.Ordinal));
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

    [Fact]
    public async Task Stopping_in_gateway_mode_closes_the_gateway_first_then_answers_every_interaction_it_received()
    {
        var gateway = new FakeGatewayTransport();
        using var rest = new StubDiscordHandler();
        using var gate = new SemaphoreSlim(0);
        using var host = NexusHost.BuildGatewayHost(
            [
                "--Discord:Token=test-token",
                $"--Discord:ApplicationId={BotRequests.ApplicationId.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
                $"--Discord:Registration:StateDirectory={_folder.Path}",
                "--Discord:Dispatch:MaxConcurrentInteractions=2",
                _folder.ConnectionArgument,
            ],
            services =>
            {
                services.Replace(ServiceDescriptor.Singleton<IGatewayTransport>(gateway));
                services.Replace(ServiceDescriptor.Singleton<IStatsSource>(provider =>
                    new GatedStatsSource(provider.GetRequiredService<Nexus.Domain.Storage.CaseRepository>(), gate)));
                services.ConfigureHttpClientDefaults(client => client.ConfigurePrimaryHttpMessageHandler(() => rest));
            });
        await NexusHost.PrepareAsync(host.Services);
        await host.StartAsync();
        await gateway.Connected;
        gateway.ServerSends("""{"op":10,"d":{"heartbeat_interval":41250},"s":null,"t":null}""");
        await gateway.NextSentAsync(2);
        gateway.ServerSends(FixturePaths.ReadText("discord/examples/gateway-ready.json"));

        // Twenty /stats held at the database: two being handled, the rest waiting in the bot's queue.
        var commands = Enumerable.Range(0, 20).Select(i => BotRequests.Command("stats", 600 + (ulong)i)).ToList();
        var sent = commands.Select(command => (string)JsonNode.Parse(command)!["id"]!).ToList();
        for (var i = 0; i < commands.Count; i++)
        {
            gateway.ServerSends($$"""{"op":0,"s":{{i + 2}},"t":"INTERACTION_CREATE","d":{{commands[i]}}}""");
        }

        await WaitFor.UntilAsync(() => gateway.Delivered >= 22, "the burst to reach the bot");
        var stopping = host.StopAsync();

        // The gateway closes first, resumably, while every interaction is still unanswered.
        Assert.Equal(4000, await gateway.Closed.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.DoesNotContain(rest.Requests, c => c.Path.EndsWith("/callback", StringComparison.Ordinal) && c.Json?["type"]?.GetValue<int>() == 4);
        gate.Release();
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));

        var answered = rest.Requests.Where(c => c.Method == HttpMethod.Post && c.Path.EndsWith("/callback", StringComparison.Ordinal))
            .Select(c => c.Path.Split('/')[^3]).ToList();
        var received = gateway.Delivered - 2;
        Assert.Equal(received, answered.Distinct().Count());
        Assert.Equal(sent.Take(received).Order(), answered.Order());
    }
}
