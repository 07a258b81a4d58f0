using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexus.Discord.Commands;
using Nexus.Discord.Crypto;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Gateway;
using Nexus.Discord.Http;

namespace Nexus.Discord.Hosting;

/// <summary>
/// Registers the Discord client's pieces. Everything is added with TryAdd, so a test (or the shell) can
/// register its own implementation of any one piece first and keep the rest.
/// </summary>
public static class DiscordServiceCollectionExtensions
{
    /// <summary>
    /// The dispatcher and everything it needs: the registry built (and validated, failing fast with the
    /// command path) from <paramref name="configure"/>, every handler as scoped, the REST responder, the
    /// duplicate filter, the dispatch tracker and the gateway queue. The REST client itself
    /// (<see cref="Rest.IDiscordRestClient"/>) is registered by the REST layer.
    /// </summary>
    /// <example>
    /// <code>
    /// services.AddDiscordCore(r => r
    ///     .AddCommand(MyCaseCommand.Definition)
    ///     .AddComponent&lt;CasesPageHandler&gt;("cases:page"));
    /// </code>
    /// </example>
    public static IServiceCollection AddDiscordCore(this IServiceCollection services, Action<InteractionRegistryBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new InteractionRegistryBuilder();
        configure(builder);
        var registry = builder.Build();
        foreach (var handlerType in registry.HandlerTypes)
        {
            services.TryAddScoped(handlerType);
        }

        services.AddOptions<InteractionDispatchOptions>()
            .Configure<IServiceProvider>((options, provider) => provider.GetService<IConfiguration>()?.GetSection(InteractionDispatchOptions.SectionName).Bind(options))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(registry);
        services.TryAddSingleton<IApplicationCommandSource>(provider => provider.GetRequiredService<InteractionRegistry>());
        // An id is remembered for as long as a replay of its signed request would pass the timestamp check, and
        // at least as long as its token lives (15 minutes), within which a gateway redelivery could still be answered.
        services.TryAddSingleton(provider => new RecentInteractionIds(
            provider.GetRequiredService<TimeProvider>(),
            TimeSpan.FromSeconds(Math.Max(provider.GetRequiredService<IOptions<DiscordOptions>>().Value.TimestampToleranceSeconds, 15 * 60)),
            provider.GetRequiredService<IOptions<InteractionDispatchOptions>>().Value.RecentInteractionCapacity));
        services.TryAddSingleton<IInteractionExceptionClassifier, NoExceptionClassifier>();
        services.TryAddSingleton<IInteractionHandlerScope, NoHandlerScope>();
        services.TryAddSingleton<IDispatcherTexts, EnglishDispatcherTexts>();
        services.TryAddSingleton<IInteractionDispatcher, InteractionDispatcher>();
        services.TryAddSingleton<RestInteractionResponder>();
        services.TryAddSingleton<GatewayInteractionQueue>();
        if (!services.Any(d => d.ServiceType == typeof(DispatchTracker)))
        {
            services.AddSingleton<DispatchTracker>();
            services.AddHostedService(provider => provider.GetRequiredService<DispatchTracker>());
        }

        return services;
    }

    /// <summary>Gateway mode: the pump that dispatches what the gateway queues.</summary>
    public static IServiceCollection AddDiscordGatewayInteractions(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHostedService<GatewayInteractionPump>();
        return services;
    }

    /// <summary>
    /// HTTP mode: the Ed25519 signature validator for <c>Discord:PublicKey</c> and the endpoint. Map it with
    /// <see cref="InteractionsEndpointExtensions.MapDiscordInteractions"/>. Checks at start that the public
    /// key and application id are set.
    /// </summary>
    public static IServiceCollection AddDiscordHttpInteractions(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddRouting();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DiscordOptions>, HttpModeOptionsValidator>());
        // Bound here too so the endpoint works whoever else binds the section (binding twice is harmless).
        services.AddOptions<DiscordOptions>()
            .Configure<IServiceProvider>((options, provider) => provider.GetService<IConfiguration>()?.GetSection(DiscordOptions.SectionName).Bind(options))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(provider => new InteractionSignatureValidator(
            provider.GetRequiredService<IOptions<DiscordOptions>>().Value.PublicKey ?? ""));
        services.TryAddSingleton<InteractionsEndpoint>();
        return services;
    }
}

/// <summary>HTTP mode needs the public key (to verify requests) and the application id (for follow-ups).</summary>
internal sealed class HttpModeOptionsValidator : IValidateOptions<DiscordOptions>
{
    public ValidateOptionsResult Validate(string? name, DiscordOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.PublicKey))
        {
            return ValidateOptionsResult.Fail("Discord:PublicKey is not set: copy the Public Key from the Developer Portal (General Information) into user-secrets or the Discord__PublicKey environment variable.");
        }

        try
        {
            // Built once here so that a key that is not an Ed25519 key stops the start, not the first request.
            _ = new InteractionSignatureValidator(options.PublicKey);
        }
        catch (ArgumentException)
        {
            return ValidateOptionsResult.Fail("Discord:PublicKey must be 64 hexadecimal characters (the Public Key from the Developer Portal).");
        }

        return options.ApplicationId == 0
            ? ValidateOptionsResult.Fail("Discord:ApplicationId is not set: copy the Application ID from the Developer Portal.")
            : ValidateOptionsResult.Success;
    }
}
