using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nexus.Bot.Commands.Mod;
using Nexus.Discord.Dispatch;

namespace Nexus.Bot.Commands.Cases;

/// <summary>Registers <c>/cases</c> and its page buttons.</summary>
public static class CasesModule
{
    /// <summary>Adds the <c>/cases</c> definition and the <c>cases:page</c> buttons.</summary>
    public static InteractionRegistryBuilder AddCasesCommands(this InteractionRegistryBuilder registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddCommand(CasesCommand.Definition)
            .AddComponent<CasesPageHandler>(CasesCommand.PagePrefix);
    }

    /// <summary>Adds what the <c>/cases</c> handlers need besides storage: the moderator gate and the list view.</summary>
    public static IServiceCollection AddCasesServices(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ModeratorGate>();
        services.TryAddSingleton<CaseListView>();
        return services;
    }
}
