using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nexus.Discord.Dispatch;

namespace Nexus.Bot.Commands.MyCase;

/// <summary>Registers <c>/mycase</c> and its delete confirmation buttons.</summary>
public static class MyCaseModule
{
    /// <summary>Adds the <c>/mycase</c> definition and the <c>mycase:delete</c> buttons.</summary>
    public static InteractionRegistryBuilder AddMyCaseCommands(this InteractionRegistryBuilder registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddCommand(MyCaseCommand.Definition)
            .AddComponent<DeleteConfirmHandler>(MyCaseCommand.DeletePrefix);
    }

    /// <summary>Adds what the <c>/mycase</c> handlers need besides storage: the case view.</summary>
    public static IServiceCollection AddMyCaseServices(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<CaseView>();
        return services;
    }
}
