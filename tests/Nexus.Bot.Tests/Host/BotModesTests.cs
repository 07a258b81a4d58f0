using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Nexus.Bot.Hosting;
using Nexus.Bot.Tests.Hardening;
using Nexus.Bot.Tests.Support;
using Nexus.Discord.Gateway;
using Nexus.Domain.Cases;
using Nexus.Domain.Statistics;
using Nexus.Testing;
using Nexus.Testing.OpenApi;

namespace Nexus.Bot.Tests.Host;

/// <summary>
/// Both transports through the real host, built by the same code as <c>dotnet run</c>: HTTP mode over a
/// TestServer with signed requests, Gateway mode over an in-memory gateway. REST goes to a stub handler.
/// </summary>
public sealed class BotModesTests : IDisposable
{
    private const ulong ApplicationId = BotRequests.ApplicationId;
    private readonly TempFolder _folder = new();
    private readonly StubDiscordHandler _rest = new();
    private readonly Ed25519TestSigner _signer = new();
    private readonly BotRequests _requests;

    public BotModesTests() => _requests = new BotRequests(_signer);

    public void Dispose()
    {
        _rest.Dispose();
        _folder.Dispose();
    }

    private string[] HttpArgs(params string[] extra) =>
    [
        "--Discord:Mode=Http",
        $"--Discord:PublicKey={_signer.PublicKeyHex}",
        $"--Discord:ApplicationId={ApplicationId.ToString(CultureInfo.InvariantCulture)}",
        $"--Discord:Registration:StateDirectory={_folder.Path}",
        _folder.ConnectionArgument,
        .. extra,
    ];

    private async Task<(Microsoft.AspNetCore.Builder.WebApplication App, HttpClient Client)> StartHttpAsync(Action<IServiceCollection>? configure = null, params string[] extra)
    {
        var app = NexusHost.BuildHttpApp(HttpArgs(extra), builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Services.ConfigureHttpClientDefaults(client => client.ConfigurePrimaryHttpMessageHandler(() => _rest));
            configure?.Invoke(builder.Services);
        });
        await NexusHost.PrepareAsync(app.Services);
        await app.StartAsync();
        return (app, app.GetTestClient());
    }

    // The bot in Gateway mode with a bot token, over an in-memory gateway; REST to the stub handler.
    private async Task<(IHost Host, FakeGatewayTransport Gateway)> StartGatewayAsync()
    {
        var gateway = new FakeGatewayTransport();
        var host = NexusHost.BuildGatewayHost(
            [
                "--Discord:Token=test-token",
                $"--Discord:ApplicationId={ApplicationId.ToString(CultureInfo.InvariantCulture)}",
                $"--Discord:Registration:StateDirectory={_folder.Path}",
                _folder.ConnectionArgument,
            ],
            services =>
            {
                services.Replace(ServiceDescriptor.Singleton<IGatewayTransport>(gateway));
                services.ConfigureHttpClientDefaults(client => client.ConfigurePrimaryHttpMessageHandler(() => _rest));
            });
        await NexusHost.PrepareAsync(host.Services);
        await host.StartAsync();
        return (host, gateway);
    }

    // Hello, the bot's identify (returned), then READY: the session is open for dispatches.
    private static async Task<SentFrame> ReadyAsync(FakeGatewayTransport gateway)
    {
        await gateway.Connected;
        gateway.ServerSends("""{"op":10,"d":{"heartbeat_interval":41250},"s":null,"t":null}""");
        var identify = await gateway.NextSentAsync(2);
        gateway.ServerSends(FixturePaths.ReadText("discord/examples/gateway-ready.json"));
        return identify;
    }

    [Fact]
    public async Task Http_mode_answers_a_signed_ping_with_pong_and_refuses_a_bad_signature()
    {
        var (app, client) = await StartHttpAsync();
        await using (app)
        {
            var (status, body) = await _requests.PostAsync(client, """{"type":1,"id":"1","application_id":"1","token":"t","version":1}""");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(1, (int)body!["type"]!);

            using var forged = new HttpRequestMessage(HttpMethod.Post, "/interactions") { Content = new StringContent("""{"type":1}""") };
            forged.Headers.Add("X-Signature-Ed25519", new string('0', 128));
            forged.Headers.Add("X-Signature-Timestamp", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(forged)).StatusCode);
        }
    }

    [Fact]
    public async Task Http_mode_runs_member_commands_inline_happy_path_and_error_path()
    {
        // Inline means no automatic defer: on a busy machine the first command's start-up work can pass the
        // default 2 s (the defer has its own test below).
        var (app, client) = await StartHttpAsync(null, "--Discord:Dispatch:DeferAfter=00:01:00");
        await using (app)
        {
            var (status, started) = await _requests.PostAsync(client, BotRequests.Command("mycase", 501, "start", ("date", 3, "2024-01-10"), ("type", 3, "initial"), ("status", 3, "ca-citizen")));
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(4, (int)started!["type"]!);
            Assert.Equal(64, (int)started["data"]!["flags"]!);
            Assert.Contains("10 January 2024", started["data"]!.ToJsonString(), StringComparison.Ordinal);
            OpenApiSchemaValidator.Discord.AssertValidRequestBody("create_interaction_response", started.ToJsonString());

            var (_, refused) = await _requests.PostAsync(client, BotRequests.Command("mycase", 501, "update", ("milestone", 3, "interview"), ("date", 3, "05/01/2024")));
            Assert.Equal(4, (int)refused!["type"]!);
            Assert.Equal(64, (int)refused["data"]!["flags"]!);
            Assert.Contains("year first", (string)refused["data"]!["content"]!, StringComparison.Ordinal);

            var (_, help) = await _requests.PostAsync(client, BotRequests.Command("help", 501));
            Assert.Equal(4, (int)help!["type"]!);
            Assert.Null(help["data"]!["flags"]);
            Assert.Empty(_rest.Requests);
        }
    }

    [Fact]
    public async Task A_member_whose_discord_is_in_french_reads_french_in_both_modes()
    {
        var (app, client) = await StartHttpAsync(null, "--Discord:Dispatch:DeferAfter=00:01:00");
        await using (app)
        {
            var (_, started) = await _requests.PostAsync(client, French(BotRequests.Command("mycase", 511, "start", ("date", 3, "1er mai 2024"), ("type", 3, "initial"), ("status", 3, "ca-citizen"))));
            Assert.Equal("Votre dossier est créé : c’est le dossier n° 1 de ce serveur. Inscrivez chaque étape avec `/mycase update`.", (string)started!["data"]!["content"]!);

            var (_, refused) = await _requests.PostAsync(client, French(BotRequests.Command("mycase", 511, "update", ("milestone", 3, "interview"), ("date", 3, "05/01/2024"))));
            Assert.Equal("« 05/01/2024 » peut vouloir dire le 1 mai ou le 5 janvier; écrivez l’année d’abord, comme 2024-05-01 ou 2024-01-05.", (string)refused!["data"]!["content"]!);
        }

        var (host, gateway) = await StartGatewayAsync();
        using var lifetime = host;
        try
        {
            await ReadyAsync(gateway);

            // The same case, read back over the gateway by a French client.
            var interaction = French(BotRequests.Show(511));
            gateway.ServerSends($$"""{"op":0,"s":2,"t":"INTERACTION_CREATE","d":{{interaction}}}""");
            var id = (string)JsonNode.Parse(interaction)!["id"]!;
            var callback = await _rest.WaitForAsync(c => c.Path.EndsWith($"/interactions/{id}/{BotRequests.TokenFor(id)}/callback", StringComparison.Ordinal));
            Assert.Equal("Dossier n° 1 · Votre dossier", (string)callback.Json!["data"]!["embeds"]![0]!["title"]!);
            Assert.Contains("1 mai 2024", callback.BodyText, StringComparison.Ordinal);
        }
        finally
        {
            await host.StopAsync();
        }

        static string French(string interaction)
        {
            var node = JsonNode.Parse(interaction)!;
            node["locale"] = "fr";
            node["guild_locale"] = "fr";
            return node.ToJsonString();
        }
    }

    [Fact]
    public async Task Http_mode_defers_a_slow_reply_inline_and_edits_the_original_through_rest()
    {
        using var gate = new SemaphoreSlim(0);
        var (app, client) = await StartHttpAsync(
            services => services.Replace(ServiceDescriptor.Singleton<IStatsSource>(provider =>
                new GatedStatsSource(provider.GetRequiredService<Nexus.Domain.Storage.CaseRepository>(), gate))),
            "--Discord:Dispatch:DeferAfter=00:00:00.050");
        await using (app)
        {
            var (status, deferred) = await _requests.PostAsync(client, BotRequests.Command("stats", 502));
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(5, (int)deferred!["type"]!);

            gate.Release();
            var edit = await _rest.WaitForAsync(c => c.Path.Contains($"/webhooks/{ApplicationId}/", StringComparison.Ordinal));
            Assert.Equal(HttpMethod.Patch, edit.Method);
            Assert.EndsWith("/messages/@original", edit.Path, StringComparison.Ordinal);
            Assert.NotEmpty(edit.Json!["embeds"]!.AsArray());
        }
    }

    [Fact]
    public async Task Gateway_mode_identifies_and_answers_an_interaction_through_the_callback()
    {
        var (host, gateway) = await StartGatewayAsync();
        using var lifetime = host;
        try
        {
            Assert.Equal("gateway.test", (await gateway.Connected).Host);
            var identify = await ReadyAsync(gateway);
            Assert.Equal(1, (int)identify.Json["d"]!["intents"]!);

            var interaction = BotRequests.Command("help", 503);
            gateway.ServerSends($$"""{"op":0,"s":2,"t":"INTERACTION_CREATE","d":{{interaction}}}""");
            var id = (string)JsonNode.Parse(interaction)!["id"]!;
            var callback = await _rest.WaitForAsync(c => c.Path.EndsWith($"/interactions/{id}/{BotRequests.TokenFor(id)}/callback", StringComparison.Ordinal));
            Assert.Equal(HttpMethod.Post, callback.Method);
            Assert.Equal(4, (int)callback.Json!["type"]!);
            Assert.NotEmpty(callback.Json["data"]!["embeds"]!.AsArray());

            // Start-up registration bulk-overwrote the commands (a token is set), once.
            var registration = await _rest.WaitForAsync(c => c.Method == HttpMethod.Put);
            Assert.EndsWith($"/applications/{ApplicationId}/commands", registration.Path, StringComparison.Ordinal);

            // ...with exactly what `commands export` prints.
            using var exported = new StringWriter();
            Assert.Equal(0, await NexusHost.RunAsync(["commands", "export"], exported, TextWriter.Null));
            Assert.Equal(exported.ToString().TrimEnd(), registration.BodyText);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void No_configuration_file_is_watched_for_changes(bool http)
    {
        // The watcher would wake on every write to a database in the content root; options are read once anyway.
        using var host = http
            ? (IHost)NexusHost.BuildHttpApp(HttpArgs())
            : NexusHost.BuildGatewayHost(["--Discord:Token=t", "--Discord:ApplicationId=1", _folder.ConnectionArgument]);
        var files = ((IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>()).Providers.OfType<FileConfigurationProvider>().ToList();

        Assert.Contains(files, f => f.Source.Path == "appsettings.json");
        Assert.All(files, f => Assert.False(f.Source.ReloadOnChange, $"{f.Source.Path} is watched"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_real_service_graph_builds_with_scope_validation(bool http)
    {
        var checkedGraph = false;
        void Validate(IServiceCollection services)
        {
            using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
            checkedGraph = true;
        }

        if (http)
        {
            using var app = (IDisposable)NexusHost.BuildHttpApp(HttpArgs(), builder => Validate(builder.Services));
        }
        else
        {
            using var host = NexusHost.BuildGatewayHost(["--Discord:Token=t", "--Discord:ApplicationId=1", _folder.ConnectionArgument], Validate);
        }

        Assert.True(checkedGraph);
    }
}
