using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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

    /// <summary>The chart renderer, its cache (one per process) and the start-up check that warms it.</summary>
    public static IServiceCollection AddStatsServices(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<StatsChart>();
        services.TryAddSingleton<StatsChartCache>();
        services.AddHostedService<StatsChartWarmUp>();
        return services;
    }
}
