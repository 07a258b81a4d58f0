using System.Net.Http.Headers;
using System.Reflection;
using Microsoft.Extensions.Options;
using Nexus.Discord.Hosting;

namespace Nexus.Discord.Rest;

/// <summary>
/// Adds <c>Authorization: Bot &lt;token&gt;</c> and the <c>User-Agent: DiscordBot (url, version)</c> Discord
/// requires (without it Cloudflare may block the request). Interaction routes are authorised by the token
/// in their path, so they go without the header when no bot token is configured (HTTP mode without a
/// token); any other route then fails before anything is sent, rather than earning a 401.
/// </summary>
/// <param name="options">The Discord options (token, User-Agent URL).</param>
public sealed class DiscordAuthHandler(IOptions<DiscordOptions> options) : DelegatingHandler
{
    private static readonly string Version =
        (typeof(DiscordAuthHandler).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "1.0.0")
        .Split('+')[0];

    /// <summary>The User-Agent value for <paramref name="url"/>: <c>DiscordBot (url, version)</c>.</summary>
    public static string UserAgentFor(string url) => $"DiscordBot ({url}, {Version})";

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var route = DiscordRoute.Of(request);
        var current = options.Value;
        if (!string.IsNullOrWhiteSpace(current.Token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bot", current.Token);
        }
        else if (!route.IsInteraction)
        {
            throw new InvalidOperationException($"Discord:Token is not set; {route.Display} needs the bot token.");
        }

        request.Headers.Remove("User-Agent");
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgentFor(current.UserAgentUrl));
        return base.SendAsync(request, cancellationToken);
    }
}
