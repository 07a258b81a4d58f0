using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Bot.Commands.Stats;
using Nexus.Bot.Shell;
using Nexus.Bot.Tests.Hardening;
using Nexus.Bot.Tests.Support;
using Nexus.Domain.Cases;
using Nexus.Domain.Statistics;
using Nexus.Testing;
using Nexus.Testing.OpenApi;

namespace Nexus.Bot.Tests.Host;

/// <summary>
/// Issue 12 end to end: a signed <c>/stats</c> POSTed to the real host's interactions endpoint (HTTP mode, the
/// demo's 360 cases) ends with the original response edited as a multipart message carrying the PNG chart, which
/// Discord's spec accepts.
/// </summary>
public sealed class StatsOverHttpTests : IDisposable
{
    private const ulong Member = 554211842457600004;
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly TempFolder _folder = new();
    private readonly StubDiscordHandler _rest = new();
    private readonly Ed25519TestSigner _signer = new();

    public void Dispose()
    {
        _rest.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_signed_stats_request_is_deferred_then_edited_with_the_chart_as_a_multipart_message_discord_accepts()
    {
        var app = await HttpBot.StartAsync(_folder, _signer, _rest, [_folder.ConnectionArgument]);
        await using (app)
        {
            var seeded = await DemoCases.SeedAsync(
                app.Services.GetRequiredService<ICaseRepository>(),
                app.Services.GetRequiredService<IStatsSource>(),
                ulong.Parse(BotRequests.Guild, CultureInfo.InvariantCulture),
                TimeProvider.System,
                CancellationToken.None);
            Assert.Equal(DemoCases.Count, seeded);
            var requests = new BotRequests(_signer);

            var interaction = BotRequests.Command("stats", Member);
            var (status, deferred) = await requests.PostAsync(app.GetTestClient(), interaction);

            // The HTTP body is JSON only: a public deferred reply, then the original edited with the file.
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(5, (int)deferred!["type"]!);
            Assert.Null(deferred["data"]?["flags"]);
            var token = BotRequests.TokenFor((string)JsonNode.Parse(interaction)!["id"]!);
            var edit = await _rest.WaitForAsync(c => c.Path.EndsWith($"/webhooks/{BotRequests.ApplicationId}/{token}/messages/@original", StringComparison.Ordinal));

            Assert.Equal(HttpMethod.Patch, edit.Method);
            MultipartBody.AssertValid("update_original_webhook_message", edit.ContentType!, edit.Body);
            var parts = MultipartBody.Parse(edit.ContentType!, edit.Body);
            var file = Assert.Single(parts, p => p.Name == "files[0]");
            Assert.Equal((StatsChart.FileName, "image/png"), (file.FileName, file.ContentType));
            Assert.Equal(PngSignature, file.Content.Take(8));
            Assert.InRange(file.Content.Length, 10_000, 1_000_000);

            var payload = JsonNode.Parse(Assert.Single(parts, p => p.Name == "payload_json").Content)!;
            var embed = Assert.Single(payload["embeds"]!.AsArray())!;
            Assert.Equal($"attachment://{StatsChart.FileName}", (string)embed["image"]!["url"]!);
            Assert.Equal("[]", payload["allowed_mentions"]!["parse"]!.ToJsonString());
            Assert.Single(_rest.Requests);
        }
    }
}
