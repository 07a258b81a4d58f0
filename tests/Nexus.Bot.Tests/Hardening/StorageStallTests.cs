using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Nexus.Bot.Hosting;
using Nexus.Bot.Tests.Support;
using Nexus.Discord.Gateway;
using Nexus.Testing;

namespace Nexus.Bot.Tests.Hardening;

/// <summary>
/// Issue 13: the bot in Gateway mode (the real host, commands and SQLite file, a scripted gateway, REST stubbed)
/// while another connection holds the database with <c>BEGIN IMMEDIATE</c> for 10 seconds, as a backup or a
/// <c>sqlite3</c> session would. The lock is real, so the clock is too: the test paces its interactions and
/// then checks the times the stub recorded, never sleeping before an assertion.
/// </summary>
public sealed class StorageStallTests : IDisposable
{
    private const ulong Moderator = 554211842457700100;
    private const int HeartbeatMilliseconds = 1000;
    private static readonly TimeSpan Lock = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(250);
    private readonly TempFolder _folder = new();
    private readonly StubDiscordHandler _rest = new();

    public void Dispose()
    {
        _rest.Dispose();
        _folder.Dispose();
    }

    private static string FeedOff(ulong member)
    {
        // /config feed off: a subcommand in a group.
        var node = JsonNode.Parse(BotRequests.Command("config", member, "feed"))!;
        node["data"]!["options"]![0]!["type"] = 2;
        node["data"]!["options"]![0]!["options"] = new JsonArray(new JsonObject { ["name"] = "off", ["type"] = 1, ["options"] = new JsonArray() });
        return node.ToJsonString();
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Every_interaction_is_acknowledged_within_3_seconds_and_heartbeats_stay_on_time_while_another_process_locks_the_database_for_10_seconds()
    {
        var time = TimeProvider.System;
        var gateway = FakeGatewayTransport.Answering(time, HeartbeatMilliseconds);
        using var host = NexusHost.BuildGatewayHost(
            [
                "--Discord:Token=test-token",
                $"--Discord:ApplicationId={BotRequests.ApplicationId.ToString(CultureInfo.InvariantCulture)}",
                $"--Discord:Registration:StateDirectory={_folder.Path}",
                _folder.ConnectionArgument,
            ],
            services =>
            {
                services.Replace(ServiceDescriptor.Singleton<IGatewayTransport>(gateway));
                services.ConfigureHttpClientDefaults(client => client.ConfigurePrimaryHttpMessageHandler(() => _rest));
                // The daily purge writes at start; it would only add one more queued writer.
                services.Remove(services.Single(d => d.ImplementationType == typeof(Nexus.Bot.Commands.Mod.RemovedCasePurger)));
            });
        await NexusHost.PrepareAsync(host.Services);
        await host.StartAsync();
        var sent = new List<(string Id, DateTimeOffset At)>();
        DateTimeOffset locked, released;
        try
        {
            await WaitFor.UntilAsync(() => gateway.Ready, "READY");
            await using (var holder = new SqliteConnection($"Data Source={_folder.Database};Pooling=False"))
            {
                await holder.OpenAsync();
                await using (var begin = holder.CreateCommand())
                {
                    begin.CommandText = "BEGIN IMMEDIATE;";
                    await begin.ExecuteNonQueryAsync();
                }

                locked = time.GetUtcNow();

                // 48 interactions, 250 ms apart: 40 while the lock is held, the rest after.
                for (var i = 0; i < 48; i++)
                {
                    if (i == 40)
                    {
                        await holder.CloseAsync();
                    }

                    var json = FeedOff(Moderator + (ulong)i);
                    sent.Add(((string)JsonNode.Parse(json)!["id"]!, time.GetUtcNow()));
                    gateway.Dispatch(json);
                    await Task.Delay(Spacing, time);
                }

                released = time.GetUtcNow();
            }

            // Every interaction gets its final answer (a reply, or an edit of the deferred original).
            await WaitFor.UntilAsync(() => sent.All(s => FinalAnswer(s.Id) is not null), "every interaction answered", TimeSpan.FromSeconds(60));
        }
        finally
        {
            await host.StopAsync();
        }

        Assert.True(released - locked >= Lock, $"the lock was held {released - locked}");
        var late = sent
            .Select(s => (s.Id, Delay: FirstCallback(s.Id)!.At - s.At))
            .Where(s => s.Delay > TimeSpan.FromSeconds(3))
            .ToList();
        Assert.True(late.Count == 0, $"{late.Count} of 48 first callbacks came after 3 s: {string.Join(", ", late.Select(l => l.Delay.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)))}");

        // Writes that met the lock failed as "storage unavailable" within the busy timeout of their start (5 s,
        // plus the handler's own reads), not when the lock went; the ones after it went through.
        var answers = sent.Select(s => (s.At, Answer: FinalAnswer(s.Id)!)).ToList();
        var unavailable = answers.Where(a => Content(a.Answer) == StorageUnavailableClassifier.Message).ToList();
        Assert.NotEmpty(unavailable);
        Assert.All(unavailable, a => Assert.True(a.Answer.At - a.At < TimeSpan.FromSeconds(6.5), $"unavailable after {a.Answer.At - a.At}"));
        Assert.All(answers.TakeLast(4), a => Assert.Equal("Milestone updates are no longer posted.", Content(a.Answer)));

        // The heartbeat kept its interval throughout, and the session was never resumed.
        var beats = gateway.Heartbeats.Where(b => b >= locked && b <= released + TimeSpan.FromSeconds(2)).ToList();
        Assert.True(beats.Count >= 10, $"only {beats.Count} heartbeats in {released - locked}");
        var gaps = beats.Zip(beats.Skip(1), (a, b) => b - a).ToList();
        Assert.True(gaps.Max() < TimeSpan.FromMilliseconds(HeartbeatMilliseconds * 1.5), $"a heartbeat came {gaps.Max().TotalMilliseconds:0} ms after the previous one");
        Assert.Equal(1, gateway.ConnectionCount);
        Assert.Equal(0, gateway.Resumes);
    }

    private RecordedRequest? FirstCallback(string id) =>
        _rest.Requests.FirstOrDefault(c => c.Path.EndsWith($"/interactions/{id}/{BotRequests.TokenFor(id)}/callback", StringComparison.Ordinal));

    /// <summary>The reply itself (a type 4 callback), or the edit of the deferred original.</summary>
    private RecordedRequest? FinalAnswer(string id)
    {
        var callback = FirstCallback(id);
        if (callback is null)
        {
            return null;
        }

        if ((int)callback.Json!["type"]! == 4)
        {
            return callback;
        }

        return _rest.Requests.FirstOrDefault(c => c.Method == HttpMethod.Patch && c.Path.Contains(BotRequests.TokenFor(id), StringComparison.Ordinal));
    }

    private static string? Content(RecordedRequest call) =>
        (string?)(call.Json!["data"] ?? call.Json)!["content"];
}
