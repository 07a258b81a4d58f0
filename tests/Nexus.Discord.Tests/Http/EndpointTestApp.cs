using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Hosting;
using Nexus.Discord.Http;
using Nexus.Discord.Rest;
using Nexus.Discord.Tests.Support;

namespace Nexus.Discord.Tests.Http;

/// <summary>
/// The HTTP interactions endpoint on the real ASP.NET Core pipeline (TestServer), with the test commands, a
/// test key, a fake clock, a stub REST client and captured logs: what every endpoint test starts from.
/// </summary>
internal static class EndpointTestApp
{
    public static async Task<(WebApplication App, HttpClient Client)> StartAsync(
        Ed25519TestSigner signer,
        TimeProvider time,
        IDiscordRestClient rest,
        HandlerProbe probe,
        ILoggerProvider logs,
        LogLevel minimumLevel,
        int bodyLimit,
        Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(minimumLevel);
        builder.Services.Configure<DiscordOptions>(o =>
        {
            o.Mode = DiscordMode.Http;
            o.PublicKey = signer.PublicKeyHex;
            o.ApplicationId = Interactions.ApplicationId;
            o.MaxRequestBodyBytes = bodyLimit;
            o.TimestampToleranceSeconds = 300;
        });
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(rest);
        builder.Services.AddSingleton(probe);
        builder.Services.AddScoped<ScopeMarker>();

        // Before AddDiscordCore, whose TryAdds then keep what a test registered (e.g. a counting dispatcher).
        configure?.Invoke(builder.Services);
        builder.Services.AddDiscordCore(TestCommands.Register).AddDiscordHttpInteractions();
        var app = builder.Build();
        app.MapDiscordInteractions();
        await app.StartAsync();
        return (app, app.GetTestClient());
    }
}
