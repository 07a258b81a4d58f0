using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nexus.Discord.Hosting;
using Nexus.Discord.Rest;
using Nexus.Discord.Tests.Gateway;

namespace Nexus.Discord.Tests.Rest;

/// <summary>The real DI graph of <c>AddDiscordRest</c>, with a stub primary handler and a fake clock.</summary>
internal sealed class RestHarness : IDisposable
{
    public const string BotToken = "FAKE.BOT.TOKEN-not-real";
    public const string UserAgentUrl = "https://example.org/nexus";

    private readonly ServiceProvider _provider;

    public RestHarness(string? token = BotToken, Action<DiscordRestPolicy>? policy = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(Logs));
        services.AddSingleton<TimeProvider>(Clock);
        var restPolicy = new DiscordRestPolicy();
        policy?.Invoke(restPolicy);
        services.AddSingleton(restPolicy);
        services.Configure<DiscordOptions>(o =>
        {
            o.Token = token;
            o.ApiBaseUrl = "http://discord.test/api";
            o.UserAgentUrl = UserAgentUrl;
        });
        services.AddDiscordRest().ConfigurePrimaryHttpMessageHandler(() => Stub);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        Client = _provider.GetRequiredService<IDiscordRestClient>();
    }

    public FakeClock Clock { get; } = new();

    public StubDiscordHandler Stub { get; } = new();

    public LogCapture Logs { get; } = new();

    public IDiscordRestClient Client { get; }

    public DiscordRateLimiter Limiter => _provider.GetRequiredService<DiscordRateLimiter>();

    public void Dispose() => _provider.Dispose();
}
