using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Bot.Hosting;
using Nexus.Bot.Tests.Support;
using Nexus.Testing;

namespace Nexus.Bot.Tests.Hardening;

/// <summary>
/// Issue 13, the replay sequence: a captured signed <c>/mycase start</c> is sent again after its owner deleted the
/// case and 4,096 other interactions went by (the old duplicate filter's whole memory). The real host in HTTP
/// mode refuses it from memory; a second instance on the same database, which never saw it, refuses it because
/// the first delivery's write recorded the interaction. Either way the deleted case stays deleted.
/// </summary>
public sealed class ReplayTests : IDisposable
{
    private const ulong Owner = 554211842457700300;
    private readonly TempFolder _folder = new();
    private readonly StubDiscordHandler _rest = new();
    private readonly Ed25519TestSigner _signer = new();

    public void Dispose()
    {
        _rest.Dispose();
        _folder.Dispose();
    }

    private Task<WebApplication> StartAsync() => HttpBot.StartAsync(_folder, _signer, _rest, [_folder.ConnectionArgument]);

    /// <summary>A request as Discord signed it, to be sent as often as an attacker likes.</summary>
    private (string Json, string Timestamp, string Signature) Capture(string json)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return (json, timestamp, _signer.Sign(timestamp, json));
    }

    private static async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpClient client, (string Json, string Timestamp, string Signature) captured)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/interactions") { Content = new StringContent(captured.Json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Signature-Ed25519", captured.Signature);
        request.Headers.Add("X-Signature-Timestamp", captured.Timestamp);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private static string ConfirmDelete(ulong member)
    {
        var node = JsonNode.Parse(BotRequests.Command("mycase", member))!;
        node["type"] = 3;
        node["data"] = new JsonObject { ["custom_id"] = $"mycase:delete:confirm:{member}", ["component_type"] = 2 };
        return node.ToJsonString();
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_start_replayed_after_its_case_was_deleted_and_4096_others_went_by_is_refused_here_and_on_another_instance()
    {
        var start = Capture(BotRequests.Start(Owner));
        var first = await StartAsync();
        await using (first)
        {
            var client = first.GetTestClient();
            var (_, started) = await SendAsync(client, start);
            Assert.NotNull(started!["data"]!["embeds"]);

            var (_, deleted) = await SendAsync(client, Capture(ConfirmDelete(Owner)));
            Assert.Equal(7, (int)deleted!["type"]!);
            Assert.Contains("deleted", deleted.ToJsonString(), StringComparison.OrdinalIgnoreCase);

            // 4,096 other interactions: a few seconds on a busy bot.
            var others = new BotRequests(_signer);
            for (var i = 0; i < 4_096; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await others.PostAsync(client, BotRequests.Command("help", Owner + 1 + (ulong)(i % 50)))).Status);
            }

            // The replay, still inside its signed timestamp's window: answered once already, so nothing now.
            var (status, body) = await SendAsync(client, start);
            Assert.Equal(HttpStatusCode.Accepted, status);
            Assert.Null(body);
            await AssertNoCaseAsync(client);
        }

        // Another instance on the same database has never seen the interaction.
        var second = await StartAsync();
        await using (second)
        {
            var client = second.GetTestClient();
            var (status, refused) = await SendAsync(client, start);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(64, (int)refused!["data"]!["flags"]!);
            Assert.Equal(StorageUnavailableClassifier.ReplayMessage, (string)refused["data"]!["content"]!);
            await AssertNoCaseAsync(client);
        }
    }

    private async Task AssertNoCaseAsync(HttpClient client)
    {
        var (_, shown) = await new BotRequests(_signer).PostAsync(client, BotRequests.Show(Owner));
        var text = shown!.ToJsonString();
        Assert.DoesNotContain("10 January 2024", text, StringComparison.Ordinal);
        Assert.Equal(64, (int)shown["data"]!["flags"]!);
    }
}
