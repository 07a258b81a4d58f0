using Nexus.Discord.Dispatch;

namespace Nexus.Bot.Commands.NexusTopic;

/// <summary>Registers <c>/nexus</c>.</summary>
public static class NexusModule
{
    /// <summary>Adds the <c>/nexus</c> definition.</summary>
    public static InteractionRegistryBuilder AddNexusTopicCommands(this InteractionRegistryBuilder registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.AddCommand(NexusCommand.Definition);
    }
}
