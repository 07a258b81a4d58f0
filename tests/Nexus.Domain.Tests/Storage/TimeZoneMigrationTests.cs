using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Nexus.Domain.Cases;
using Nexus.Domain.Settings;
using Nexus.Domain.Storage;
using Nexus.Domain.Tests.Support;

namespace Nexus.Domain.Tests.Storage;

/// <summary>
/// Migration 0008 (each server's time zone) on a SQLite database of the schema before it, full of cases
/// entered through the real case service: every case reads back as it was, every table other than
/// guild_settings is unchanged row for row, and each server's settings keep their values with no zone chosen.
/// </summary>
public sealed class TimeZoneMigrationTests : IAsyncLifetime
{
    private const string ThisMigration = "0008_guild_time_zone.sql";
    private const int LastScriptBefore = 7;
    private static readonly ulong[] Guilds = [981346340044800001, 981346340044800002];
    private static readonly DateOnly Today = new(2026, 11, 30);

    private static readonly string[] UnchangedTables =
    [
        "SELECT * FROM cases ORDER BY id",
        "SELECT * FROM case_history ORDER BY id",
        "SELECT * FROM case_changes ORDER BY guild_id, version, case_id",
        "SELECT * FROM guild_versions ORDER BY guild_id",
        "SELECT * FROM guild_case_counters ORDER BY guild_id",
        "SELECT * FROM moderation_log ORDER BY id",
        "SELECT guild_id, moderator_role_id, feed_channel_id, updated_at FROM guild_settings ORDER BY guild_id",
    ];

    private readonly SqliteDatabase _database = SqliteDatabase.CreateEmpty();

    // Where cases are entered and moderated at today's schema before being copied into the database under test.
    private readonly SqliteDatabase _source = SqliteDatabase.CreateEmpty();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        await _source.DisposeAsync();
    }

    [Fact]
    public async Task Every_case_and_setting_survives_and_no_zone_is_chosen()
    {
        Assert.Equal(LastScriptBefore, (await _database.MigrateAsync(LastScriptBefore)).Applied.Count);
        var seeded = await SeedAsync();
        var cases = new CaseRepository(_database.Factory, NullLogger<CaseRepository>.Instance);
        await using (var connection = await _database.Factory.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO guild_settings (guild_id, moderator_role_id, feed_channel_id, updated_at) VALUES (@G1, 11, NULL, 1700000000000), (@G2, NULL, 22, 1700000000001);",
                new { G1 = unchecked((long)Guilds[0]), G2 = unchecked((long)Guilds[1]) }));
        }

        var before = await DumpAsync();

        Assert.Equal([ThisMigration], (await _database.MigrateAsync(LastScriptBefore + 1)).Applied);

        Assert.Equal(before, await DumpAsync());

        // Today's repositories read the schema of the latest script, so the later scripts run before the reads.
        await _database.MigrateAsync();
        foreach (var expected in seeded)
        {
            Assert.Equal(expected, await cases.FindByNumberAsync(expected.GuildId, expected.CaseNumber, CancellationToken.None));
        }

        var settings = new GuildSettingsRepository(_database.Factory, TimeProvider.System);
        Assert.Equal(new GuildSettings(Guilds[0], ModeratorRoleId: 11), await settings.GetAsync(Guilds[0], CancellationToken.None));
        Assert.Equal(new GuildSettings(Guilds[1], FeedChannelId: 22), await settings.GetAsync(Guilds[1], CancellationToken.None));

        // The new column takes a zone, and the calendar reads it.
        await settings.UpsertAsync(new GuildSettings(Guilds[1], FeedChannelId: 22, TimeZoneId: "America/Vancouver"), CancellationToken.None);
        Assert.Equal("America/Vancouver", (await new ServerCalendar(settings, TimeProvider.System).TimeZoneAsync(Guilds[1], CancellationToken.None)).Id);
        Assert.Equal(ServerCalendar.DefaultTimeZoneId, (await new ServerCalendar(settings, TimeProvider.System).TimeZoneAsync(Guilds[0], CancellationToken.None)).Id);
    }

    // Today's repositories need today's schema, so members' cases are entered through the real service into a
    // database at the latest script, then copied into the one under test, each table by the columns its older
    // schema has.
    private async Task<List<Case>> SeedAsync()
    {
        await _source.MigrateAsync();
        var seeded = await EnterCasesAsync(new CaseRepository(_source.Factory, NullLogger<CaseRepository>.Instance));

        await using var connection = await _database.Factory.OpenAsync(CancellationToken.None);
        await MigrationData.CopyRowsAsync(connection, _source.Path, CopiedTables);
        return seeded;
    }

    private static readonly string[] CopiedTables = ["cases", "case_history", "case_changes", "guild_versions", "guild_case_counters"];

    // Cases of every shape through the service, as members enter them: each milestone, corrections, shared ones.
    private static Task<List<Case>> EnterCasesAsync(CaseRepository repository) =>
        MigrationData.EnterCasesAsync(new CaseService(repository, EnrolmentCentres.Default, FakeTimeProvider.OnDay(Today)), Guilds, Today, 20261202, 150);

    private async Task<List<string>> DumpAsync()
    {
        await using var connection = await _database.Factory.OpenAsync(CancellationToken.None);
        return await MigrationData.DumpAsync(connection, UnchangedTables);
    }
}
