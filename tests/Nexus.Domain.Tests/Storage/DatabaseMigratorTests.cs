using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Nexus.Domain.Storage;
using Nexus.Domain.Storage.Migrations;
using Nexus.Domain.Tests.Support;

namespace Nexus.Domain.Tests.Storage;

/// <summary>The migrator on fresh SQLite files, with a list of scripts the tests may change.</summary>
public sealed class DatabaseMigratorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("nexus-migrations-").FullName;
    private readonly List<MigrationScript> _scripts;
    private readonly string _databasePath;
    private readonly SqliteConnectionFactory _factory;

    public DatabaseMigratorTests()
    {
        // The migrator's mechanics are shown with the first shipped script and scripts the tests add after
        // it; the whole shipped chain has its own test below.
        _scripts = [Shipped("0001_initial.sql")];

        _databasePath = Path.Combine(_folder, "nexus.db");
        _factory = new SqliteConnectionFactory($"Data Source={_databasePath}", NullLogger<SqliteConnectionFactory>.Instance);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private DatabaseMigrator Migrator() => new(_factory, _scripts, TimeProvider.System, NullLogger<DatabaseMigrator>.Instance);

    private static MigrationScript Shipped(string name) => MigrationScript.Shipped(StorageProvider.Sqlite).Single(s => s.Name == name);

    // Replaces the script of that name, or adds it.
    private void Put(string name, string text)
    {
        _scripts.RemoveAll(s => s.Name == name);
        _scripts.Add(new MigrationScript(name, text));
    }

    private async Task<List<string>> Tables()
    {
        await using var connection = await _factory.OpenAsync(CancellationToken.None);
        return [.. await connection.QueryAsync<string>(new CommandDefinition("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"))];
    }

    private async Task<List<string>> Schema()
    {
        await using var connection = await _factory.OpenAsync(CancellationToken.None);
        return [.. await connection.QueryAsync<string>(new CommandDefinition("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name"))];
    }

    [Fact]
    public async Task Migration_0004_backfills_the_day_numbers_of_an_existing_database()
    {
        _scripts.AddRange([Shipped("0002_moderation.sql"), Shipped("0003_case_owner_name.sql")]);

        await Migrator().MigrateAsync(CancellationToken.None);
        const string seed = """
            INSERT INTO cases (id, guild_id, owner_id, case_number, application_type, applicant_status, applicants, applied_on, excluded, created_at, updated_at, deleted_at)
            VALUES (1, 7, 1, 1, 0, 0, 1, '2024-01-10', 0, 0, 0, NULL),
                   (2, 7, 2, 2, 0, 0, 1, '2023-12-31', 1, 0, 0, NULL),
                   (3, 7, 3, 3, 1, 0, 1, '0001-01-01', 0, 0, 0, 5),
                   (4, 8, 4, 1, 0, 0, 1, '2024-02-29', 0, 0, 0, NULL);
            INSERT INTO case_milestones (case_id, milestone, date)
            VALUES (1, 1, '2024-02-01'), (1, 2, '2024-03-01'), (1, 3, '2024-03-05'), (1, 4, '2024-03-06'), (1, 5, '2024-03-20'),
                   (2, 6, '2024-01-02'), (3, 4, '2024-12-31');
            """;
        await using (var connection = await _factory.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync(new CommandDefinition(seed));
        }

        _scripts.Add(Shipped("0004_case_day_numbers.sql"));
        Assert.Equal(["0004_case_day_numbers.sql"], (await Migrator().MigrateAsync(CancellationToken.None)).Applied);

        await using var check = await _factory.OpenAsync(CancellationToken.None);
        var rows = (await check.QueryAsync<(long Id, long? Applied, long? Conditional, long? Card, long? Denied)>(new CommandDefinition(
            "SELECT id, applied_day, conditional_day, card_day, denied_day FROM cases ORDER BY id"))).ToList();
        Assert.Equal(
            [
                (1L, (long?)new DateOnly(2024, 1, 10).DayNumber, (long?)new DateOnly(2024, 2, 1).DayNumber, (long?)new DateOnly(2024, 3, 20).DayNumber, (long?)null),
                (2L, new DateOnly(2023, 12, 31).DayNumber, null, null, new DateOnly(2024, 1, 2).DayNumber),
                (3L, 0, null, null, null),
                (4L, new DateOnly(2024, 2, 29).DayNumber, null, null, null),
            ],
            rows);
    }

    [Fact]
    public async Task Migration_0007_keeps_every_case_and_keys_ownerless_ones_uniquely_per_server()
    {
        foreach (var name in new[] { "0002_moderation.sql", "0003_case_owner_name.sql", "0004_case_day_numbers.sql", "0005_case_changes.sql", "0006_milestones_on_cases.sql" })
        {
            _scripts.Add(Shipped(name));
        }

        await Migrator().MigrateAsync(CancellationToken.None);
        const string seed = """
            INSERT INTO cases (id, guild_id, owner_id, case_number, application_type, applicant_status, applicants, applied_day, card_day, created_at, updated_at)
            VALUES (1, 7, 1, 1, 0, 0, 1, 738900, 739000, 0, 0), (2, 7, NULL, 2, 0, 0, 1, 738910, NULL, 0, 0);
            """;
        const string before = "SELECT id, guild_id, owner_id, case_number, applied_day, card_day FROM cases ORDER BY id";
        const string keys = "SELECT import_key FROM cases ORDER BY id";
        const string keyed = "INSERT INTO cases (guild_id, case_number, application_type, applicant_status, applicants, applied_day, created_at, updated_at, import_key) VALUES (@Guild, @Number, 0, 0, 1, 739001, 0, 0, @Key)";
        await using var connection = await _factory.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(new CommandDefinition(seed));
        var rows = (await connection.QueryAsync<(long, long, long?, long, long, long?)>(new CommandDefinition(before))).ToList();

        _scripts.Add(Shipped("0007_case_import_keys.sql"));
        Assert.Equal(["0007_case_import_keys.sql"], (await Migrator().MigrateAsync(CancellationToken.None)).Applied);

        Assert.Equal(rows, await connection.QueryAsync<(long, long, long?, long, long, long?)>(new CommandDefinition(before)));
        Assert.All(await connection.QueryAsync<string?>(new CommandDefinition(keys)), Assert.Null);
        await connection.ExecuteAsync(new CommandDefinition(keyed, new { Guild = 7, Number = 3, Key = "import:a:2" }));
        await connection.ExecuteAsync(new CommandDefinition(keyed, new { Guild = 8, Number = 1, Key = "import:a:2" }));
        var duplicate = await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() =>
            connection.ExecuteAsync(new CommandDefinition(keyed, new { Guild = 7, Number = 4, Key = "import:a:2" })));
        Assert.True(_factory.Dialect.IsUniqueViolation(duplicate));
    }

    [Fact]
    public async Task Migration_0009_adds_the_request_record_and_keeps_every_existing_row()
    {
        foreach (var name in new[] { "0002_moderation.sql", "0003_case_owner_name.sql", "0004_case_day_numbers.sql", "0005_case_changes.sql", "0006_milestones_on_cases.sql", "0007_case_import_keys.sql", "0008_guild_time_zone.sql" })
        {
            _scripts.Add(Shipped(name));
        }

        await Migrator().MigrateAsync(CancellationToken.None);
        const string seed = """
            INSERT INTO cases (id, guild_id, owner_id, case_number, application_type, applicant_status, applicants, applied_day, conditional_day, created_at, updated_at)
            VALUES (1, 7, 1, 1, 0, 0, 1, 738894, 738916, 0, 0);
            INSERT INTO case_history (case_id, field, old_value, new_value, changed_at, actor_id) VALUES (1, 'created', NULL, 'x', 0, 1);
            INSERT INTO guild_settings (guild_id, moderator_role_id, feed_channel_id, updated_at) VALUES (7, 9, NULL, 0);
            """;
        const string rows = """
            SELECT (SELECT COUNT(*) FROM cases) || '/' || (SELECT COUNT(*) FROM case_history) || '/' || (SELECT moderator_role_id FROM guild_settings WHERE guild_id = 7)
                || '/' || (SELECT applied_day FROM cases WHERE id = 1) || '/' || (SELECT conditional_day FROM cases WHERE id = 1)
            """;
        await using (var connection = await _factory.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync(new CommandDefinition(seed));
        }

        _scripts.Add(Shipped("0009_request_writes.sql"));
        Assert.Equal(["0009_request_writes.sql"], (await Migrator().MigrateAsync(CancellationToken.None)).Applied);

        Assert.Contains("request_writes", await Tables());
        await using var check = await _factory.OpenAsync(CancellationToken.None);
        Assert.Equal("1/1/9/738894/738916", await check.ExecuteScalarAsync<string>(new CommandDefinition(rows)));
        Assert.Equal(0, await check.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COUNT(*) FROM request_writes")));
    }

    [Fact]
    public async Task The_first_run_creates_the_schema_and_journals_the_script()
    {
        var report = await Migrator().MigrateAsync(CancellationToken.None);

        Assert.Equal(["0001_initial.sql"], report.Applied);
        Assert.Equal(
            ["case_history", "case_milestones", "cases", "guild_case_counters", "guild_settings", "guild_versions", "moderation_log", "schema_journal"],
            await Tables());
        await using var connection = await _factory.OpenAsync(CancellationToken.None);
        var journal = await connection.QuerySingleAsync<(long Id, string Name, string Checksum)>(
            new CommandDefinition("SELECT id, name, checksum FROM schema_journal"));
        Assert.Equal((1L, "0001_initial.sql", DatabaseMigrator.Checksum(Shipped("0001_initial.sql").Text)), journal);
    }

    [Fact]
    public async Task Migrating_twice_changes_nothing()
    {
        await Migrator().MigrateAsync(CancellationToken.None);
        var schemaBefore = await Schema();

        var second = await Migrator().MigrateAsync(CancellationToken.None);

        Assert.Empty(second.Applied);
        Assert.Equal(1, second.AlreadyApplied);
        Assert.Equal(schemaBefore, await Schema());
        await using var connection = await _factory.OpenAsync(CancellationToken.None);
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COUNT(*) FROM schema_journal")));
    }

    [Fact]
    public async Task A_changed_applied_script_is_refused_with_its_name_and_nothing_new_runs()
    {
        await Migrator().MigrateAsync(CancellationToken.None);
        Put("0001_initial.sql", Shipped("0001_initial.sql").Text + "\nCREATE INDEX ix_sneaky ON cases (centre_code);\n");
        Put("0002_more.sql", "CREATE TABLE more_things (id INTEGER PRIMARY KEY);");

        var error = await Assert.ThrowsAsync<MigrationException>(() => Migrator().MigrateAsync(CancellationToken.None));

        Assert.StartsWith("Migration script 0001_initial.sql was changed after it was applied", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("more_things", await Tables());
    }

    [Fact]
    public async Task Line_endings_do_not_count_as_a_change()
    {
        await Migrator().MigrateAsync(CancellationToken.None);
        Put("0001_initial.sql", Shipped("0001_initial.sql").Text.Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.Empty((await Migrator().MigrateAsync(CancellationToken.None)).Applied);
    }

    [Fact]
    public async Task A_new_script_is_applied_on_the_next_run_and_only_it()
    {
        await Migrator().MigrateAsync(CancellationToken.None);
        Put("0002_more.sql", "CREATE TABLE more_things (id INTEGER PRIMARY KEY);");

        var report = await Migrator().MigrateAsync(CancellationToken.None);

        Assert.Equal(["0002_more.sql"], report.Applied);
        Assert.Equal(1, report.AlreadyApplied);
        Assert.Contains("more_things", await Tables());
    }

    [Fact]
    public async Task A_failing_script_is_rolled_back_whole_and_not_journaled()
    {
        await Migrator().MigrateAsync(CancellationToken.None);
        Put("0002_broken.sql", "CREATE TABLE half_done (id INTEGER PRIMARY KEY);\nCREATE TABLE oops (;");

        var error = await Assert.ThrowsAsync<MigrationException>(() => Migrator().MigrateAsync(CancellationToken.None));

        Assert.StartsWith("Migration script 0002_broken.sql failed and was rolled back:", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("half_done", await Tables());
        _scripts.RemoveAll(s => s.Name == "0002_broken.sql");
        Assert.Empty((await Migrator().MigrateAsync(CancellationToken.None)).Applied);
    }

    [Fact]
    public async Task A_database_migrated_by_a_newer_release_is_refused_with_the_script_it_lacks()
    {
        Put("0002_more.sql", "CREATE TABLE more_things (id INTEGER PRIMARY KEY);");
        await Migrator().MigrateAsync(CancellationToken.None);
        // This release ships 0001 only, and a script it would apply: neither runs.
        _scripts.RemoveAll(s => s.Name == "0002_more.sql");
        Put("0003_older_release.sql", "CREATE TABLE older_release (id INTEGER PRIMARY KEY);");

        var error = await Assert.ThrowsAsync<MigrationException>(() => Migrator().MigrateAsync(CancellationToken.None));

        Assert.Equal(
            "The database has migration 0002_more.sql, which this release of Nexus does not have: a newer release migrated it. " +
            "Run that release or a later one, or restore a backup taken before the upgrade.",
            error.Message);
        Assert.DoesNotContain("older_release", await Tables());
    }

    [Fact]
    public async Task Migrators_started_at_once_take_turns_and_apply_each_script_once()
    {
        foreach (var name in new[] { "0002_moderation.sql", "0003_case_owner_name.sql", "0004_case_day_numbers.sql" })
        {
            _scripts.Add(Shipped(name));
        }

        // Separate factories: as separate instances would, each with its own connections and writer queue.
        var reports = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            new DatabaseMigrator(new SqliteConnectionFactory($"Data Source={_databasePath}"), _scripts, TimeProvider.System, NullLogger<DatabaseMigrator>.Instance)
                .MigrateAsync(CancellationToken.None))));

        Assert.Equal(
            ["0001_initial.sql", "0002_moderation.sql", "0003_case_owner_name.sql", "0004_case_day_numbers.sql"],
            reports.SelectMany(r => r.Applied).Order(StringComparer.Ordinal));
        Assert.All(reports, r => Assert.Equal(4, r.Applied.Count + r.AlreadyApplied));
        await using var connection = await _factory.OpenAsync(CancellationToken.None);
        Assert.Equal(4, await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COUNT(*) FROM schema_journal")));
    }

    [Fact]
    public async Task A_badly_named_script_is_refused()
    {
        Put("add-stuff.sql", "SELECT 1;");

        var error = await Assert.ThrowsAsync<MigrationException>(() => Migrator().MigrateAsync(CancellationToken.None));

        Assert.Equal("Migration script add-stuff.sql must be named like 0001_description.sql.", error.Message);
    }

    [Fact]
    public async Task Two_scripts_with_one_number_are_refused()
    {
        Put("0001_again.sql", "SELECT 1;");

        var error = await Assert.ThrowsAsync<MigrationException>(() => Migrator().MigrateAsync(CancellationToken.None));

        Assert.Equal("Migration scripts 0001_again.sql and 0001_initial.sql share the number 0001.", error.Message);
    }

    [Fact]
    public async Task The_whole_shipped_chain_applies_in_order_on_a_fresh_database()
    {
        var shipped = MigrationScript.Shipped(StorageProvider.Sqlite);
        var migrator = new DatabaseMigrator(_factory, shipped, TimeProvider.System, NullLogger<DatabaseMigrator>.Instance);

        var report = await migrator.MigrateAsync(CancellationToken.None);

        Assert.Equal(shipped.Select(s => s.Name).Order(StringComparer.Ordinal), report.Applied);
        Assert.Contains("review_dismissals", await Tables());
        Assert.Empty((await migrator.MigrateAsync(CancellationToken.None)).Applied);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite, "sqlite")]
    [InlineData(StorageProvider.SqlServer, "sqlserver")]
    public void The_assembly_carries_every_script_of_db_migrations_as_written(StorageProvider provider, string folder)
    {
        // The test's output has a copy of db/migrations (see the project file) to compare with.
        var files = Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "db", "migrations", folder), "*.sql")
            .Select(path => new MigrationScript(Path.GetFileName(path), File.ReadAllText(path)))
            .OrderBy(s => s.Name, StringComparer.Ordinal);

        Assert.Equal(files, MigrationScript.Shipped(provider).OrderBy(s => s.Name, StringComparer.Ordinal));
    }

    [Fact]
    public void Both_providers_ship_the_same_numbered_scripts()
    {
        static IEnumerable<string> Names(StorageProvider provider) => MigrationScript.Shipped(provider).Select(s => s.Name).Order(StringComparer.Ordinal);

        Assert.Equal(Names(StorageProvider.Sqlite), Names(StorageProvider.SqlServer));
    }
}
