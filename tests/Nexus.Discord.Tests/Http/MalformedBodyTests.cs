using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nexus.Discord.Hosting;
using Nexus.Discord.Http;
using Nexus.Discord.Rest;
using Nexus.Discord.Tests.Support;
using Nexus.Testing;

namespace Nexus.Discord.Tests.Http;

/// <summary>
/// Issue 13: a malformed body from an unauthenticated client, through real Kestrel on loopback (the test
/// server does no HTTP framing): refused with one warning, never an error with a stack trace.
/// </summary>
public sealed class MalformedBodyTests : IAsyncLifetime, IDisposable
{
    private readonly Ed25519TestSigner _signer = new();
    private readonly CapturingLoggerProvider _logs = new();
    private WebApplication _app = null!;
    private int _port;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders().AddProvider(_logs).SetMinimumLevel(LogLevel.Trace);
        builder.Services.Configure<DiscordOptions>(o =>
        {
            o.Mode = DiscordMode.Http;
            o.PublicKey = _signer.PublicKeyHex;
            o.ApplicationId = Interactions.ApplicationId;
        });
        builder.Services.AddSingleton<IDiscordRestClient>(new FakeDiscordRestClient());
        builder.Services.AddSingleton(new HandlerProbe());
        builder.Services.AddScoped<ScopeMarker>();
        builder.Services.AddDiscordCore(TestCommands.Register).AddDiscordHttpInteractions();
        _app = builder.Build();
        _app.Urls.Add("http://127.0.0.1:0");
        _app.MapDiscordInteractions();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _port = new Uri(address).Port;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    public void Dispose()
    {
        _logs.Dispose();
        _signer.Dispose();
    }

    private async Task<string> SendRawAsync(string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, _port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await reader.ReadLineAsync(timeout.Token) ?? "";
    }

    [Theory]
    [InlineData("ZZZ\r\nhello\r\n0\r\n\r\n")]
    [InlineData("5\r\nhello-too-long\r\n0\r\n\r\n")]
    [InlineData("fffffffffffffffffff\r\nx\r\n")]
    public async Task A_malformed_chunked_body_gets_400_and_one_warning_without_a_stack_trace(string chunked)
    {
        var status = await SendRawAsync(
            "POST /interactions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
            + "X-Signature-Ed25519: 00\r\nX-Signature-Timestamp: 1\r\n\r\n" + chunked);

        Assert.True(status.StartsWith("HTTP/1.1 400", StringComparison.Ordinal), $"{status}: {_logs.AllText()}");
        await WaitFor.UntilAsync(() => _logs.Entries.Any(e => e.EventId == 1400), "the refusal's log line");
        var refusal = Assert.Single(_logs.Entries, e => e.EventId == 1400);
        Assert.Equal(LogLevel.Warning, refusal.Level);
        Assert.Contains("could not be read", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_logs.Entries, e => e.Level >= LogLevel.Error);
        Assert.DoesNotContain(_logs.Entries, e => e.Level >= LogLevel.Information && e.Exception is not null);
    }
}
