using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Nexus.Bot.Commands.Mod;
using Nexus.Domain.Cases;
using Nexus.Domain.Moderation;
using Nexus.Testing;
using static Nexus.Bot.Tests.Moderation.ModHarness;

namespace Nexus.Bot.Tests.Moderation;

public sealed class RemovedCasePurgerTests
{
    [Fact]
    public async Task Purges_at_start_and_then_daily_only_what_is_older_than_30_days()
    {
        await using var bot = await CreateAsync();
        var moderation = bot.Services.GetRequiredService<ModerationService>();
        var moderator = new Moderator(GuildA, ModA);
        var old = await bot.AddCaseAsync(GuildA, new Timeline(new DateOnly(2025, 1, 1)));
        var recent = await bot.AddCaseAsync(GuildA, new Timeline(new DateOnly(2025, 1, 2)));
        Assert.True((await moderation.RemoveAsync(moderator, old.CaseNumber, "dup", CancellationToken.None)).IsSuccess);
        bot.Clock.Advance(TimeSpan.FromDays(1));
        Assert.True((await moderation.RemoveAsync(moderator, recent.CaseNumber, "dup", CancellationToken.None)).IsSuccess);

        // 30.5 days after the first removal, 29.5 after the second: only the first is due at start-up.
        bot.Clock.Advance(TimeSpan.FromDays(29.5));
        var purger = bot.Services.GetServices<IHostedService>().OfType<RemovedCasePurger>().Single();

        await purger.StartAsync(CancellationToken.None);
        await bot.Clock.WaitForTimerDueInAsync(RemovedCasePurger.Interval);

        Assert.Equal(1, await CountRowsAsync(bot));
        var undoOld = await moderation.UndoAsync(moderator, 1, CancellationToken.None);
        Assert.Equal(ModerationErrorCodes.Purged, undoOld.Error!.Code);

        bot.Clock.Advance(RemovedCasePurger.Interval);
        await WaitFor.UntilAsync(() => CountRowsAsync(bot).Result == 0, "the daily purge of the second removed case");
        await purger.StopAsync(CancellationToken.None);
    }

    private static async Task<long> CountRowsAsync(ModHarness bot)
    {
        var factory = bot.Services.GetRequiredService<Nexus.Domain.Storage.IDbConnectionFactory>();
        await using var connection = await factory.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM cases";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
