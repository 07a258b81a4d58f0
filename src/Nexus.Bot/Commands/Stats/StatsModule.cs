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
}
