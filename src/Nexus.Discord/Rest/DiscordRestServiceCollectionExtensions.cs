using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Nexus.Discord.Hosting;

namespace Nexus.Discord.Rest;

/// <summary>Registers the REST client.</summary>
public static class DiscordRestServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IDiscordRestClient"/> as a typed <see cref="HttpClient"/> whose base address is
    /// <c>Discord:ApiBaseUrl</c> + <c>/v10/</c>, with <see cref="DiscordAuthHandler"/> (outer) and
    /// <see cref="DiscordRateLimitHandler"/> (inner); plus the shared <see cref="DiscordRateLimiter"/>, a default
    /// <see cref="DiscordRestPolicy"/> and <see cref="TimeProvider.System"/>, each only if not registered yet,
    /// so a test can put its own clock, policy or primary handler in their place.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The client builder, e.g. for <c>ConfigurePrimaryHttpMessageHandler</c> in tests.</returns>
    public static IHttpClientBuilder AddDiscordRest(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<DiscordOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DiscordRestPolicy>();
        services.TryAddSingleton<DiscordRateLimiter>();
        services.TryAddTransient<DiscordAuthHandler>();
        services.TryAddTransient<DiscordRateLimitHandler>();

        return services
            .AddHttpClient<IDiscordRestClient, DiscordRestClient>((provider, client) =>
            {
                var options = provider.GetRequiredService<IOptions<DiscordOptions>>().Value;
                client.BaseAddress = new Uri(options.ApiBaseUrl.TrimEnd('/') + "/v10/", UriKind.Absolute);

                // A call includes its rate limit waits and retries, which can exceed the 100 s default;
                // callers bound their calls with a cancellation token, this is only the last-resort cap.
                client.Timeout = TimeSpan.FromMinutes(5);
            })
            // The factory's default request logging writes full URLs, and interaction tokens are in the paths
            // of webhook and callback routes. Our rate limit handler logs route templates instead.
            .RemoveAllLoggers()
            .AddHttpMessageHandler<DiscordAuthHandler>()
            .AddHttpMessageHandler<DiscordRateLimitHandler>();
    }
}
