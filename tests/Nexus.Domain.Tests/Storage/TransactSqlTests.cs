using System.Data;
using System.Reflection;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Nexus.Domain.Cases;
using Nexus.Domain.Moderation;
using Nexus.Domain.Storage;
using Nexus.Domain.Storage.Migrations;
using Nexus.Domain.Tests.Moderation;
using Nexus.Domain.Tests.Support;

namespace Nexus.Domain.Tests.Storage;

/// <summary>
/// The T-SQL path checked without a SQL Server: Microsoft's own T-SQL parser (ScriptDom, SQL Server 2022 syntax)
/// reads every SQL Server migration, the dynamic SQL inside them, and every statement the repositories and the
/// migrator send on SQL Server, collected by running the storage and moderation contracts through
/// <see cref="SqlServerShapedDatabase"/>; SqlClient types every parameter those statements carry.
/// </summary>
public sealed class TransactSqlTests
{
    // The types of the columns Nexus writes (BIGINT ids and instants, INT enums and counts, BIT flags,
    // NVARCHAR text, DATE dates). Anything else (sql_variant for an object, a failed mapping) is a bug.
    private static readonly HashSet<SqlDbType> ColumnTypes = [SqlDbType.BigInt, SqlDbType.Int, SqlDbType.Bit, SqlDbType.NVarChar, SqlDbType.Date];

    [Fact]
    public void Every_sql_server_migration_parses_with_the_dynamic_sql_inside_it()
    {
        var scripts = MigrationScript.Shipped(StorageProvider.SqlServer).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        Assert.NotEmpty(scripts);
        var dynamicSql = 0;
        var errors = new List<string>();
        foreach (var script in scripts)
        {
            errors.AddRange(TSql.Errors(script.Text, script.Name, ref dynamicSql));
        }

        Assert.Empty(errors);
        // 0002, 0004 and 0005 compile their statements on new columns through EXEC: those were read too.
        Assert.True(dynamicSql >= 5, $"only {dynamicSql} EXEC strings were found");
    }

    [Fact]
    public void A_sqlite_only_statement_is_refused()
    {
        var sqlitePage = "SELECT id FROM cases ORDER BY id " + new SqliteDialect().PageClause;
        var sqlServerPage = "SELECT id FROM cases ORDER BY id " + new SqlServerDialect().PageClause;

        Assert.NotEmpty(TSql.Errors(sqlitePage));
        Assert.Empty(TSql.Errors(sqlServerPage));
    }

    [Fact]
    public void Every_statement_of_the_sql_server_dialect_parses()
    {
        var dialect = new SqlServerDialect();
        List<(string Name, string Sql)> statements = [.. typeof(SqlServerDialect)
            .GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .Where(p => p.PropertyType == typeof(string) && p.Name is not nameof(SqlDialect.PageClause))
            .Select(p => (Name: p.Name, Sql: (string)p.GetValue(dialect)!))
            .Append((nameof(SqlDialect.InsertReturningId), dialect.InsertReturningId("dbo.cases", "guild_id, case_number", "@GuildId, @CaseNumber")))
            .Append((nameof(SqlDialect.PageClause), $"SELECT id FROM dbo.cases ORDER BY id {dialect.PageClause};"))];

        Assert.Contains(statements, s => s.Name == nameof(SqlDialect.MigrationLockSql));
        Assert.Contains(statements, s => s.Name == "WriteSessionSql");
        Assert.All(statements, s => Assert.Empty(TSql.Errors(s.Sql, s.Name)));
    }

    [Fact]
    public async Task Every_statement_the_repositories_send_parses_and_every_parameter_has_a_sql_server_type()
    {
        var sent = new List<(string Test, SentStatement Statement)>();
        var failures = new List<string>();
        await RunShapedAsync<ShapedStorageContract>(sent, failures);
        await RunShapedAsync<ShapedModerationContract>(sent, failures);
        if (failures.Count > 0)
        {
            Assert.Fail($"{failures.Count} contract test(s) failed on the SQL Server shape:\n\n{string.Join("\n\n", failures)}");
        }

        var errors = new List<string>();
        foreach (var (test, statement) in sent.DistinctBy(s => s.Statement.Sql))
        {
            errors.AddRange(TSql.Errors(statement.Sql, $"{test} via {statement.SentBy[0]}").Select(e => $"{e}\n{statement.Sql}"));
        }

        foreach (var (test, statement) in sent)
        {
            foreach (var parameter in statement.Parameters.Where(p => p.Error is not null || !ColumnTypes.Contains(p.Type!.Value)))
            {
                errors.Add($"{test} via {statement.SentBy[0]}: @{parameter.Name.TrimStart('@')} is {parameter.Type?.ToString() ?? parameter.Error} in\n{statement.Sql}");
            }
        }

        if (errors.Count > 0)
        {
            Assert.Fail($"{errors.Distinct().Count()} problem(s) SQL Server would meet:\n\n{string.Join("\n\n", errors.Distinct())}");
        }

        // Every public operation of the repositories sent something: a new query can't hide in one the contracts
        // never call.
        var senders = sent.SelectMany(s => s.Statement.SentBy).ToHashSet(StringComparer.Ordinal);
        var operations = new[] { typeof(CaseRepository), typeof(ModerationRepository), typeof(GuildSettingsRepository) }
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(m => $"{t.Name}.{m.Name}"))
            .Distinct();
        Assert.All(operations, o => Assert.Contains(o, senders));
    }

    [Fact]
    public async Task The_migrator_and_the_start_checks_send_t_sql_with_the_lock_first_and_no_timeout()
    {
        await using var database = SqlServerShapedDatabase.CreateEmpty();
        var sqliteScripts = SqliteDatabase.ShippedScripts().Select(s => s.Text).ToHashSet(StringComparer.Ordinal);
        var migrator = new DatabaseMigrator(database, SqliteDatabase.ShippedScripts(), TimeProvider.System, NullLogger<DatabaseMigrator>.Instance);
        var check = new SnapshotReadsCheck(database, Options.Create(new StorageOptions()), NullLogger<SnapshotReadsCheck>.Instance);

        var report = await migrator.MigrateAsync(CancellationToken.None);
        await check.CheckAsync(CancellationToken.None);

        var dialect = new SqlServerDialect();
        var migration = database.Statements.Where(s => s.SentBy.Contains("DatabaseMigrator.MigrateAsync")).ToList();
        // The scripts themselves are SQLite's here; the SQL Server ones are parsed from their files above.
        var own = migration.Where(s => !sqliteScripts.Contains(s.Sql)).ToList();
        Assert.Equal(report.Applied.Count, migration.Count - own.Count);
        Assert.All(own.Concat(database.Statements.Where(s => s.SentBy.Contains("SnapshotReadsCheck.CheckAsync"))), s => Assert.Empty(TSql.Errors(s.Sql)));
        // The session setting before each transaction is the dialect's, instant, not the migrator's.
        Assert.All(migration.Where(s => s.Sql != "SET XACT_ABORT ON;"), s => Assert.Equal(0, s.CommandTimeout));

        // Each step (the journal's creation and reading, then each script) is one write transaction that takes the
        // lock before anything else.
        var steps = Split(own, s => s.Sql == "SET XACT_ABORT ON;");
        Assert.Equal(1 + report.Applied.Count, steps.Count);
        Assert.All(steps, step => Assert.Equal(dialect.MigrationLockSql, step[1].Sql));
        Assert.Equal(dialect.CreateJournalSql, steps[0][2].Sql);
        Assert.All(steps.Skip(1), step => Assert.Equal("SELECT COUNT(*) FROM schema_journal WHERE id = @Id;", step[2].Sql));
    }

    [Fact]
    public async Task A_write_sets_xact_abort_before_its_transaction_and_a_dismissal_is_one_locking_upsert()
    {
        await using var database = await SqlServerShapedDatabase.CreateAsync();
        var cases = new CaseRepository(database, NullLogger<CaseRepository>.Instance);
        var moderation = new ModerationRepository(database, cases);
        var at = new DateTimeOffset(2025, 6, 15, 12, 0, 0, TimeSpan.Zero);
        var saved = await cases.InsertAsync(
            new Case { GuildId = 5, OwnerId = 6, Type = ApplicationType.Initial, ApplicantStatus = ApplicantStatus.UsCitizen, Timeline = new Timeline(new DateOnly(2025, 1, 2)), CreatedAt = at, UpdatedAt = at },
            [],
            CancellationToken.None);
        var target = new CaseRef(saved!.Id, saved.CaseNumber);
        var record = new ModerationRecord(5, 7, ModerationAction.Dismiss, null, null, at);

        // Two dismissals of one case (a double click): both are done, and the second one's version stays.
        await Task.WhenAll(moderation.DismissAsync(record, target, 1, CancellationToken.None), moderation.DismissAsync(record, target, 1, CancellationToken.None));
        await moderation.DismissAsync(record, target, 2, CancellationToken.None);

        Assert.Equal(new Dictionary<long, long> { [saved.Id] = 2 }, await moderation.LoadDismissalsAsync(5, CancellationToken.None));
        var writes = Split(database.Statements, s => s.Sql == "SET XACT_ABORT ON;");
        Assert.All(writes, w => Assert.Equal("SET XACT_ABORT ON;", w[0].Sql));
        Assert.All(writes, w => Assert.False(w[0].InTransaction));
        Assert.All(writes, w => Assert.All(w.Skip(1).Where(s => !s.SentBy.Contains("ModerationRepository.LoadDismissalsAsync")), s => Assert.True(s.InTransaction, s.Sql)));
        var dismissals = database.Statements.Where(s => s.SentBy.Contains("ModerationRepository.DismissAsync") && s.Sql.Contains("review_dismissals", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, dismissals.Count);
        Assert.All(dismissals, s => Assert.Equal(new SqlServerDialect().UpsertDismissalSql, s.Sql));
        Assert.Contains("WITH (HOLDLOCK)", dismissals[0].Sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshot_reads_off_stop_the_start_with_the_statement_to_run_unless_locking_reads_are_allowed()
    {
        await using var database = await SqlServerShapedDatabase.CreateAsync();
        database.Shape.SnapshotReads = false;
        var logger = new ListLogger<SnapshotReadsCheck>();

        var error = await Assert.ThrowsAsync<StorageSetupException>(() =>
            new SnapshotReadsCheck(database, Options.Create(new StorageOptions()), logger).CheckAsync(CancellationToken.None));
        await new SnapshotReadsCheck(database, Options.Create(new StorageOptions { AllowLockingReads = true }), logger).CheckAsync(CancellationToken.None);

        Assert.Equal(
            "Database nexus has READ_COMMITTED_SNAPSHOT off, so reads would wait behind writes: run ALTER DATABASE [nexus] SET READ_COMMITTED_SNAPSHOT ON; " +
            "(or set Storage:AllowLockingReads=true to start anyway).",
            error.Message);
        var warning = Assert.Single(logger.Entries);
        Assert.Equal(2013, warning.EventId);
        Assert.Contains("ALTER DATABASE [nexus] SET READ_COMMITTED_SNAPSHOT ON;", warning.Message, StringComparison.Ordinal);
        Assert.All(database.Statements, s => Assert.Equal(new SqlServerDialect().SnapshotReadsSql, s.Sql));
    }

    private static List<List<SentStatement>> Split(IEnumerable<SentStatement> statements, Func<SentStatement, bool> starts)
    {
        var steps = new List<List<SentStatement>>();
        foreach (var statement in statements)
        {
            if (starts(statement) || steps.Count == 0)
            {
                steps.Add([]);
            }

            steps[^1].Add(statement);
        }

        return steps;
    }

    // Runs every fact of a contract, as xUnit would (a fresh instance, initialised and disposed), on the SQL
    // Server shape, and keeps what each sent.
    private static async Task RunShapedAsync<TContract>(List<(string, SentStatement)> sent, List<string> failures)
        where TContract : IAsyncLifetime, IShaped, new()
    {
        var facts = typeof(TContract).GetMethods().Where(m => m.GetCustomAttribute<FactAttribute>(inherit: true) is not null).ToList();
        Assert.NotEmpty(facts);
        foreach (var fact in facts)
        {
            var contract = new TContract();
            try
            {
                await contract.InitializeAsync();
                await (Task)fact.Invoke(contract, null)!;
            }
            catch (Exception ex)
            {
                failures.Add($"{fact.Name}: {(ex is TargetInvocationException { InnerException: { } inner } ? inner : ex)}");
            }
            finally
            {
                await contract.DisposeAsync();
            }

            sent.AddRange(contract.Database!.Statements.Select(s => (fact.Name, s)));
        }
    }

    private interface IShaped
    {
        SqlServerShapedDatabase? Database { get; }
    }

    private sealed class ShapedStorageContract : StorageContract, IShaped
    {
        public SqlServerShapedDatabase? Database { get; private set; }

        protected override async Task<IDbConnectionFactory> OpenDatabaseAsync() => Database = await SqlServerShapedDatabase.CreateAsync();

        protected override async Task CloseDatabaseAsync() => await Database!.DisposeAsync();
    }

    private sealed class ShapedModerationContract : ModerationContract, IShaped
    {
        public SqlServerShapedDatabase? Database { get; private set; }

        protected override async Task<IDbConnectionFactory> OpenDatabaseAsync() => Database = await SqlServerShapedDatabase.CreateAsync();

        protected override async Task CloseDatabaseAsync() => await Database!.DisposeAsync();
    }

    /// <summary>Microsoft's T-SQL parser at SQL Server 2022's level (what Azure SQL also accepts).</summary>
    private static class TSql
    {
        public static List<string> Errors(string sql, string? source = null)
        {
            var ignored = 0;
            return Errors(sql, source, ref ignored);
        }

        // The statement's errors, then those of each EXEC (N'…') string in it, parsed as the batch it becomes.
        public static List<string> Errors(string sql, string? source, ref int dynamicSql)
        {
            var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var parseErrors);
            var errors = parseErrors.Select(e => $"{source ?? "statement"} line {e.Line}, column {e.Column}: {e.Message}").ToList();
            if (fragment is null)
            {
                return errors;
            }

            var strings = new ExecStrings();
            fragment.Accept(strings);
            foreach (var inner in strings.Batches)
            {
                dynamicSql++;
                errors.AddRange(Errors(inner, $"{source ?? "statement"} EXEC string", ref dynamicSql));
            }

            return errors;
        }

        private sealed class ExecStrings : TSqlFragmentVisitor
        {
            public List<string> Batches { get; } = [];

            public override void Visit(ExecutableStringList node)
            {
                var text = new StringBuilder();
                foreach (var part in node.Strings)
                {
                    // Only literals are ours; a variable in an EXEC string would escape the check, so it fails it.
                    text.Append(part is StringLiteral literal ? literal.Value : throw new InvalidOperationException("EXEC of a non-literal string"));
                }

                Batches.Add(text.ToString());
                base.Visit(node);
            }
        }
    }
}
