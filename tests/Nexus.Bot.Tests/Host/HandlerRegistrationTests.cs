using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nexus.Bot.Commands;
using Nexus.Bot.Tests.Support;
using Nexus.Discord.Dispatch;

namespace Nexus.Bot.Tests.Host;

/// <summary>
/// The one convention for handlers: the registry names them, <c>AddDiscordCore</c> registers each as scoped,
/// and no module registers one itself.
/// </summary>
public sealed class HandlerRegistrationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Every_handler_the_registry_names_is_registered_once_as_scoped_and_lives_per_interaction()
    {
        IServiceCollection? services = null;
        using var host = NexusHost.BuildToolHost([], s => services = s, LogLevel.Warning, _folder.Database);
        var handlers = host.Services.GetRequiredService<InteractionRegistry>().HandlerTypes.ToList();

        // Every kind of route: command and subcommand handlers, autocomplete, buttons.
        Assert.Contains(handlers, t => t.Name == "MyCaseUpdateHandler");
        Assert.Contains(handlers, t => t.Name == "CentreAutocomplete");
        Assert.Contains(handlers, t => t.Name == "CasesPageHandler");
        Assert.Contains(handlers, t => t.Name == "ModPruneButtonHandler");
        foreach (var handler in handlers)
        {
            var descriptor = Assert.Single(services!, d => d.ServiceType == handler);
            Assert.Equal(ServiceLifetime.Scoped, descriptor.Lifetime);
        }

        using var first = host.Services.CreateScope();
        using var second = host.Services.CreateScope();
        foreach (var handler in handlers)
        {
            var instance = first.ServiceProvider.GetRequiredService(handler);
            Assert.Same(instance, first.ServiceProvider.GetRequiredService(handler));
            Assert.NotSame(instance, second.ServiceProvider.GetRequiredService(handler));
        }
    }

    [Fact]
    public void The_modules_register_what_handlers_need_but_never_a_handler()
    {
        var services = new ServiceCollection();
        services.AddNexusCommandServices();

        var handlers = new InteractionRegistryBuilder().AddNexusCommands().Build().HandlerTypes.ToHashSet();

        Assert.NotEmpty(handlers);
        Assert.DoesNotContain(services, d => handlers.Contains(d.ServiceType));
        // What they do register: the views and gates the handlers take.
        Assert.Contains(services, d => d.ServiceType.Name == "CaseView");
        Assert.Contains(services, d => d.ServiceType.Name == "ModeratorGate");
    }
}
