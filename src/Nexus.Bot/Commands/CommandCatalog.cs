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
using Nexus.Domain.Statistics;

namespace Nexus.Bot.Commands;

/// <summary>
/// Every command in one place, the members' and the moderators': the host (Gateway, HTTP, shell,
/// <c>commands export</c>) calls these two methods and nothing else, so every transport runs the same
/// definitions and handlers. A new command module is added here, in both methods.
/// </summary>
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
    /// The handlers of every command and what they need beyond storage (<c>AddNexusStorage</c>): the
    /// statistics service with its validated <c>Statistics</c> options, one per process because its cache is
    /// what keeps <c>/stats</c> fast.
    /// </summary>
    public static IServiceCollection AddNexusCommandHandlers(this IServiceCollection services)
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
            provider.GetRequiredService<IOptions<StatisticsOptions>>().Value.ToFreshness()));
        return services
            .AddMyCaseHandlers()
            .AddStatsHandlers()
            .AddCasesHandlers()
            .AddHelpHandlers()
            .AddNexusTopicHandlers()
            .AddModHandlers()
            .AddConfigHandlers();
    }
}
