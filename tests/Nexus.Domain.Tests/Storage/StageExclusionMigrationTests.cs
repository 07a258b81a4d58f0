using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Nexus.Domain.Cases;
using Nexus.Domain.Moderation;
using Nexus.Domain.Statistics;
using Nexus.Domain.Storage;
using Nexus.Domain.Tests.Support;

namespace Nexus.Domain.Tests.Storage;

/// <summary>
/// Migration 0010 (stage exclusions and member notices) on a SQLite database of the schema before it, full of
/// cases entered through the real case service and moderated through the real moderation service (whole cases
/// excluded, removed, dismissed): every case reads back as it was, with no stage left out, every row of every
/// table is unchanged (the cases' columns of before), and no member has a notice waiting.
/// </summary>
public sealed class StageExclusionMigrationTests : IAsyncLifetime
{
    private const string ThisMigration = "0010_stage_exclusions_and_notices.sql";
    private const int LastScriptBefore = 9;
    private static readonly ulong[] Guilds = [981346340044800001, 981346340044800002];
    private static readonly DateOnly Today = new(2026, 11, 30);

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
    public async Task Every_case_and_moderator_action_survives_with_no_stage_left_out_and_no_notice_waiting()
    {
        Assert.Equal(LastScriptBefore, (await _database.MigrateAsync(LastScriptBefore)).Applied.Count);
        var (seeded, source) = await SeedAsync();
        var tables = await TablesAsync();
        var before = await DumpAsync(tables);
        Assert.Contains(before, t => t.Contains(" FROM moderation_log ", StringComparison.Ordinal) && t.Split('\n').Length > 6);

        Assert.Equal([ThisMigration], (await _database.MigrateAsync(LastScriptBefore + 1)).Applied);

        Assert.Equal(before, await DumpAsync(tables));
        await using (var connection = await _database.Factory.OpenAsync(CancellationToken.None))
        {
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM cases WHERE excluded_stages <> 0;")));
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM member_notices;")));
        }

        // Today's repositories read the schema of the latest script, so the later scripts run before the reads.
        await _database.MigrateAsync();
        var migrated = new CaseRepository(_database.Factory, NullLogger<CaseRepository>.Instance);
        foreach (var (guild, number) in seeded)
        {
            var expected = await source.FindByNumberAsync(guild, number, CancellationToken.None);
            var actual = await migrated.FindByNumberAsync(guild, number, CancellationToken.None);
            Assert.Equal(expected, actual);
            Assert.True(actual is null || actual.ExcludedStages.IsEmpty);
        }

        // What moderators see survives too: the same cases counted in statistics and the same ones left out.
        var moderation = new ModerationRepository(_database.Factory, migrated);
        var sourceModeration = new ModerationRepository(_source.Factory, source);
        foreach (var guild in Guilds)
        {
            Assert.Equal(
                (await sourceModeration.LoadCasesAsync(guild, CancellationToken.None)).Select(c => (c.CaseNumber, c.Excluded)),
                (await moderation.LoadCasesAsync(guild, CancellationToken.None)).Select(c => (c.CaseNumber, c.Excluded)));
        }
    }

    // Today's services need today's schema, so cases are entered and moderated in a database at the latest script,
    // then copied into the one under test, each table by the columns its older schema has. Only what the older
    // schema can hold is done: whole cases excluded, removed and dismissed, never one stage.
    private async Task<(List<(ulong Guild, long Number)> Seeded, CaseRepository Source)> SeedAsync()
    {
        await _source.MigrateAsync();
        var source = new CaseRepository(_source.Factory, NullLogger<CaseRepository>.Instance);
        var clock = FakeTimeProvider.OnDay(Today);
        var seeded = await EnterCasesAsync(new CaseService(source, EnrolmentCentres.Default, clock));
        var moderation = new ModerationService(new ModerationRepository(_source.Factory, source), source, EnrolmentCentres.Default, new ModerationOptions(), clock);
        foreach (var guild in Guilds)
        {
            var moderator = new Moderator(guild, 777);
            Assert.True((await moderation.ExcludeAsync(moderator, 3, StageSet.None, "a test case", CancellationToken.None)).IsSuccess);
            Assert.True((await moderation.ExcludeAsync(moderator, 7, StageSet.None, null, CancellationToken.None)).IsSuccess);
            Assert.True((await moderation.RemoveAsync(moderator, 5, "spam", CancellationToken.None)).IsSuccess);
            Assert.True((await moderation.DismissAsync(moderator, 9, CancellationToken.None)).IsSuccess);
        }

        await using var connection = await _database.Factory.OpenAsync(CancellationToken.None);
        await MigrationData.CopyRowsAsync(connection, _source.Path, await TablesAsync(connection));
        return (seeded, source);
    }

    // Cases of every shape through the service, as members enter them: each milestone, corrections, shared ones.
    private static async Task<List<(ulong Guild, long Number)>> EnterCasesAsync(CaseService service) =>
        [.. (await MigrationData.EnterCasesAsync(service, Guilds, Today, 20261203, 120)).Select(c => (c.GuildId, c.CaseNumber))];

    private async Task<List<(string Table, List<string> Columns)>> TablesAsync()
    {
        await using var connection = await _database.Factory.OpenAsync(CancellationToken.None);
        var tables = new List<(string, List<string>)>();
        foreach (var table in await TablesAsync(connection))
        {
            tables.Add((table, await MigrationData.ColumnsAsync(connection, table)));
        }

        return tables;
    }

    // Every table of the schema under test (before the migration) but the migrator's own journal, in creation order.
    private static async Task<List<string>> TablesAsync(System.Data.Common.DbConnection connection) =>
        [.. await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_journal' ORDER BY rowid;"))];

    private async Task<List<string>> DumpAsync(List<(string Table, List<string> Columns)> tables)
    {
        await using var connection = await _database.Factory.OpenAsync(CancellationToken.None);
        return await MigrationData.DumpAsync(connection, tables.Select(t => $"SELECT {string.Join(", ", t.Columns)} FROM {t.Table} ORDER BY {string.Join(", ", t.Columns)};"));
    }
}
