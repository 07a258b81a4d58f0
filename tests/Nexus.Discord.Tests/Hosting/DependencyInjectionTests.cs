using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Nexus.Discord.Commands;
using Nexus.Discord.Crypto;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Gateway;
using Nexus.Discord.Hosting;
using Nexus.Discord.Http;
using Nexus.Discord.Models;
using Nexus.Discord.Rest;
using Nexus.Discord.Tests.Support;
using Nexus.Testing;
using static Nexus.Discord.Tests.Support.Interactions;

namespace Nexus.Discord.Tests.Hosting;

public sealed class DependencyInjectionTests
{
    [Fact]
    public async Task The_real_graph_builds_with_scope_validation_and_resolves_every_piece()
    {
        using var host = Build(services => { });

        await host.StartAsync();
        try
        {
            var provider = host.Services;
            Assert.IsType<InteractionDispatcher>(provider.GetRequiredService<IInteractionDispatcher>());
            Assert.Same(provider.GetRequiredService<InteractionRegistry>(), provider.GetRequiredService<IApplicationCommandSource>());
            using (var other = provider.CreateScope())
            {
                // One endpoint for the process: it holds the verifier and the replay filter every request shares.
                Assert.Same(provider.GetRequiredService<InteractionsEndpoint>(), other.ServiceProvider.GetRequiredService<InteractionsEndpoint>());
            }

            var hosted = provider.GetServices<IHostedService>().ToList();
            Assert.Contains(hosted, s => s is GatewayInteractionPump);
            Assert.Contains(hosted, s => s is DispatchTracker);
            Assert.Equal(3, provider.GetRequiredService<IApplicationCommandSource>().GetApplicationCommands().Count);
            // A handler lives for one interaction: the same within a scope, a new one in the next.
            using var scope = provider.CreateScope();
            using var next = provider.CreateScope();
            var handler = scope.ServiceProvider.GetRequiredService<EchoHandler>();
            Assert.Same(handler, scope.ServiceProvider.GetRequiredService<EchoHandler>());
            Assert.NotSame(handler, next.ServiceProvider.GetRequiredService<EchoHandler>());
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public void One_piece_can_be_swapped_by_registering_it_first()
    {
        using var signer = new Ed25519TestSigner();
        var validator = new InteractionSignatureValidator(signer.PublicKeyHex);
        using var host = Build(services => services.AddSingleton(validator));

        Assert.Same(validator, host.Services.GetRequiredService<InteractionSignatureValidator>());
        Assert.IsType<InteractionDispatcher>(host.Services.GetRequiredService<IInteractionDispatcher>());
    }

    [Fact]
    public async Task Http_mode_without_a_public_key_stops_the_start_with_a_line_naming_the_key()
    {
        using var host = Build(services => services.Configure<DiscordOptions>(o => o.PublicKey = null));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.StartsWith("Discord:PublicKey is not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_definition_fails_at_registration_with_its_path()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<CommandDefinitionException>(() =>
            services.AddDiscordCore(r => r.AddCommand(SlashCommand.Create("Bad", "d").HandledBy<EchoHandler>())));

        Assert.Equal("/Bad: name \"Bad\" must be lowercase.", error.Message);
    }

    [Fact]
    public async Task The_gateway_pump_dispatches_concurrently_so_a_slow_handler_never_blocks_the_next()
    {
        var time = new FakeTimeProvider();
        var rest = new FakeDiscordRestClient();
        var probe = new HandlerProbe();
        using var host = Build(services => services.AddSingleton<TimeProvider>(time).AddSingleton<IDiscordRestClient>(rest).AddSingleton(probe));
        await host.StartAsync();
        var queue = host.Services.GetRequiredService<GatewayInteractionQueue>();
        var hang = Command("mycase", Sub("hang"));
        var help = Command("help");

        await queue.Writer.WriteAsync(new ReceivedInteraction(hang));
        await probe.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await queue.Writer.WriteAsync(new ReceivedInteraction(help));
        await queue.Writer.WriteAsync(new ReceivedInteraction(help)); // replayed after a resume: answered once

        await rest.FirstCallback.WaitAsync(TimeSpan.FromSeconds(30));

        // The hanging handler still runs; the next interaction was answered anyway, and its replay was not.
        Assert.Equal($"callback {help.Id} 4", Assert.Single(rest.Calls));
        time.Advance(TimeSpan.FromSeconds(2));
        time.Advance(TimeSpan.FromMinutes(14));
        await host.Services.GetRequiredService<DispatchTracker>().WhenIdleAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        await host.StopAsync();

        Assert.Equal([$"callback {help.Id} 4", $"callback {hang.Id} 5", $"delete {Interactions.ApplicationId}", $"followup {Interactions.ApplicationId}"], rest.Calls);
    }

    [Fact]
    public async Task The_pump_never_runs_more_than_the_configured_number_at_once_and_acknowledges_the_waiting_ones_in_time()
    {
        var time = new FakeTimeProvider();
        var rest = new FakeDiscordRestClient();
        var probe = new HandlerProbe();
        using var host = Build(services => services
            .AddSingleton<TimeProvider>(time).AddSingleton<IDiscordRestClient>(rest).AddSingleton(probe)
            .Configure<InteractionDispatchOptions>(o => o.MaxConcurrentInteractions = 1));
        await host.StartAsync();
        var queue = host.Services.GetRequiredService<GatewayInteractionQueue>();
        var tracker = host.Services.GetRequiredService<DispatchTracker>();
        var hang = Command("mycase", Sub("hang"));
        var help = Command("help");

        await queue.Writer.WriteAsync(new ReceivedInteraction(hang, time.GetTimestamp()));
        await probe.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await queue.Writer.WriteAsync(new ReceivedInteraction(help, time.GetTimestamp()));

        // One slot: help waits for the hanging handler. Both are deferred 2 s after they arrived, the waiting one too.
        time.Advance(TimeSpan.FromSeconds(2));
        await rest.WaitForCallsAsync(2).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal([$"callback {hang.Id} 5", $"callback {help.Id} 5"], rest.Calls.Order(StringComparer.Ordinal));

        // The hanging handler times out at 14 minutes; only then does help get the slot (or its own time runs
        // out in the same instant). Either way both are completed, and help was never answered twice.
        time.Advance(TimeSpan.FromMinutes(14));
        await tracker.WhenIdleAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        await host.StopAsync();
        var answers = rest.Edits.Concat(rest.FollowUps).Select(m => m.Content ?? "").ToList();
        Assert.Contains(answers, a => a.Contains("took too long", StringComparison.Ordinal));
        Assert.Equal(2, rest.Calls.Count(c => c.StartsWith("callback", StringComparison.Ordinal)));
    }

    private static IHost Build(Action<IServiceCollection> configure)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Environment.EnvironmentName = Environments.Development; // validates scopes and the graph on build
        builder.Services.Configure<DiscordOptions>(o =>
        {
            o.PublicKey = new Ed25519TestSigner().PublicKeyHex;
            o.ApplicationId = Interactions.ApplicationId;
        });
        configure(builder.Services);
        builder.Services.TryAddSingleton<IDiscordRestClient, FakeDiscordRestClient>();
        builder.Services.TryAddSingleton<HandlerProbe>();
        builder.Services.AddScoped<ScopeMarker>();
        builder.Services.AddDiscordCore(TestCommands.Register).AddDiscordHttpInteractions().AddDiscordGatewayInteractions();
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }));
        return builder.Build();
    }
}
