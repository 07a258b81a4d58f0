using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Bot.Hosting;
using Nexus.Bot.Tests.Hardening;
using Nexus.Testing;

namespace Nexus.Bot.Tests.Support;

/// <summary>
/// The real bot in HTTP mode on a TestServer, as the HTTP tests run it: requests verified against
/// <paramref name="signer"/>'s key, every REST call to <paramref name="rest"/>, the registration record in
/// <see cref="TempFolder.Path"/>. <c>settings</c> adds command-line settings (the database among them, so a
/// test can start without one); <c>configure</c> adjusts the builder (logging, a replaced service).
/// </summary>
internal static class HttpBot
{
    public static WebApplication Build(TempFolder folder, Ed25519TestSigner signer, HttpMessageHandler rest, IEnumerable<string> settings, Action<WebApplicationBuilder>? configure = null) =>
        NexusHost.BuildHttpApp(
            [
                "--Discord:Mode=Http",
                $"--Discord:PublicKey={signer.PublicKeyHex}",
                $"--Discord:ApplicationId={BotRequests.ApplicationId.ToString(CultureInfo.InvariantCulture)}",
                $"--Discord:Registration:StateDirectory={folder.Path}",
                .. settings,
            ],
            builder =>
            {
                builder.WebHost.UseTestServer();
                builder.Services.ConfigureHttpClientDefaults(client => client.ConfigurePrimaryHttpMessageHandler(() => rest));
                configure?.Invoke(builder);
            });

    /// <summary><see cref="Build"/>, then the bot's start-up checks and migrations (unless <paramref name="prepare"/> is false), then started.</summary>
    public static async Task<WebApplication> StartAsync(
        TempFolder folder, Ed25519TestSigner signer, HttpMessageHandler rest, IEnumerable<string> settings, Action<WebApplicationBuilder>? configure = null, bool prepare = true)
    {
        var app = Build(folder, signer, rest, settings, configure);
        if (prepare)
        {
            await NexusHost.PrepareAsync(app.Services);
        }

        await app.StartAsync();
        return app;
    }
}
