using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Nexus.Domain.Storage;

namespace Nexus.Domain.Tests.Support;

/// <summary>One statement Nexus sent, as SQL Server would have received it.</summary>
/// <param name="Sql">The text with the SQL Server dialect's parts in place of SQLite's.</param>
/// <param name="Parameters">Each parameter as SqlClient typed it, or the error SqlClient gave.</param>
/// <param name="CommandTimeout">The command's timeout in seconds (0: none).</param>
/// <param name="InTransaction">Whether it ran inside a transaction.</param>
/// <param name="SentBy">The Nexus.Domain methods on the stack when it was sent (outer methods of state machines).</param>
public sealed record SentStatement(string Sql, IReadOnlyList<SentParameter> Parameters, int CommandTimeout, bool InTransaction, IReadOnlyList<string> SentBy);

/// <summary>A parameter as SqlClient would send it: its type, or why it has none.</summary>
public sealed record SentParameter(string Name, SqlDbType? Type, string? Error);

/// <summary>
/// The repositories and the migrator as they run on SQL Server, without a SQL Server: a connection factory whose
/// commands are built by Dapper on a <see cref="SqlCommand"/> that has no connection (so every parameter gets the
/// type SqlClient gives it, or its error) and whose dialect hands out SQLite's SQL while recording what SQL
/// Server's dialect says in its place. Each command then runs on a migrated SQLite file, with its parameters
/// copied over, so the code under test takes its real paths; <see cref="Statements"/> holds every statement
/// Nexus.Domain sent, as SQL Server would have received it (statements a test sends itself are left out).
/// </summary>
public sealed class SqlServerShapedDatabase : IDbConnectionFactory, IAsyncDisposable
{
    private readonly SqliteDatabase _database;
    private readonly ShapedDialect _dialect;
    private readonly ConcurrentQueue<SentStatement> _statements = new();

    private SqlServerShapedDatabase(SqliteDatabase database)
    {
        _database = database;
        _dialect = new ShapedDialect();
    }

    /// <summary>A fresh migrated SQLite file behind the SQL Server shape.</summary>
    public static async Task<SqlServerShapedDatabase> CreateAsync() => new(await SqliteDatabase.CreateAsync());

    /// <summary>An empty SQLite file (not migrated) behind the SQL Server shape, for the migrator's own runs.</summary>
    public static SqlServerShapedDatabase CreateEmpty() => new(SqliteDatabase.CreateEmpty());

    /// <inheritdoc />
    public SqlDialect Dialect => _dialect;

    /// <summary>The dialect, to set what SQL Server's settings read as.</summary>
    public ShapedDialect Shape => _dialect;

    /// <summary>
    /// Called after each commit has succeeded; an exception it returns is thrown from the commit, as when the
    /// connection drops before the server's acknowledgement arrives (the transaction is saved all the same).
    /// </summary>
    public Func<Exception?>? AfterCommit { get; set; }

    /// <summary>Every statement sent so far, in order.</summary>
    public IReadOnlyList<SentStatement> Statements => [.. _statements];

    /// <inheritdoc />
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        new ShapedConnection((SqliteConnection)await _database.Factory.OpenAsync(cancellationToken), this);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private void Record(ShapedCommand command)
    {
        var sentBy = SentBy();
        if (sentBy.Count == 0)
        {
            return;
        }

        var parameters = new List<SentParameter>();
        foreach (SqlParameter parameter in command.Shape.Parameters)
        {
            try
            {
                // Both throw for a value SqlClient can't map (DateOnly on SqlClient 2.1, a ulong, …).
                var type = parameter.SqlDbType;
                _ = parameter.SqlValue;
                parameters.Add(new SentParameter(parameter.ParameterName, type, null));
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidCastException or FormatException)
            {
                parameters.Add(new SentParameter(parameter.ParameterName, null, $"{ex.GetType().Name}: {ex.Message}"));
            }
        }

        _statements.Enqueue(new SentStatement(_dialect.ToSqlServer(command.CommandText), parameters, command.CommandTimeout, command.Transaction is not null, sentBy));
    }

    // The Nexus.Domain methods on the stack; none when the test itself sent the statement.
    private static List<string> SentBy()
    {
        var domain = typeof(CaseRepository).Assembly;
        var methods = new List<string>();
        foreach (var frame in new StackTrace(skipFrames: 2).GetFrames())
        {
            if (frame.GetMethod() is not { DeclaringType: { } type } method || type.Assembly != domain)
            {
                continue;
            }

            // An async method runs as <Name>d__N.MoveNext in a type nested in its class.
            var name = type.IsNested && type.Name.StartsWith('<') && type.DeclaringType is { } outer
                ? $"{outer.Name}.{type.Name[1..type.Name.IndexOf('>', StringComparison.Ordinal)]}"
                : $"{type.Name}.{method.Name}";
            if (!methods.Contains(name))
            {
                methods.Add(name);
            }
        }

        return methods;
    }

    /// <summary>
    /// SQLite's dialect for what runs, recording SQL Server's text for each piece it hands out; SQL Server's
    /// statements that have no SQLite meaning (the migration lock, the session settings, the snapshot check)
    /// run as a marker query that reads back as them.
    /// </summary>
    public sealed class ShapedDialect : SqlDialect
    {
        private static readonly BindingFlags Protected = BindingFlags.NonPublic | BindingFlags.Instance;
        private readonly SqliteDialect _sqlite = new();
        private readonly SqlServerDialect _sqlServer = new();
        private readonly ConcurrentDictionary<string, string> _toSqlServer = new(StringComparer.Ordinal);

        /// <summary>What <c>is_read_committed_snapshot_on</c> reads as.</summary>
        public bool SnapshotReads { get; set; } = true;

        /// <inheritdoc />
        public override StorageProvider Provider => StorageProvider.Sqlite;

        /// <inheritdoc />
        public override string InsertReturningId(string table, string columns, string values) =>
            Pair(_sqlite.InsertReturningId(table, columns, values), _sqlServer.InsertReturningId(table, columns, values));

        /// <inheritdoc />
        public override string NextCaseNumberSql => Pair(_sqlite.NextCaseNumberSql, _sqlServer.NextCaseNumberSql);

        /// <inheritdoc />
        public override string BumpGuildVersionSql => Pair(_sqlite.BumpGuildVersionSql, _sqlServer.BumpGuildVersionSql);

        /// <inheritdoc />
        public override string UpsertGuildSettingsSql => Pair(_sqlite.UpsertGuildSettingsSql, _sqlServer.UpsertGuildSettingsSql);

        /// <inheritdoc />
        public override string UpsertDismissalSql => Pair(_sqlite.UpsertDismissalSql, _sqlServer.UpsertDismissalSql);

        /// <inheritdoc />
        public override string CreateJournalSql => Pair(_sqlite.CreateJournalSql, _sqlServer.CreateJournalSql);

        /// <inheritdoc />
        public override string PageClause => Pair(_sqlite.PageClause, _sqlServer.PageClause);

        /// <inheritdoc />
        public override string LatestMilestoneDaySql => Pair(_sqlite.LatestMilestoneDaySql, _sqlServer.LatestMilestoneDaySql);

        /// <inheritdoc />
        public override string MigrationLockSql => Pair("SELECT 'migration lock';", _sqlServer.MigrationLockSql);

        /// <inheritdoc />
        public override string SnapshotReadsSql => Pair(
            SnapshotReads ? "SELECT 'nexus' AS name, 1 AS snapshot_reads;" : "SELECT 'nexus' AS name, 0 AS snapshot_reads;",
            _sqlServer.SnapshotReadsSql);

        /// <inheritdoc />
        protected override string WriteSessionSql =>
            Pair("SELECT 'write session';", (string)typeof(SqlServerDialect).GetProperty(nameof(WriteSessionSql), Protected)!.GetValue(_sqlServer)!);

        /// <inheritdoc />
        protected override ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, TimeSpan wait, CancellationToken cancellationToken) =>
            ValueTask.FromResult<DbTransaction>(((ShapedConnection)connection).BeginImmediate());

        /// <inheritdoc />
        protected override SemaphoreSlim? WriterGate { get; } = new(1, 1);

        /// <inheritdoc />
        protected override TimeSpan WriterWait => TimeSpan.FromSeconds(5);

        /// <inheritdoc />
        public override bool IsUniqueViolation(Exception exception) => _sqlite.IsUniqueViolation(exception);

        /// <summary>The text with every SQLite piece this dialect handed out replaced by SQL Server's.</summary>
        public string ToSqlServer(string sql)
        {
            // Longest first: a statement handed out whole contains no shorter piece to replace again.
            foreach (var (sqlite, sqlServer) in _toSqlServer.OrderByDescending(p => p.Key.Length))
            {
                sql = sql.Replace(sqlite, sqlServer, StringComparison.Ordinal);
            }

            return sql;
        }

        private string Pair(string sqlite, string? sqlServer)
        {
            _toSqlServer[sqlite] = sqlServer ?? throw new InvalidOperationException($"SQL Server's dialect has nothing in place of: {sqlite}");
            return sqlite;
        }
    }

    private sealed class ShapedConnection(SqliteConnection inner, SqlServerShapedDatabase database) : DbConnection
    {
        public SqliteConnection Inner => inner;

        [AllowNull]
        public override string ConnectionString { get => inner.ConnectionString; set => inner.ConnectionString = value; }

        public override string Database => inner.Database;

        public override string DataSource => inner.DataSource;

        public override string ServerVersion => inner.ServerVersion;

        public override ConnectionState State => inner.State;

        public override void ChangeDatabase(string databaseName) => inner.ChangeDatabase(databaseName);

        public override void Close() => inner.Close();

        public override void Open() => inner.Open();

        public ShapedTransaction BeginImmediate() => new ShapedTransaction(this, inner.BeginTransaction(deferred: false), database);

        protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => new ShapedTransaction(this, inner.BeginTransaction(isolationLevel), database);

        protected override DbCommand CreateDbCommand() => new ShapedCommand(this, database);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync();
            await base.DisposeAsync();
        }
    }

    private sealed class ShapedTransaction(ShapedConnection connection, SqliteTransaction inner, SqlServerShapedDatabase database) : DbTransaction
    {
        public SqliteTransaction Inner => inner;

        public override IsolationLevel IsolationLevel => inner.IsolationLevel;

        protected override DbConnection DbConnection => connection;

        public override void Commit()
        {
            inner.Commit();
            if (database.AfterCommit?.Invoke() is { } lost)
            {
                throw lost;
            }
        }

        public override void Rollback() => inner.Rollback();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync();
            await base.DisposeAsync();
        }
    }

    // Dapper fills Shape, a SqlCommand with no connection, exactly as it would on SQL Server; the statement then
    // runs on SQLite with the same values.
    private sealed class ShapedCommand(ShapedConnection connection, SqlServerShapedDatabase database) : DbCommand
    {
        public SqlCommand Shape { get; } = new();

        [AllowNull]
        public override string CommandText { get => Shape.CommandText; set => Shape.CommandText = value; }

        public override int CommandTimeout { get; set; } = 30;

        public override CommandType CommandType { get; set; } = CommandType.Text;

        public override bool DesignTimeVisible { get; set; }

        public override UpdateRowSource UpdatedRowSource { get; set; }

        protected override DbConnection? DbConnection { get; set; } = connection;

        protected override DbParameterCollection DbParameterCollection => Shape.Parameters;

        protected override DbTransaction? DbTransaction { get; set; }

        public override void Cancel()
        {
        }

        public override void Prepare()
        {
        }

        protected override DbParameter CreateDbParameter() => Shape.CreateParameter();

        public override int ExecuteNonQuery()
        {
            using var command = Sqlite();
            return command.ExecuteNonQuery();
        }

        public override object? ExecuteScalar()
        {
            using var command = Sqlite();
            return command.ExecuteScalar();
        }

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => Sqlite().ExecuteReader(behavior);

        private SqliteCommand Sqlite()
        {
            if (CommandType != CommandType.Text)
            {
                throw new NotSupportedException("Nexus sends text commands only.");
            }

            database.Record(this);
            var command = connection.Inner.CreateCommand();
            command.CommandText = CommandText;
            command.Transaction = (Transaction as ShapedTransaction)?.Inner;
            command.CommandTimeout = CommandTimeout;
            foreach (SqlParameter parameter in Shape.Parameters)
            {
                command.Parameters.Add(new SqliteParameter(parameter.ParameterName, ForSqlite(parameter.Value)));
            }

            return command;
        }

        // What Microsoft.Data.Sqlite stores for the value SqlClient would send: dates as ISO text, as SQLite's dialect writes them.
        private static object ForSqlite(object? value) => value switch
        {
            null => DBNull.Value,
            DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime dateTime => DateOnly.FromDateTime(dateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => value,
        };
    }
}
