using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nexus.Bot.Tests.Hardening;
using Nexus.Bot.Tests.Support;
using Nexus.Testing;
using Nexus.Testing.OpenApi;

namespace Nexus.Bot.Tests.Moderation;

/// <summary>
/// Issue 15 through the real host in HTTP mode (signed requests over a TestServer, REST to a stub Discord): what
/// a member is told about a moderator's action, when the direct message is refused, and the feed where nothing
/// can be posted.
/// </summary>
public sealed class MemberNoticeOverHttpTests : IDisposable
{
    private const ulong Member = 554211842457600004;
    private const ulong Moderator = 554211842457600006;
    private const string FeedRefusal =
        "The feed can't work here: this bot answers commands over HTTP without a bot token (Discord:Token), so it can't post to channels or send "
        + "direct messages. Nothing was changed; the bot's operator can add the token.";

    private readonly TempFolder _folder = new();
    private readonly StubDiscordHandler _rest = new();
    private readonly Ed25519TestSigner _signer = new();
    private readonly EventLog _logs = new();

    public void Dispose()
    {
        _rest.Dispose();
        _folder.Dispose();
    }

    private async Task<(WebApplication App, HttpClient Client, BotRequests Requests)> StartAsync(bool token)
    {
        var app = await HttpBot.StartAsync(
            _folder,
            _signer,
            _rest,
            [
                // Inline answers: these tests are about what is said, not about the defer.
                "--Discord:Dispatch:DeferAfter=00:01:00",
                _folder.ConnectionArgument,
                .. token ? ["--Discord:Token=test-token"] : Array.Empty<string>(),
            ],
            builder => builder.Logging.AddProvider(_logs));
        return (app, app.GetTestClient(), new BotRequests(_signer));
    }

    private static async Task<JsonNode> AnswerAsync(BotRequests requests, HttpClient client, string interaction)
    {
        var (status, body) = await requests.PostAsync(client, interaction);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(4, (int)body!["type"]!);
        OpenApiSchemaValidator.Discord.AssertValidRequestBody("create_interaction_response", body.ToJsonString());
        return body;
    }

    [Fact]
    public async Task A_refused_direct_message_is_logged_once_and_the_member_reads_the_notice_once_in_mycase_show()
    {
        // Discord answers the DM with 403 50007 (the member doesn't accept direct messages from the server).
        _rest.Respond = (call, _) => call.Method == HttpMethod.Post && call.Path.EndsWith("/messages", StringComparison.Ordinal)
            ? new HttpResponseMessage(HttpStatusCode.Forbidden)
            {
                Content = new StringContent(JsonNode.Parse(FixturePaths.ReadText("discord/examples/error-dm-closed-50007.json"))!["body"]!.ToJsonString(), Encoding.UTF8, "application/json"),
            }
            : null;
        var (app, client, requests) = await StartAsync(token: true);
        await using (app)
        {
            await AnswerAsync(requests, client, BotRequests.Start(Member));
            var excluded = await AnswerAsync(requests, client, BotRequests.Command("mod", Moderator, "exclude", ("case", 4, 1), ("reason", 3, "dates typed in the wrong year")));
            Assert.StartsWith("Case #1 no longer counts in statistics", (string)excluded["data"]!["content"]!, StringComparison.Ordinal);

            // The sender met the refusal and gave up on this DM: one try, one log line at information level.
            var refused = await _logs.WaitForAsync(5211);
            Assert.Equal(LogLevel.Information, refused.Level);
            Assert.DoesNotContain("test-token", refused.Message, StringComparison.Ordinal);
            var dm = Assert.Single(_rest.Requests, c => c.Path.EndsWith("/users/@me/channels", StringComparison.Ordinal));
            Assert.Equal(Member.ToString(CultureInfo.InvariantCulture), (string)dm.Json!["recipient_id"]!);
            Assert.Single(_rest.Requests, c => c.Method == HttpMethod.Post && c.Path.EndsWith("/messages", StringComparison.Ordinal));
            Assert.DoesNotContain(_logs.Entries, e => e.Level >= LogLevel.Warning && e.Id is 5211 or 5212);

            var first = await AnswerAsync(requests, client, BotRequests.Show(Member));
            var second = await AnswerAsync(requests, client, BotRequests.Show(Member));

            Assert.Contains("**From the moderators:** On ", Text(first), StringComparison.Ordinal);
            Assert.Contains("a moderator left your case #1 out of this server's statistics (reason: dates typed in the wrong year)", Text(first), StringComparison.Ordinal);
            Assert.Equal(64, (int)first["data"]!["flags"]!);
            Assert.DoesNotContain("From the moderators", Text(second), StringComparison.Ordinal);
            Assert.Contains("Case #1", Text(second), StringComparison.Ordinal);

            // Still one attempt at the DM, whatever the member did since.
            Assert.Single(_rest.Requests, c => c.Method == HttpMethod.Post && c.Path.EndsWith("/messages", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Without_a_bot_token_config_feed_is_refused_with_the_reason_and_config_show_says_so()
    {
        var (app, client, requests) = await StartAsync(token: false);
        await using (app)
        {
            var feed = JsonNode.Parse(BotRequests.Command("config", Moderator))!;
            feed["data"]!["options"] = JsonNode.Parse("""[{"name":"feed","type":2,"options":[{"name":"channel","type":1,"options":[{"name":"channel","type":7,"value":"981347598336000099"}]}]}]""");
            feed["data"]!["resolved"] = JsonNode.Parse("""{"channels":{"981347598336000099":{"id":"981347598336000099","type":0,"name":"timelines","permissions":"2147483647"}}}""");

            var refused = await AnswerAsync(requests, client, feed.ToJsonString());
            var shown = await AnswerAsync(requests, client, BotRequests.Command("config", Moderator, "show"));

            Assert.Equal(FeedRefusal, (string)refused["data"]!["content"]!);
            Assert.Equal(64, (int)refused["data"]!["flags"]!);
            var fields = shown["data"]!["embeds"]![0]!["fields"]!.AsArray();
            Assert.Equal(
                "off, and it can't be turned on: this bot answers commands over HTTP without a bot token (Discord:Token), so it can't post to channels or send direct messages.",
                (string)fields.Single(f => (string)f!["name"]! == "Feed channel")!["value"]!);
            Assert.Empty(_rest.Requests);
        }
    }

    private static string Text(JsonNode reply)
    {
        var data = reply["data"]!;
        var parts = new List<string?> { (string?)data["content"] };
        foreach (var embed in data["embeds"]?.AsArray() ?? [])
        {
            parts.Add((string?)embed!["title"]);
            parts.Add((string?)embed["description"]);
            parts.AddRange((embed["fields"]?.AsArray() ?? []).SelectMany(f => new[] { (string?)f!["name"], (string?)f["value"] }));
        }

        return string.Join("\n", parts.Where(p => p is not null));
    }

    /// <summary>The host's log, with a wait for one event id (the sender runs in the background).</summary>
    private sealed class EventLog : ILoggerProvider, ILogger
    {
        private readonly ConcurrentQueue<(int Id, LogLevel Level, string Message)> _entries = new();
        private readonly SemaphoreSlim _logged = new(0);

        public IReadOnlyList<(int Id, LogLevel Level, string Message)> Entries => [.. _entries];

        public async Task<(int Id, LogLevel Level, string Message)> WaitForAsync(int eventId)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            while (true)
            {
                if (_entries.FirstOrDefault(e => e.Id == eventId) is { Message: not null } found)
                {
                    return found;
                }

                await _logged.WaitAsync(timeout.Token);
            }
        }

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            _entries.Enqueue((eventId.Id, logLevel, formatter(state, exception)));
            _logged.Release();
        }

        public void Dispose() => _logged.Dispose();
    }
}
