using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexus.Domain.Cases;
using Nexus.Domain.Moderation;
using Nexus.Domain.Settings;
using Nexus.Domain.Statistics;
using Nexus.Domain.Storage.Migrations;

namespace Nexus.Domain.Storage;

/// <summary>Registers storage, the case service and the migrator with the host.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="StorageOptions"/> from the <c>Storage</c> section (checked at start),
    /// and registers the connection factory for the configured provider, the repositories (also as
    /// <see cref="IStatsSource"/> and <see cref="ICaseListing"/>), <see cref="CaseService"/>, the moderation
    /// repository and <see cref="ModerationService"/> (options from the <c>Moderation</c> section), <see cref="EnrolmentCentres"/> and the
    /// <see cref="DatabaseMigrator"/> with the provider's scripts embedded in this assembly, and the <see cref="SnapshotReadsCheck"/>.
    /// Everything is a singleton: none holds a connection or per-request state.
    /// </summary>
    public static IServiceCollection AddNexusStorage(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => EnrolmentCentres.Default);
        services.TryAddSingleton<IDbConnectionFactory>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return options.Provider == StorageProvider.SqlServer
                ? new SqlServerConnectionFactory(options.EffectiveConnectionString)
                : new SqliteConnectionFactory(options.EffectiveConnectionString, sp.GetRequiredService<ILogger<SqliteConnectionFactory>>());
        });
        services.TryAddSingleton<CaseRepository>();
        // On SQL Server the members' and moderators' operations are retried on transient errors (SqlServerRetry,
        // the retrying repositories say which); SQLite's waiting is its busy_timeout, and its other failures do
        // not heal in seconds.
        services.TryAddSingleton(sp => new RetryingCaseRepository(sp.GetRequiredService<CaseRepository>(), Retry(sp)));
        services.TryAddSingleton<ICaseRepository>(sp => IsSqlServer(sp) ? sp.GetRequiredService<RetryingCaseRepository>() : sp.GetRequiredService<CaseRepository>());
        services.TryAddSingleton<IStatsSource>(sp => IsSqlServer(sp) ? sp.GetRequiredService<RetryingCaseRepository>() : sp.GetRequiredService<CaseRepository>());
        services.TryAddSingleton<IGuildSettingsRepository, GuildSettingsRepository>();
        services.TryAddSingleton<ICaseListing>(sp => IsSqlServer(sp) ? sp.GetRequiredService<RetryingCaseRepository>() : sp.GetRequiredService<CaseRepository>());
        services.TryAddSingleton(sp => new ServerCalendar(sp.GetRequiredService<IGuildSettingsRepository>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<CaseService>();

        services.AddOptions<ModerationOptions>().BindConfiguration(ModerationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ModerationRepository>();
        services.TryAddSingleton(sp => new RetryingModerationRepository(sp.GetRequiredService<ModerationRepository>(), Retry(sp)));
        services.TryAddSingleton<IModerationRepository>(sp =>
            IsSqlServer(sp) ? sp.GetRequiredService<RetryingModerationRepository>() : sp.GetRequiredService<ModerationRepository>());
        services.TryAddSingleton(sp => new ModerationService(
            sp.GetRequiredService<IModerationRepository>(),
            sp.GetRequiredService<IStatsSource>(),
            sp.GetRequiredService<EnrolmentCentres>(),
            sp.GetRequiredService<IOptions<ModerationOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<IMemberNoticeObserver>(),
            sp.GetRequiredService<ServerCalendar>()));
        services.TryAddSingleton<SnapshotReadsCheck>();
        services.TryAddSingleton(sp =>
        {
            var factory = sp.GetRequiredService<IDbConnectionFactory>();
            return new DatabaseMigrator(
                factory, MigrationScript.Shipped(factory.Dialect.Provider), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<DatabaseMigrator>>());
        });
        return services;
    }

    // One pipeline per repository; each logs through the same category.
    private static Polly.ResiliencePipeline Retry(IServiceProvider services) =>
        SqlServerRetry.Create(services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SqlServerRetry).FullName!));

    private static bool IsSqlServer(IServiceProvider services) =>
        services.GetRequiredService<IDbConnectionFactory>().Dialect.Provider == StorageProvider.SqlServer;
}
