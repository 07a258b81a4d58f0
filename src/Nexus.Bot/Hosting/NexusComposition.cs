using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Nexus.Bot.Commands;
using Nexus.Bot.Feed;
using Nexus.Bot.Localization;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Gateway;
using Nexus.Discord.Hosting;
using Nexus.Discord.Registration;
using Nexus.Discord.Rest;
using Nexus.Domain.Storage;

namespace Nexus.Bot.Hosting;

/// <summary>
/// The composition root: the one place that says what the bot is made of. Gateway mode, HTTP mode, the
/// shell and the CLI verbs all call these methods, so every way in runs the same commands and handlers.
/// A new command module is added to <see cref="Commands.CommandCatalog"/>, which both
/// <see cref="AddNexusInteractions"/> and <see cref="AddNexusApplication"/> call.
/// </summary>
internal static class NexusComposition
{
    /// <summary>
    /// Every command, component and modal route: the registry behind registration, routing, option binding,
    /// <c>commands export</c> and the shell. Handlers are registered as scoped by <c>AddDiscordCore</c>.
    /// </summary>
    public static IServiceCollection AddNexusInteractions(this IServiceCollection services) =>
        services.AddDiscordCore(registry => registry
            .AddNexusCommands()
            .Translate(CommandTranslations.Instance));

    /// <summary>
    /// Storage (with the migrator), the services the handlers need, and the interactions: what every
    /// transport shares. No transport and no REST client here.
    /// </summary>
    public static IServiceCollection AddNexusApplication(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddNexusStorage();
        services.AddNexusCommandServices();
        services.AddNexusDispatchSeams();
        services.AddNexusInteractions();
        return services;
    }

    /// <summary>
    /// What the bot plugs into the dispatcher: the storage-outage classifier, its own answers in the member's
    /// language, and the per-interaction scope (language, write origin). Before AddDiscordCore, whose TryAdd would
    /// otherwise register the defaults that know nothing of Nexus.
    /// </summary>
    internal static IServiceCollection AddNexusDispatchSeams(this IServiceCollection services)
    {
        services.TryAddSingleton<IInteractionExceptionClassifier, StorageUnavailableClassifier>();
        services.TryAddSingleton<IDispatcherTexts, DispatcherTexts>();
        services.TryAddSingleton<IInteractionHandlerScope, HandlerScope>();
        return services;
    }

    /// <summary>
    /// Everything the bot needs to talk to Discord in <paramref name="mode"/>: the shared application, the
    /// validated <c>Discord</c> options, REST, start-up command registration, and the transport's own parts
    /// (the gateway and its pump, or the HTTP endpoint's verifier; the endpoint itself is mapped on the app).
    /// </summary>
    public static IServiceCollection AddNexusBot(this IServiceCollection services, DiscordMode mode)
    {
        ArgumentNullException.ThrowIfNull(services);
        // Before the application and the transports: the host stops services in the reverse order, so the
        // log is flushed once the dispatcher (and everything that writes) has stopped.
        services.AddHostedService<StorageShutdown>();
        services.AddOptions<ShutdownOptions>()
            .BindConfiguration(ShutdownOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<HostOptions>()
            .Configure<IOptions<ShutdownOptions>>((host, shutdown) => host.ShutdownTimeout = shutdown.Value.Timeout);
        services.AddNexusApplication();
        services.AddOptions<DiscordOptions>()
            .BindConfiguration(DiscordOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DiscordOptions>, DiscordModeOptionsValidator>());
        services.AddDiscordRest();

        // The feed and members' direct messages post through REST, so they belong to the Discord transports (the
        // shell prints them instead); without a bot token (HTTP mode may run without one) nothing can be posted.
        services.Replace(ServiceDescriptor.Singleton(sp => OutboundMessaging.For(sp.GetRequiredService<IOptions<DiscordOptions>>().Value)));
        services.AddFeed();
        services.AddMemberNoticeMessages();

        services.AddNexusCommandRegistration();

        if (mode == DiscordMode.Http)
        {
            services.AddDiscordHttpInteractions();
        }
        else
        {
            services.AddDiscordGateway();
            services.AddDiscordGatewayInteractions();
        }

        return services;
    }

    /// <summary>
    /// Command registration with Discord (at the bot's start, and the <c>commands register</c> verb), bound from
    /// <c>Discord:Registration</c>. The record of what was registered belongs to the database: beside the SQLite
    /// file and named after it, so each database (a staging copy beside the real one) has its own.
    /// </summary>
    public static IServiceCollection AddNexusCommandRegistration(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddDiscordCommandRegistration();
        services.AddOptions<CommandRegistrationOptions>()
            .BindConfiguration(CommandRegistrationOptions.SectionName)
            .PostConfigure<IOptions<StorageOptions>>((registration, storage) =>
            {
                var (directory, file) = RegistrationState(storage.Value);
                if (string.IsNullOrWhiteSpace(registration.StateDirectory))
                {
                    registration.StateDirectory = directory;
                }

                if (string.IsNullOrWhiteSpace(registration.StateFileName))
                {
                    registration.StateFileName = file;
                }
            });
        return services;
    }

    /// <summary>
    /// Where the record of the last command registration lives, per database: beside a SQLite file, named after it
    /// (<c>nexus.db.commands.sha256</c>); for SQL Server (or an in-memory SQLite database), in <c>.nexus</c> beside
    /// the app, named after a hash of the server and database names (never the credentials).
    /// </summary>
    public static (string Directory, string FileName) RegistrationState(StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        string identity;
        if (storage.Provider == StorageProvider.Sqlite)
        {
            if (SqliteConnectionFactory.DatabaseFile(storage.EffectiveConnectionString) is { } file)
            {
                var path = Path.GetFullPath(file);
                return (Path.GetDirectoryName(path) ?? AppContext.BaseDirectory, Path.GetFileName(path) + ".commands.sha256");
            }

            identity = "sqlite:" + new SqliteConnectionStringBuilder(storage.EffectiveConnectionString).DataSource;
        }
        else
        {
            var builder = new SqlConnectionStringBuilder(storage.EffectiveConnectionString);
            identity = $"sqlserver:{builder.DataSource}/{builder.InitialCatalog}";
        }

        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity.ToUpperInvariant())))[..16];
        return (Path.Combine(AppContext.BaseDirectory, ".nexus"), $"commands-{name}.sha256");
    }

    /// <summary>
    /// Adds user-secrets to the configuration whatever the environment, just before the environment
    /// variables, so the documented precedence holds: appsettings.json, user-secrets, environment, command line.
    /// (The default builder reads user-secrets only in Development, and <c>dotnet run</c> runs as Production.)
    /// </summary>
    public static void AddUserSecretsInOrder(IConfigurationManager configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var secrets = new ConfigurationBuilder().AddUserSecrets(typeof(NexusComposition).Assembly, optional: true, reloadOnChange: false).Sources[^1];
        var already = configuration.Sources.OfType<Microsoft.Extensions.Configuration.Json.JsonConfigurationSource>()
            .Any(s => string.Equals(s.Path, "secrets.json", StringComparison.OrdinalIgnoreCase));
        if (already)
        {
            return;
        }

        var index = configuration.Sources
            .Select((source, i) => (source, i))
            .FirstOrDefault(x => x.source is Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationSource { Prefix: null or "" }, (null!, configuration.Sources.Count)).i;
        configuration.Sources.Insert(index, secrets);
    }
}
