using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Nexus.Domain.Cases;
using Nexus.Domain.Statistics;
using Nexus.Domain.Storage;
using Nexus.Domain.Storage.Migrations;
using Nexus.Domain.Tests.Support;

namespace Nexus.Domain.Tests.Storage;

/// <summary>
/// Migration 0006 on a database of the schema before it (0001–0005) full of cases: every case, removed ones
/// too, reads back after it exactly as the rows it replaces described it, through the case reader and the
/// statistics load, and nothing else in the database changes. Written once; one sealed subclass per provider.
/// </summary>
public abstract class MilestoneColumnsMigration : IAsyncLifetime
{
    private const string ThisMigration = "0006_milestones_on_cases.sql";
    private const int LastScriptBefore = 5;
    private const int CasesPerServer = 1_500;
    private static readonly ulong[] Guilds = [981346340044800001, 981346340044800002, 981346340044800003];

    // The milestone rows before 0006, other than 'applied' (which was cases.applied_on), by Milestone value.
    private static readonly Milestone[] RowMilestones =
        [Milestone.Conditional, Milestone.InterviewCa, Milestone.InterviewUs, Milestone.Approved, Milestone.Card, Milestone.Denied];

    private const string InsertOldCaseColumns =
        "guild_id, owner_id, case_number, application_type, applicant_status, applicants, centre_code, applied_on, visible, excluded, created_at, updated_at, version, "
        + "owner_name, deleted_at, deleted_by, applied_day, conditional_day, interview_ca_day, interview_us_day, approved_day, card_day, denied_day";

    private const string InsertOldCaseValues =
        "@GuildId, @OwnerId, @CaseNumber, @Type, @Status, @Applicants, @Centre, @Applied, @Visible, @Excluded, @CreatedAt, @UpdatedAt, @Version, "
        + "@OwnerName, @DeletedAt, @DeletedBy, @AppliedDay, @ConditionalDay, @InterviewCaDay, @InterviewUsDay, @ApprovedDay, @CardDay, @DeniedDay";

    /// <summary>The provider under test.</summary>
    protected abstract StorageProvider Provider { get; }

    /// <summary>A new, empty database of the provider under test.</summary>
    protected abstract Task<IDbConnectionFactory> CreateEmptyDatabaseAsync();

    protected abstract Task DropDatabaseAsync();

    /// <summary>The tables other than <c>cases</c> that 0006 must leave as they were, with a stable order.</summary>
    protected virtual IReadOnlyList<string> UntouchedTables { get; } =
    [
        "SELECT * FROM case_history ORDER BY id",
        "SELECT * FROM case_changes ORDER BY guild_id, version, case_id",
        "SELECT * FROM guild_versions ORDER BY guild_id",
        "SELECT * FROM guild_case_counters ORDER BY guild_id",
        "SELECT * FROM moderation_log ORDER BY id",
    ];

    private IDbConnectionFactory _factory = null!;

    public async Task InitializeAsync() => _factory = await CreateEmptyDatabaseAsync();

    public Task DisposeAsync() => DropDatabaseAsync();

    private DatabaseMigrator Migrator(IReadOnlyList<MigrationScript> scripts) => new(_factory, scripts, TimeProvider.System, NullLogger<DatabaseMigrator>.Instance);

    [Fact]
    public virtual async Task Every_case_reads_back_identically_after_its_milestones_move_onto_the_case_row()
    {
        var shipped = MigrationScript.Shipped(Provider);
        var before = shipped.Where(s => int.Parse(s.Name[..4], CultureInfo.InvariantCulture) <= LastScriptBefore).ToList();
        Assert.Equal(LastScriptBefore, (await Migrator(before).MigrateAsync(CancellationToken.None)).Applied.Count);
        var seeded = await SeedAsync();
        var untouched = await DumpAsync(UntouchedTables);

        Assert.Contains(ThisMigration, (await Migrator(shipped).MigrateAsync(CancellationToken.None)).Applied);

        var cases = new CaseRepository(_factory, NullLogger<CaseRepository>.Instance);
        var moderation = new ModerationRepository(_factory, cases);
        await using var connection = await _factory.OpenAsync(CancellationToken.None);
        await using (var reader = await connection.ExecuteReaderAsync(new CommandDefinition(CaseRepository.SelectCase + " ORDER BY c.id")))
        {
            Assert.Equal(seeded.Select(s => s.Case), await CaseRepository.ReadCaseRowsAsync(reader, CancellationToken.None));
        }

        foreach (var guild in Guilds)
        {
            var live = seeded.Where(s => s.Case.GuildId == guild && !s.Removed).Select(s => s.Case).ToList();
            Assert.Equal(live.OrderBy(c => c.CaseNumber), await moderation.LoadCasesAsync(guild, CancellationToken.None));
            var (_, table) = await cases.LoadGuildCasesAsync(guild, CancellationToken.None);
            Assert.Equal(
                live.Where(c => !c.Excluded).Select(c => new StatsCaseRow(c.Id, c.Type, c.ApplicantStatus, c.CentreCode, CaseDays.From(c.Timeline))),
                table.Rows);
            var first = live[0];
            Assert.Equal(first, await cases.FindByNumberAsync(guild, first.CaseNumber, CancellationToken.None));
        }

        Assert.Equal(untouched, await DumpAsync(UntouchedTables));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM cases WHERE applied_day IS NULL")));
    }

    private sealed record Seeded(Case Case, bool Removed);

    /// <summary>
    /// Fills the database as the code before 0006 would have: cases of every shape (owned or not, shared,
    /// excluded, removed, every subset of milestones, the first and last dates a DateOnly holds), their
    /// milestone rows, history and change log. A few cases carry day-number copies that drifted from their
    /// milestone rows (a hand repair that updated only one of them): the rows, which members saw, must win.
    /// </summary>
    private async Task<List<Seeded>> SeedAsync()
    {
        var random = new Random(20261202);
        var dialect = _factory.Dialect;
        var insertCase = dialect.InsertReturningId("cases", InsertOldCaseColumns, InsertOldCaseValues);
        const string insertMilestone = "INSERT INTO case_milestones (case_id, milestone, date) VALUES (@CaseId, @Milestone, @Date);";
        const string insertHistory = "INSERT INTO case_history (case_id, field, old_value, new_value, changed_at, actor_id) VALUES (@CaseId, @Field, NULL, @To, @At, @Actor);";
        const string insertChange = "INSERT INTO case_changes (guild_id, version, case_id) VALUES (@GuildId, @Version, @CaseId);";
        const string insertVersion = "INSERT INTO guild_versions (guild_id, version, changes_from) VALUES (@GuildId, @Version, 1);";
        const string insertCounter = "INSERT INTO guild_case_counters (guild_id, last_case_number) VALUES (@GuildId, @Last);";
        var seeded = new List<Seeded>();
        await using var write = await dialect.BeginWriteAsync(_factory, CancellationToken.None);
        var (connection, transaction) = (write.Connection, write.Transaction);
        foreach (var guild in Guilds)
        {
            var guildId = unchecked((long)guild);
            for (var number = 1; number <= CasesPerServer; number++)
            {
                var timeline = RandomTimeline(random, number);
                var removed = random.Next(10) == 0;
                var owned = random.Next(8) != 0;
                var createdAt = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000 + random.NextInt64(100_000_000_000));
                var draft = new Case
                {
                    GuildId = guild,
                    OwnerId = owned ? (ulong)(700_000_000_000_000_000 + (number * 10) + Array.IndexOf(Guilds, guild)) : null,
                    CaseNumber = number,
                    Type = (ApplicationType)random.Next(2),
                    ApplicantStatus = (ApplicantStatus)random.Next(5),
                    Applicants = random.Next(1, 11),
                    CentreCode = random.Next(4) == 0 ? null : EnrolmentCentres.Default.All[random.Next(EnrolmentCentres.Default.All.Count)].Code,
                    Timeline = timeline,
                    Visible = random.Next(3) == 0,
                    Excluded = random.Next(12) == 0,
                    CreatedAt = createdAt,
                    UpdatedAt = createdAt.AddMilliseconds(random.Next(1_000_000)),
                    Version = random.Next(1, 20),
                };
                draft = draft with { OwnerName = draft.Visible && owned ? $"Member {number}" : null };

                // Every twentieth case's copies drifted: shifted by a day, or a milestone copied that has no row.
                var copies = CaseDays.From(timeline);
                if (number % 20 == 0)
                {
                    copies = copies with { Applied = copies.Applied + 1, Card = copies.Card == CaseDays.None ? 800_000 : CaseDays.None };
                }

                var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(insertCase, new
                {
                    GuildId = guildId,
                    OwnerId = draft.OwnerId is { } owner ? unchecked((long)owner) : (long?)null,
                    CaseNumber = (long)number,
                    Type = (int)draft.Type,
                    Status = (int)draft.ApplicantStatus,
                    draft.Applicants,
                    Centre = draft.CentreCode,
                    timeline.Applied,
                    draft.Visible,
                    draft.Excluded,
                    CreatedAt = draft.CreatedAt.ToUnixTimeMilliseconds(),
                    UpdatedAt = draft.UpdatedAt.ToUnixTimeMilliseconds(),
                    draft.Version,
                    draft.OwnerName,
                    DeletedAt = removed ? draft.UpdatedAt.ToUnixTimeMilliseconds() : (long?)null,
                    DeletedBy = removed ? 42L : (long?)null,
                    AppliedDay = Copy(copies.Applied),
                    ConditionalDay = Copy(copies.Conditional),
                    InterviewCaDay = Copy(copies.InterviewCa),
                    InterviewUsDay = Copy(copies.InterviewUs),
                    ApprovedDay = Copy(copies.Approved),
                    CardDay = Copy(copies.Card),
                    DeniedDay = Copy(copies.Denied),
                }, transaction));
                var rows = RowMilestones
                    .Where(m => timeline.Get(m) is not null)
                    .Select(m => new { CaseId = id, Milestone = (int)m, Date = timeline.Get(m) })
                    .ToList();
                if (rows.Count > 0)
                {
                    await connection.ExecuteAsync(new CommandDefinition(insertMilestone, rows, transaction));
                }

                await connection.ExecuteAsync(new CommandDefinition(insertHistory, new
                {
                    CaseId = id,
                    Field = Milestone.Applied.Name(),
                    To = timeline.Applied.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    At = draft.CreatedAt.ToUnixTimeMilliseconds(),
                    Actor = 7L,
                }, transaction));
                await connection.ExecuteAsync(new CommandDefinition(insertChange, new { GuildId = guildId, Version = (long)number, CaseId = id }, transaction));
                seeded.Add(new Seeded(draft with { Id = id }, removed));
            }

            await connection.ExecuteAsync(new CommandDefinition(insertVersion, new { GuildId = guildId, Version = (long)CasesPerServer }, transaction));
            await connection.ExecuteAsync(new CommandDefinition(insertCounter, new { GuildId = guildId, Last = (long)CasesPerServer }, transaction));
        }

        await transaction.CommitAsync();
        return seeded;
    }

    private static int? Copy(int day) => day == CaseDays.None ? null : day;

    /// <summary>Any subset of the six milestones, in any order of dates (the rules are not storage's concern); some at the ends of the calendar.</summary>
    private static Timeline RandomTimeline(Random random, int number)
    {
        if (number % 97 == 0)
        {
            return new Timeline(DateOnly.MinValue, DateOnly.MinValue.AddDays(1), Denied: DateOnly.MaxValue);
        }

        if (number % 101 == 0)
        {
            return new Timeline(DateOnly.MaxValue, DateOnly.MaxValue, DateOnly.MaxValue, DateOnly.MaxValue, DateOnly.MaxValue, DateOnly.MaxValue, DateOnly.MaxValue);
        }

        var applied = new DateOnly(2015, 1, 1).AddDays(random.Next(4_000));
        DateOnly? Maybe() => random.Next(2) == 0 ? null : applied.AddDays(random.Next(-30, 900));
        return new Timeline(applied, Maybe(), Maybe(), Maybe(), Maybe(), Maybe(), random.Next(6) == 0 ? Maybe() : null);
    }

    /// <summary>Every row of the queries, every column as invariant text.</summary>
    private async Task<string> DumpAsync(IEnumerable<string> queries)
    {
        await using var connection = await _factory.OpenAsync(CancellationToken.None);
        var text = new StringBuilder();
        foreach (var sql in queries)
        {
            text.AppendLine(sql);
            foreach (IDictionary<string, object?> row in await connection.QueryAsync(new CommandDefinition(sql)))
            {
                text.AppendLine(string.Join("|", row.Select(kv => kv.Key + "=" + Convert.ToString(kv.Value, CultureInfo.InvariantCulture))));
            }
        }

        return text.ToString();
    }
}

/// <summary>Migration 0006 on a SQLite file. Always runs.</summary>
public sealed class SqliteMilestoneColumnsMigrationTests : MilestoneColumnsMigration
{
    private SqliteConnectionFactory? _factory;
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"nexus-0006-{Guid.NewGuid():N}.db");

    protected override StorageProvider Provider => StorageProvider.Sqlite;

    protected override Task<IDbConnectionFactory> CreateEmptyDatabaseAsync()
    {
        _factory = new SqliteConnectionFactory($"Data Source={_path}", NullLogger<SqliteConnectionFactory>.Instance);
        return Task.FromResult<IDbConnectionFactory>(_factory);
    }

    protected override Task DropDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// Migration 0006 on SQL Server, in a database of its own created and dropped around the test on the server
/// named by <c>NEXUS_TEST_SQLSERVER</c> (the shared test database is already past 0006). Skipped, with the
/// reason, without it.
/// </summary>
public sealed class SqlServerMilestoneColumnsMigrationTests : MilestoneColumnsMigration
{
    private string? _database;
    private string? _server;

    protected override StorageProvider Provider => StorageProvider.SqlServer;

    protected override async Task<IDbConnectionFactory> CreateEmptyDatabaseAsync()
    {
        if (SqlServerFactAttribute.ConnectionString is not { } connectionString)
        {
            // The test itself is skipped; nothing is created.
            return new SqlServerConnectionFactory("Server=unused");
        }

        _server = connectionString;
        _database = $"nexus_0006_{Guid.NewGuid():N}";
        await using (var master = new Microsoft.Data.SqlClient.SqlConnection(WithDatabase(connectionString, "master")))
        {
            await master.OpenAsync();
            await master.ExecuteAsync(new CommandDefinition($"CREATE DATABASE [{_database}];"));
        }

        return new SqlServerConnectionFactory(WithDatabase(connectionString, _database));
    }

    protected override async Task DropDatabaseAsync()
    {
        if (_server is null || _database is null)
        {
            return;
        }

        Microsoft.Data.SqlClient.SqlConnection.ClearAllPools();
        await using var master = new Microsoft.Data.SqlClient.SqlConnection(WithDatabase(_server, "master"));
        await master.OpenAsync();
        await master.ExecuteAsync(new CommandDefinition($"ALTER DATABASE [{_database}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{_database}];"));
    }

    [SqlServerFact]
    public override Task Every_case_reads_back_identically_after_its_milestones_move_onto_the_case_row() =>
        base.Every_case_reads_back_identically_after_its_milestones_move_onto_the_case_row();

    private static string WithDatabase(string connectionString, string database) =>
        new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(connectionString) { InitialCatalog = database }.ConnectionString;
}
