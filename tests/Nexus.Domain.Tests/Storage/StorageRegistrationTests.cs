using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Nexus.Domain.Cases;
using Nexus.Domain.Settings;
using Nexus.Domain.Statistics;
using Nexus.Domain.Storage;
using Nexus.Domain.Storage.Migrations;

namespace Nexus.Domain.Tests.Storage;

public sealed class StorageRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddNexusStorage();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    [Fact]
    public void The_default_is_sqlite_in_nexus_db_next_to_the_app()
    {
        using var provider = Build([]);

        var options = provider.GetRequiredService<IOptions<StorageOptions>>().Value;

        Assert.Equal(StorageProvider.Sqlite, options.Provider);
        Assert.Equal($"Data Source={Path.Combine(AppContext.BaseDirectory, "nexus.db")}", options.EffectiveConnectionString);
        Assert.IsType<SqliteConnectionFactory>(provider.GetRequiredService<IDbConnectionFactory>());
        Assert.Equal(MigrationScript.Shipped(StorageProvider.Sqlite), provider.GetRequiredService<DatabaseMigrator>().Scripts);
    }

    [Fact]
    public void Every_service_resolves_and_the_case_repository_is_also_the_stats_source()
    {
        using var provider = Build(new() { ["Storage:ConnectionString"] = "Data Source=:memory:" });

        Assert.Same(provider.GetRequiredService<ICaseRepository>(), provider.GetRequiredService<IStatsSource>());
        Assert.IsType<CaseRepository>(provider.GetRequiredService<ICaseRepository>());
        Assert.IsType<GuildSettingsRepository>(provider.GetRequiredService<IGuildSettingsRepository>());
        Assert.Same(provider.GetRequiredService<CaseService>(), provider.GetRequiredService<CaseService>());
        Assert.Same(EnrolmentCentres.Default, provider.GetRequiredService<EnrolmentCentres>());
    }

    [Fact]
    public void SqlServer_without_a_connection_string_fails_validation_naming_the_key()
    {
        using var provider = Build(new() { ["Storage:Provider"] = "SqlServer" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Equal(["Storage:ConnectionString is required when Storage:Provider is SqlServer."], error.Failures);
    }

    [Fact]
    public void SqlServer_with_a_connection_string_uses_the_sql_server_factory_and_scripts()
    {
        using var provider = Build(new() { ["Storage:Provider"] = "SqlServer", ["Storage:ConnectionString"] = "Server=db;Database=nexus" });

        Assert.IsType<SqlServerConnectionFactory>(provider.GetRequiredService<IDbConnectionFactory>());
        Assert.Equal(MigrationScript.Shipped(StorageProvider.SqlServer), provider.GetRequiredService<DatabaseMigrator>().Scripts);
    }
}
