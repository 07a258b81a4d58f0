using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Moq;
using Nexus.Discord.Commands;
using Nexus.Discord.Gateway;
using Nexus.Discord.Hosting;
using Nexus.Discord.Registration;
using Nexus.Discord.Rest;

namespace Nexus.Discord.Tests.Gateway;

public sealed class DiscordServiceRegistrationTests
{
    [Fact]
    public void The_real_graph_builds_with_scope_validation_and_registers_each_part_once()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IHostApplicationLifetime>(Mock.Of<IHostApplicationLifetime>());
        services.AddSingleton(Mock.Of<IApplicationCommandSource>());
        services.Configure<DiscordOptions>(o => o.Token = "FAKE.BOT.TOKEN-not-real");
        services.AddDiscordRest();
        services.AddDiscordGateway();
        services.AddDiscordCommandRegistration();

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });

        Assert.IsType<DiscordRestClient>(provider.GetRequiredService<IDiscordRestClient>());
        Assert.IsType<ClientWebSocketGatewayTransport>(provider.GetRequiredService<IGatewayTransport>());
        Assert.IsType<FileRegistrationStateStore>(provider.GetRequiredService<IRegistrationStateStore>());
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        var hosted = provider.GetServices<IHostedService>().ToList();
        Assert.Single(hosted.OfType<DiscordGatewayClient>());
        Assert.Single(hosted.OfType<CommandRegistrationService>());
    }

    [Fact]
    public void Parts_registered_first_are_kept_so_tests_can_swap_them()
    {
        var clock = new FakeTimeProvider();
        var transport = new FakeGatewayTransport();
        var store = Mock.Of<IRegistrationStateStore>();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<IGatewayTransport>(transport);
        services.AddSingleton(store);
        services.AddDiscordRest();
        services.AddDiscordGateway();
        services.AddDiscordCommandRegistration();

        using var provider = services.BuildServiceProvider();

        Assert.Same(clock, provider.GetRequiredService<TimeProvider>());
        Assert.Same(transport, provider.GetRequiredService<IGatewayTransport>());
        Assert.Same(store, provider.GetRequiredService<IRegistrationStateStore>());
    }
}
