using Nexus.Discord.Dispatch;

namespace Nexus.Bot.Commands.Help;

/// <summary>Registers <c>/help</c>.</summary>
public static class HelpModule
{
    /// <summary>Adds the <c>/help</c> definition.</summary>
    public static InteractionRegistryBuilder AddHelpCommands(this InteractionRegistryBuilder registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.AddCommand(HelpCommand.Definition);
    }
}
