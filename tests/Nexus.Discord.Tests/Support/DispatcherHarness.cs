using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Hosting;
using Nexus.Discord.Rest;
using Nexus.Testing;

namespace Nexus.Discord.Tests.Support;

/// <summary>The real dispatcher over the real DI registration, with a fake clock, a fake REST client and captured logs.</summary>
public sealed class DispatcherHarness : IDisposable
{
    public DispatcherHarness(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        configure?.Invoke(services);
        services.AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IDiscordRestClient>(Rest);
        services.AddSingleton(Probe);
        services.AddScoped<ScopeMarker>();
        services.AddDiscordCore(TestCommands.Register);
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        Dispatcher = Services.GetRequiredService<IInteractionDispatcher>();
    }

    public FakeTimeProvider Time { get; } = new();

    public FakeDiscordRestClient Rest { get; } = new();

    public HandlerProbe Probe { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new();

    public ServiceProvider Services { get; }

    public IInteractionDispatcher Dispatcher { get; }

    public async Task<RecordingResponder> DispatchAsync(Models.Interaction interaction)
    {
        var responder = new RecordingResponder();
        await Dispatcher.DispatchAsync(interaction, responder, CancellationToken.None);
        return responder;
    }

    public void Dispose() => Services.Dispose();
}
