using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nexus.Bot.Commands.Cases;
using Nexus.Bot.Commands.Help;
using Nexus.Bot.Commands.MyCase;
using Nexus.Bot.Commands.NexusTopic;
using Nexus.Bot.Commands.Stats;
using Nexus.Discord.Dispatch;
using Nexus.Domain.Cases;
using Nexus.Domain.Statistics;

namespace Nexus.Bot.Commands;

/// <summary>
/// The member commands in one place: the host (Gateway, HTTP, shell, <c>commands export</c>) calls these
/// two methods and nothing else, so every transport runs the same definitions and handlers.
/// </summary>
public static class CommandCatalog
{
    /// <summary>Every member command definition and the component prefixes of their buttons.</summary>
    public static InteractionRegistryBuilder AddNexusCommands(this InteractionRegistryBuilder registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddMyCaseCommands()
            .AddStatsCommands()
            .AddCasesCommands()
            .AddHelpCommands()
            .AddNexusTopicCommands();
    }

    /// <summary>
    /// The handlers of the member commands and what they need beyond storage (<c>AddNexusStorage</c>):
    /// the statistics service, one per process because its cache is what keeps <c>/stats</c> fast.
    /// </summary>
    public static IServiceCollection AddNexusCommandHandlers(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => EnrolmentCentres.Default);
        services.TryAddSingleton(provider => new StatsService(
            provider.GetRequiredService<IStatsSource>(),
            provider.GetRequiredService<TimeProvider>(),
            StatsService.DefaultMaxSnapshotsPerServer,
            Freshness(provider.GetService<IConfiguration>())));
        return services
            .AddMyCaseHandlers()
            .AddStatsHandlers()
            .AddCasesHandlers()
            .AddHelpHandlers()
            .AddNexusTopicHandlers();
    }

    /// <summary>
    /// <c>Statistics:MaxStaleness</c> (default 00:00:30; 00:00:00 for always exact) and
    /// <c>Statistics:ExactBelowCases</c> (default 50000): how late a large server's figures may be.
    /// </summary>
    private static StatsFreshness Freshness(IConfiguration? configuration)
    {
        var defaults = StatsFreshness.Default;
        return configuration is null
            ? defaults
            : new StatsFreshness(
                configuration.GetValue("Statistics:MaxStaleness", defaults.MaxStaleness),
                configuration.GetValue("Statistics:ExactBelowCases", defaults.ExactBelowCases));
    }
}
