using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nexus.Bot.Commands.Common;
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

    /// <summary>Adds the <c>/nexus</c> handler and the centre autocomplete.</summary>
    public static IServiceCollection AddNexusTopicHandlers(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddScoped<NexusHandler>();
        services.TryAddScoped<CentreAutocomplete>();
        return services;
    }
}
