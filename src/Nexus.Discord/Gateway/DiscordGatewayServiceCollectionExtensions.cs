using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Nexus.Discord.Gateway;

/// <summary>Registers the gateway client.</summary>
public static class DiscordGatewayServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="DiscordGatewayClient"/> as a hosted service, with its parts: the
    /// <see cref="GatewayInteractionQueue"/>, <see cref="ClientWebSocketGatewayTransport"/> as
    /// <see cref="IGatewayTransport"/>, <see cref="GatewayIdentifyLimiter"/>, <see cref="GatewayReconnectPolicy"/>,
    /// <see cref="SystemGatewayRandom"/>, <see cref="HostGatewayShutdown"/> and <see cref="TimeProvider.System"/>.
    /// Each part is added only if not registered yet, so tests register their fakes first. Needs
    /// <c>AddDiscordRest</c> for <c>GET /gateway/bot</c>. The client does nothing unless <c>Discord:Mode</c> is Gateway.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddDiscordGateway(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GatewayInteractionQueue>();
        services.TryAddSingleton<IGatewayTransport, ClientWebSocketGatewayTransport>();
        services.TryAddSingleton<GatewayIdentifyLimiter>();
        services.TryAddSingleton<GatewayReconnectPolicy>();
        services.TryAddSingleton<IGatewayRandom, SystemGatewayRandom>();
        services.TryAddSingleton<IGatewayShutdown, HostGatewayShutdown>();
        services.AddHostedService<DiscordGatewayClient>();
        return services;
    }
}
