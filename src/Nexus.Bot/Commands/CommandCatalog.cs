using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexus.Bot.Commands.Cases;
using Nexus.Bot.Commands.Config;
using Nexus.Bot.Commands.Help;
using Nexus.Bot.Commands.Mod;
using Nexus.Bot.Commands.MyCase;
using Nexus.Bot.Commands.NexusTopic;
using Nexus.Bot.Commands.Stats;
using Nexus.Discord.Dispatch;
using Nexus.Domain.Cases;
using Nexus.Domain.Settings;
using Nexus.Domain.Statistics;

namespace Nexus.Bot.Commands;

/// <summary>
/// Every command in one place, the members' and the moderators': the host (Gateway, HTTP, shell,
/// <c>commands export</c>) calls these two methods and nothing else, so every transport runs the same
/// definitions and handlers.
/// </summary>
/// <remarks>
/// One convention for every module (<c>Commands/&lt;Name&gt;/&lt;Name&gt;Module.cs</c>):
/// <c>Add&lt;Name&gt;Commands</c> adds its definitions and button routes to the registry, which names every
/// handler type; <c>AddDiscordCore</c> registers each of those as scoped, so a module never registers a
/// handler itself. A module whose handlers need services beyond storage and the shared ones below has an
/// <c>Add&lt;Name&gt;Services</c>, called from <see cref="AddNexusCommandServices"/>.
/// </remarks>
public static class CommandCatalog
{
    /// <summary>Every command definition and the component prefixes of their buttons.</summary>
    public static InteractionRegistryBuilder AddNexusCommands(this InteractionRegistryBuilder registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddMyCaseCommands()
            .AddStatsCommands()
            .AddCasesCommands()
            .AddHelpCommands()
            .AddNexusTopicCommands()
            .AddModCommands()
            .AddConfigCommands();
    }

    /// <summary>
    /// What the handlers need beyond storage (<c>AddNexusStorage</c>) and beyond themselves (see the remarks):
    /// the shared clock, the centres and the statistics service (read by <c>/stats</c>, <c>/mycase show</c>'s
    /// estimate and the feed) with its validated <c>Statistics</c> options, one per process because its cache is
    /// what keeps <c>/stats</c> fast; then each module's own services.
    /// </summary>
    public static IServiceCollection AddNexusCommandServices(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => EnrolmentCentres.Default);
        services.AddOptions<StatisticsOptions>().BindConfiguration(StatisticsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(provider => new StatsService(
            provider.GetRequiredService<IStatsSource>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<StatsService>>(),
            StatsService.DefaultMaxSnapshotsPerServer,
            provider.GetRequiredService<IOptions<StatisticsOptions>>().Value.ToFreshness(),
            provider.GetRequiredService<ServerCalendar>()));
        return services
            .AddMyCaseServices()
            .AddStatsServices()
            .AddCasesServices()
            .AddModServices()
            .AddConfigServices();
    }
}
