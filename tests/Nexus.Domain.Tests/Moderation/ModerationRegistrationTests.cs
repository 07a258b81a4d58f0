using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Domain.Cases;
using Nexus.Domain.Moderation;
using Nexus.Domain.Storage;

namespace Nexus.Domain.Tests.Moderation;

public sealed class ModerationRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddNexusStorage();
        more?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    [Fact]
    public void Storage_registers_moderation_and_the_listing_with_options_from_the_moderation_section()
    {
        using var provider = Build(new() { ["Storage:ConnectionString"] = "Data Source=:memory:", ["Moderation:BurstChanges"] = "4" });

        Assert.NotNull(provider.GetRequiredService<ModerationService>());
        Assert.IsType<ModerationRepository>(provider.GetRequiredService<IModerationRepository>());
        Assert.Same(provider.GetRequiredService<CaseRepository>(), provider.GetRequiredService<ICaseListing>());
        Assert.Equal(4, provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<ModerationOptions>>().Value.BurstChanges);
    }

    [Fact]
    public void A_bad_moderation_setting_fails_validation_naming_it()
    {
        using var provider = Build(new() { ["Storage:ConnectionString"] = "Data Source=:memory:", ["Moderation:PageSize"] = "30" });

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<ModerationOptions>>().Value);

        Assert.Contains(error.Failures, f => f.Contains("PageSize", StringComparison.Ordinal));
    }

    [Fact]
    public void The_case_service_takes_a_registered_change_observer_and_works_without_one()
    {
        using var without = Build(new() { ["Storage:ConnectionString"] = "Data Source=:memory:" });
        using var with = Build(new() { ["Storage:ConnectionString"] = "Data Source=:memory:" }, s => s.AddSingleton<ICaseChangeObserver, Silent>());

        Assert.NotNull(without.GetRequiredService<CaseService>());
        Assert.NotNull(with.GetRequiredService<CaseService>());
    }

    private sealed class Silent : ICaseChangeObserver
    {
        public ValueTask MilestoneRecordedAsync(MilestoneRecorded change, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
