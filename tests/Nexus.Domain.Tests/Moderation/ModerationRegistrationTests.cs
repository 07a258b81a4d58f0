using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Domain.Cases;
using Nexus.Domain.Moderation;
using Nexus.Domain.Storage;
using Nexus.Domain.Storage.Migrations;
using Nexus.Domain.Tests.Support;

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

        // One service for the process, over the repository the provider chose.
        Assert.Same(provider.GetRequiredService<ModerationService>(), provider.GetRequiredService<ModerationService>());
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
    public async Task The_case_service_takes_a_registered_change_observer_and_works_without_one()
    {
        var heard = new Heard();
        await using var database = SqliteDatabase.CreateEmpty();
        var settings = new Dictionary<string, string?> { ["Storage:ConnectionString"] = $"Data Source={database.Path}" };
        var today = new DateOnly(2024, 6, 1);
        await using var without = Build(settings, s => s.AddSingleton<TimeProvider>(FakeTimeProvider.OnDay(today)));
        await using var with = Build(settings, s => s.AddSingleton<TimeProvider>(FakeTimeProvider.OnDay(today)).AddSingleton<ICaseChangeObserver>(heard));
        await with.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);

        var started = await with.GetRequiredService<CaseService>().StartAsync(
            new StartCaseRequest(1, 2, new DateOnly(2024, 1, 10), ApplicationType.Initial, ApplicantStatus.CaCitizen), CancellationToken.None);
        var recorded = await with.GetRequiredService<CaseService>().UpdateMilestoneAsync(1, 2, MilestoneInput.Conditional, new DateOnly(2024, 2, 1), CancellationToken.None);
        var unheard = await without.GetRequiredService<CaseService>().UpdateMilestoneAsync(1, 2, MilestoneInput.Conditional, new DateOnly(2024, 2, 2), CancellationToken.None);

        Assert.True(started.IsSuccess && recorded.IsSuccess && unheard.IsSuccess);
        var change = Assert.Single(heard.Changes);
        Assert.Equal((1UL, MilestoneInput.Conditional, today), (change.GuildId, change.Milestone, change.Today));
        Assert.Null(change.Before.Timeline.Conditional);
        Assert.Equal(new DateOnly(2024, 2, 1), change.After.Timeline.Conditional);
    }

    private sealed class Heard : ICaseChangeObserver
    {
        public System.Collections.Concurrent.ConcurrentQueue<MilestoneRecorded> Changes { get; } = new();

        public ValueTask MilestoneRecordedAsync(MilestoneRecorded change, CancellationToken cancellationToken)
        {
            Changes.Enqueue(change);
            return ValueTask.CompletedTask;
        }
    }
}
