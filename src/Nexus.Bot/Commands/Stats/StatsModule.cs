using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nexus.Bot.Commands.Common;
using Nexus.Discord.Dispatch;

namespace Nexus.Bot.Commands.Stats;

/// <summary>Registers <c>/stats</c>.</summary>
public static class StatsModule
{
    /// <summary>Adds the <c>/stats</c> definition.</summary>
    public static InteractionRegistryBuilder AddStatsCommands(this InteractionRegistryBuilder registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.AddCommand(StatsCommand.Definition);
    }

    /// <summary>Adds the <c>/stats</c> handler and the centre autocomplete.</summary>
    public static IServiceCollection AddStatsHandlers(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddScoped<StatsHandler>();
        services.TryAddScoped<CentreAutocomplete>();
        return services;
    }
}
