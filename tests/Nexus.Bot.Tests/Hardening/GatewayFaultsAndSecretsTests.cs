using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nexus.Bot.Tests.Support;
using Nexus.Discord.Gateway;
using Nexus.Domain.Statistics;
using Nexus.Domain.Storage;
using Nexus.Testing;

namespace Nexus.Bot.Tests.Hardening;

/// <summary>
/// The whole bot under Discord faults and with its secrets watched. Gateway mode: 429 storms and 5xx
/// from REST, a connection dropped mid-dispatch, repeated INVALID_SESSION, and interactions redelivered
/// after a resume; on an accelerated fake clock. HTTP mode: bad signatures, hostile bodies, errors, a
/// store outage and failing REST edits. Every log entry of both runs is captured in full and searched
/// for the bot token, the public key, every interaction token and every signature.
/// </summary>
public sealed class GatewayFaultsAndSecretsTests : IDisposable
{
    private const string BotToken = "MTA2NDEyMTc2ODM0NTYwMDAwMQ.GhJkLm.s3cr3tT0k3nValueForTests0123456789abcd";
    private const ulong FirstMember = 554211842457700000;
    private readonly TempFolder _folder = new();
    private readonly StubDiscordHandler _rest = new();
    private readonly AllLogs _logs = new();
    private readonly ConcurrentQueue<(RecordedRequest Call, bool Ok)> _outcomes = new();

    public void Dispose()
    {
        _rest.Dispose();
        _folder.Dispose();
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Gateway_mode_under_429_storms_5xx_drops_and_invalid_sessions_answers_every_interaction_once_within_identify_limits_and_logs_no_secret()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var gateway = FakeGatewayTransport.Answering(time);
        var attempts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        _rest.Respond = (call, _) =>
        {
            var attempt = attempts.AddOrUpdate(call.Method + " " + call.Path, 1, (_, n) => n + 1);
            var response = FaultFor(call, attempt);
            _outcomes.Enqueue((call, response is null));
            return response;
        };

        using var host = NexusHost.BuildGatewayHost(
            [
                $"--Discord:Token={BotToken}",
                $"--Discord:ApplicationId={BotRequests.ApplicationId.ToString(CultureInfo.InvariantCulture)}",
                $"--Discord:Registration:StateDirectory={_folder.Path}",
                _folder.ConnectionArgument,
            ],
            services =>
            {
                services.Replace(ServiceDescriptor.Singleton<IGatewayTransport>(gateway));
                services.Replace(ServiceDescriptor.Singleton<TimeProvider>(time));
                services.ConfigureHttpClientDefaults(client => client.ConfigurePrimaryHttpMessageHandler(() => _rest));
                services.AddLogging(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
            });
        await NexusHost.PrepareAsync(host.Services);
        await using var clock = new AcceleratedClock(time);
        await host.StartAsync();
        var sent = new List<(string Id, string Json)>();
        try
        {
            await WaitFor.UntilAsync(() => gateway.Ready, "the first READY");
            for (var i = 0; i < 40; i++)
            {
                var json = Interaction(i);
                sent.Add(((string)JsonNode.Parse(json)!["id"]!, json));
                gateway.Dispatch(json);
                switch (i)
                {
                    case 10:
                        // The connection drops right after a dispatch; after the resume Discord redelivers
                        // the last events, which were already handled once.
                        gateway.Drop();
                        await WaitFor.UntilAsync(() => gateway.Ready, "the resume after a drop", TimeSpan.FromSeconds(30));
                        gateway.Dispatch(sent[9].Json);
                        gateway.Dispatch(sent[10].Json);
                        break;
                    case 20 or 21 or 22:
                        gateway.InvalidateSession(resumable: false);
                        await WaitFor.UntilAsync(() => gateway.Ready, "a new session after INVALID_SESSION", TimeSpan.FromSeconds(30));
                        break;
                    case 30:
                        gateway.InvalidateSession(resumable: true);
                        await WaitFor.UntilAsync(() => gateway.Ready, "a resumed session after INVALID_SESSION", TimeSpan.FromSeconds(30));
                        break;
                }
            }

            // Every interaction is acknowledged once, and a deferred one is then completed.
            await WaitFor.UntilAsync(() => sent.All(s => Answered(s.Id)), "every interaction answered", TimeSpan.FromSeconds(60));
        }
        finally
        {
            await host.StopAsync();
        }

        foreach (var (id, _) in sent)
        {
            var callbacks = _outcomes.Where(o => o.Ok && o.Call.Path.Contains($"/interactions/{id}/", StringComparison.Ordinal)).ToList();
            Assert.True(callbacks.Count == 1, $"interaction {id} was acknowledged {callbacks.Count} times");
        }

        // One IDENTIFY at start and one per non-resumable INVALID_SESSION; never two in the same 5 s.
        Assert.Equal(4, gateway.Identifies.Count);
        Assert.All(gateway.Identifies.Zip(gateway.Identifies.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromSeconds(5), $"identifies {pair.First:O} and {pair.Second:O}"));
        Assert.Equal(2, gateway.Resumes);
        Assert.Contains(_outcomes, o => !o.Ok && o.Call.Path.EndsWith("/callback", StringComparison.Ordinal));

        // The capture is complete enough to have caught them: interaction ids (not secret) are in the scopes.
        Assert.Contains(_logs.Entries, e => sent.Any(s => e.Contains("InteractionId=" + s.Id, StringComparison.Ordinal)));
        AssertNoSecret(BotToken, "the bot token");
        AssertNoSecret(BotToken.Split('.')[^1], "the bot token's secret part");
        foreach (var (id, _) in sent)
        {
            AssertNoSecret(BotRequests.TokenFor(id), "an interaction token");
        }
    }

    [Fact]
    public async Task Http_mode_with_errors_outages_and_failing_rest_logs_no_public_key_interaction_token_or_signature()
    {
        var signer = new Ed25519TestSigner();
        var signatures = new List<string>();
        using var statsGate = new SemaphoreSlim(0);
        var attempts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        // Every edit of an original fails once with a 502, and every follow-up with a 500.
        _rest.Respond = (call, _) =>
        {
            var attempt = attempts.AddOrUpdate(call.Method + " " + call.Path, 1, (_, n) => n + 1);
            return (call.Method == HttpMethod.Patch && attempt == 1) || call.Method == HttpMethod.Post
                ? new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>bad gateway</html>") }
                : null;
        };
        var app = await HttpBot.StartAsync(
            _folder,
            signer,
            _rest,
            ["--Discord:Dispatch:DeferAfter=00:00:00.050", _folder.ConnectionArgument],
            builder =>
            {
                builder.Logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace);
                // /stats waits for the test, so its reply is certainly deferred and then edited through REST.
                builder.Services.Replace(ServiceDescriptor.Singleton<IStatsSource>(provider =>
                    new GatedStatsSource(provider.GetRequiredService<CaseRepository>(), statsGate)));
            });
        var ids = new List<string>();
        await using (app)
        {
            var client = app.GetTestClient();
            async Task<HttpStatusCode> PostAsync(string json, bool forge = false)
            {
                var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                var signature = forge ? new Ed25519TestSigner().Sign(timestamp, json) : signer.Sign(timestamp, json);
                signatures.Add(signature);
                if (JsonNode.Parse(json) is JsonObject { } node && node["id"] is { } id)
                {
                    ids.Add((string)id!);
                }

                using var request = new HttpRequestMessage(HttpMethod.Post, "/interactions") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
                request.Headers.Add("X-Signature-Ed25519", signature);
                request.Headers.Add("X-Signature-Timestamp", timestamp);
                using var response = await client.SendAsync(request);
                return response.StatusCode;
            }

            for (var i = 0; i < 30; i++)
            {
                Assert.NotEqual(HttpStatusCode.InternalServerError, await PostAsync(Interaction(i)));
            }

            Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(Interaction(30), forge: true));
            Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(Interaction(31).Replace("\"type\":2", "\"type\":\"2\"", StringComparison.Ordinal)));

            // The store goes away for a while, then comes back.
            File.Move(_folder.Database, _folder.Database + ".aside");
            for (var i = 32; i < 36; i++)
            {
                await PostAsync(Interaction(i));
            }

            File.Move(_folder.Database + ".aside", _folder.Database);
            await PostAsync(Interaction(36));
            statsGate.Release();
            await WaitFor.UntilAsync(() => _rest.Requests.Count(c => c.Method == HttpMethod.Patch) >= 2, "deferred replies edited through REST");
            await app.Services.GetRequiredService<Nexus.Discord.Dispatch.DispatchTracker>().WhenIdleAsync(CancellationToken.None);
        }

        Assert.Contains(_logs.Entries, e => e.Contains("Storage unavailable", StringComparison.Ordinal));
        Assert.Contains(_logs.Entries, e => e.Contains("invalid signature", StringComparison.Ordinal));
        Assert.Contains(_logs.Entries, e => ids.Any(id => e.Contains("InteractionId=" + id, StringComparison.Ordinal)));
        AssertNoSecret(signer.PublicKeyHex, "the public key");
        AssertNoSecret(signer.PublicKeyHex.ToUpperInvariant(), "the public key");
        foreach (var id in ids)
        {
            AssertNoSecret(BotRequests.TokenFor(id), "an interaction token");
        }

        foreach (var signature in signatures)
        {
            AssertNoSecret(signature, "a request signature");
        }
    }

    private bool Answered(string id)
    {
        var ok = _outcomes.Where(o => o.Ok && o.Call.Path.Contains(id, StringComparison.Ordinal)).Select(o => o.Call).ToList();
        var callback = ok.FirstOrDefault(c => c.Path.EndsWith("/callback", StringComparison.Ordinal));
        if (callback is null)
        {
            return false;
        }

        // A deferred reply (type 5) is only complete once the original has been edited.
        return (int)callback.Json!["type"]! != 5 || ok.Any(c => c.Method == HttpMethod.Patch);
    }

    /// <summary>
    /// Storms of 429s (bucket and global) on callbacks, a 502 on the first edit of each deferred reply, and
    /// 5xx on follow-ups. Callbacks never get a 5xx: a POST that may have been applied is not retried, so a
    /// 5xx there means "maybe acknowledged", which is outside "lose no interaction it acknowledged".
    /// </summary>
    private static HttpResponseMessage? FaultFor(RecordedRequest call, int attempt)
    {
        if (call.Path.EndsWith("/callback", StringComparison.Ordinal) && attempt <= 2 && call.Path.GetHashCode(StringComparison.Ordinal) % 2 == 0)
        {
            var global = attempt == 2;
            var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests)
            {
                Content = new StringContent($$"""{"message":"You are being rate limited.","retry_after":0.4,"global":{{(global ? "true" : "false")}}}""", Encoding.UTF8, "application/json"),
            };
            response.Headers.Add("Retry-After", "1");
            if (global)
            {
                response.Headers.Add("X-RateLimit-Global", "true");
            }

            return response;
        }

        if (call.Method == HttpMethod.Patch && attempt == 1)
        {
            return new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>502</html>") };
        }

        return null;
    }

    private static string Interaction(int i)
    {
        var member = FirstMember + (ulong)(i % 12);
        return (i % 5) switch
        {
            0 => BotRequests.Command("help", member),
            1 => BotRequests.Start(member),
            2 => BotRequests.Show(member),
            3 => BotRequests.Command("mycase", member, "update", ("milestone", 3, "conditional"), ("date", 3, "05/01/2024")),
            _ => BotRequests.Command("stats", member),
        };
    }

    private void AssertNoSecret(string secret, string what)
    {
        var leaked = _logs.Entries.FirstOrDefault(e => e.Contains(secret, StringComparison.OrdinalIgnoreCase));
        Assert.True(leaked is null, $"{what} appears in the logs: {leaked}");
    }
}
