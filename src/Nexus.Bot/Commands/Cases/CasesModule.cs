using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nexus.Bot.Commands.Common;
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

    /// <summary>Adds the <c>/cases</c> handlers, the list view and the centre autocomplete.</summary>
    public static IServiceCollection AddCasesHandlers(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ModeratorGate>();
        services.TryAddSingleton<CaseListView>();
        services.TryAddScoped<CentreAutocomplete>();
        services.TryAddScoped<CasesHandler>();
        services.TryAddScoped<CasesPageHandler>();
        return services;
    }
}
