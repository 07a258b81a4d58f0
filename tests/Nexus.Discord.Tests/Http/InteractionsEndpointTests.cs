using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Hosting;
using Nexus.Discord.Http;
using Nexus.Discord.Json;
using Nexus.Discord.Models;
using Nexus.Discord.Rest;
using Nexus.Discord.Tests.Support;
using Nexus.Testing;
using Nexus.Testing.OpenApi;
using static Nexus.Discord.Tests.Support.Interactions;

namespace Nexus.Discord.Tests.Http;

/// <summary>End to end through the real ASP.NET Core pipeline (TestHost), with a fake clock and a stubbed REST client.</summary>
public sealed class InteractionsEndpointTests : IAsyncLifetime, IDisposable
{
    private const int BodyLimit = 4096;
    private readonly Ed25519TestSigner _signer = new();
    private readonly FakeTimeProvider _time = new();
    private readonly FakeDiscordRestClient _rest = new();
    private readonly HandlerProbe _probe = new();
    private readonly CapturingLoggerProvider _logs = new();
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    private string Now => _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public async Task InitializeAsync()
    {
        (_app, _client) = await EndpointTestApp.StartAsync(_signer, _time, _rest, _probe, _logs, LogLevel.Trace, BodyLimit);
    }

    public void Dispose() => _logs.Dispose();

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_signed_ping_gets_pong_as_json()
    {
        using var response = await PostSignedAsync(File.ReadAllText(FixturePaths.DiscordExample("ping.json")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("""{"type":1}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Missing_signature_headers_get_401()
    {
        using var noHeaders = await _client.PostAsync(new Uri("/interactions", UriKind.Relative), new StringContent("""{"type":1}"""));
        using var noTimestamp = await SendAsync("""{"type":1}""", _signer.Sign(Now, """{"type":1}"""), null);
        using var noSignature = await SendAsync("""{"type":1}""", null, Now);

        Assert.Equal(HttpStatusCode.Unauthorized, noHeaders.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noTimestamp.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noSignature.StatusCode);
    }

    [Theory]
    [InlineData("not hex")]
    [InlineData("tampered body")]
    [InlineData("tampered timestamp")]
    [InlineData("flipped bit")]
    [InlineData("other key")]
    [InlineData("short")]
    public async Task Bad_or_tampered_signatures_get_401(string how)
    {
        const string body = """{"type":1}""";
        var timestamp = Now;
        var signature = _signer.Sign(timestamp, body);
        var (sentBody, sentSignature, sentTimestamp) = how switch
        {
            "not hex" => (body, new string('z', 128), timestamp),
            "tampered body" => ("""{"type":1 }""", signature, timestamp),
            "tampered timestamp" => (body, signature, (long.Parse(timestamp, CultureInfo.InvariantCulture) - 1).ToString(CultureInfo.InvariantCulture)),
            "flipped bit" => (body, (signature[0] == '0' ? "1" : "0") + signature[1..], timestamp),
            "other key" => (body, new Ed25519TestSigner().Sign(timestamp, body), timestamp),
            _ => (body, signature[..64], timestamp),
        };

        using var response = await SendAsync(sentBody, sentSignature, sentTimestamp);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public async Task A_timestamp_outside_the_freshness_window_gets_401_even_when_signed(int offsetSeconds)
    {
        const string body = """{"type":1}""";
        var timestamp = (_time.GetUtcNow().ToUnixTimeSeconds() + offsetSeconds).ToString(CultureInfo.InvariantCulture);

        using var stale = await SendAsync(body, _signer.Sign(timestamp, body), timestamp);
        using var fresh = await PostSignedAsync(body);

        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("[1,2]")]
    [InlineData("null")]
    [InlineData("""{"hello":"world"}""")]
    [InlineData("""{"type":"ping"}""")]
    public async Task A_signed_body_that_is_not_an_interaction_gets_400_and_the_next_request_succeeds(string body)
    {
        using var bad = await PostSignedAsync(body);
        using var next = await PostSignedAsync("""{"type":1}""");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_over_the_limit_gets_413_whatever_content_length_says(bool withContentLength)
    {
        var body = "{\"type\":1,\"padding\":\"" + new string('x', BodyLimit) + "\"}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/interactions");
        var bytes = Encoding.UTF8.GetBytes(body);
        request.Content = withContentLength ? new ByteArrayContent(bytes) : new StreamContent(new MemoryStream(bytes));
        if (!withContentLength)
        {
            request.Content.Headers.ContentLength = null;
        }

        request.Headers.Add("X-Signature-Ed25519", _signer.Sign(Now, bytes));
        request.Headers.Add("X-Signature-Timestamp", Now);

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_command_gets_its_reply_inline_as_the_http_body()
    {
        var interaction = Command("mycase", Sub("update", String("milestone", "interview"), String("date", "2024-05-01")));

        using var response = await PostSignedAsync(JsonSerializer.Serialize(interaction, DiscordJsonContext.Default.Interaction));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        var reply = JsonSerializer.Deserialize(body, DiscordJsonContext.Default.InteractionResponse)!;
        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, reply.Type);
        Assert.StartsWith("mycase update: milestone=interview", reply.Data!.Content, StringComparison.Ordinal);
        Assert.Contains("\"allowed_mentions\":{\"parse\":[]}", body, StringComparison.Ordinal);
        OpenApiSchemaValidator.Discord.AssertValidRequestBody("create_interaction_response", body);
        Assert.Empty(_rest.Calls);
    }

    [Fact]
    public async Task The_example_guild_command_signed_as_discord_would_is_answered_inline()
    {
        var body = File.ReadAllText(FixturePaths.DiscordExample("interaction-chat-input-guild.json"));

        using var response = await PostSignedAsync(body);

        var reply = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(), DiscordJsonContext.Default.InteractionResponse)!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("mycase update: milestone=interview, date=2024-05-01", reply.Data!.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slow_command_is_deferred_inline_then_edits_the_original_through_rest()
    {
        var interaction = Command("mod", Sub("import", Raw("file", ApplicationCommandOptionType.Attachment, "\"77\"")));
        interaction = interaction with
        {
            Data = interaction.Data! with { Resolved = new ResolvedData { Attachments = new Dictionary<string, Attachment> { ["77"] = new() { Id = 77, Filename = "cases.csv" } } } },
        };

        using var response = await PostSignedAsync(JsonSerializer.Serialize(interaction, DiscordJsonContext.Default.Interaction));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"type":5,"data":{"flags":64}}""", await response.Content.ReadAsStringAsync());
        Assert.Empty(_rest.Calls);

        _probe.Release.SetResult();
        await _rest.FirstEdit.WaitAsync(TimeSpan.FromSeconds(30));
        await _app.Services.GetRequiredService<DispatchTracker>().WhenIdleAsync(CancellationToken.None);

        Assert.Equal([$"edit {Interactions.ApplicationId}"], _rest.Calls);
        Assert.Equal("Imported cases.csv (validate).", Assert.Single(_rest.Edits).Content);
    }

    [Fact]
    public async Task An_interaction_delivered_twice_is_answered_once()
    {
        var body = JsonSerializer.Serialize(Command("help"), DiscordJsonContext.Default.Interaction);

        using var first = await PostSignedAsync(body);
        using var second = await PostSignedAsync(body);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal("", await second.Content.ReadAsStringAsync());
        Assert.Single(_probe.Scopes);
    }

    [Fact]
    public async Task Healthz_answers_200()
    {
        using var response = await _client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Logs_never_contain_tokens_or_signatures()
    {
        var body = JsonSerializer.Serialize(Command("mycase", Sub("broken")), DiscordJsonContext.Default.Interaction);
        var signature = _signer.Sign(Now, body);
        using var bad = await SendAsync(body + " ", signature, Now);
        using var good = await SendAsync(body, signature, Now);

        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var logs = _logs.AllText();
        Assert.Contains("invalid signature", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(signature, logs, StringComparison.OrdinalIgnoreCase);
    }

    private Task<HttpResponseMessage> PostSignedAsync(string body)
    {
        var timestamp = Now;
        return SendAsync(body, _signer.Sign(timestamp, body), timestamp);
    }

    private Task<HttpResponseMessage> SendAsync(string body, string? signature, string? timestamp)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/interactions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.Add("X-Signature-Ed25519", signature);
        }

        if (timestamp is not null)
        {
            request.Headers.Add("X-Signature-Timestamp", timestamp);
        }

        return _client.SendAsync(request);
    }
}
