using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Nexus.Discord.Registration;

/// <summary>Registers start-up command registration.</summary>
public static class CommandRegistrationServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="CommandRegistrationService"/> (as itself and as a hosted service) and
    /// <see cref="FileRegistrationStateStore"/> as <see cref="IRegistrationStateStore"/> unless another store is
    /// registered. Needs <c>AddDiscordRest</c> and an <c>IApplicationCommandSource</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Optional: e.g. the directory of the state file.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddDiscordCommandRegistration(this IServiceCollection services, Action<CommandRegistrationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<CommandRegistrationOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        services.TryAddSingleton<IRegistrationStateStore, FileRegistrationStateStore>();
        services.TryAddSingleton<CommandRegistrationService>();
        services.AddHostedService(provider => provider.GetRequiredService<CommandRegistrationService>());
        return services;
    }
}
