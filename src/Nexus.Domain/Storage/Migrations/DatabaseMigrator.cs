using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.Logging;

namespace Nexus.Domain.Storage.Migrations;

/// <summary>What one migration run did.</summary>
/// <param name="Applied">The scripts applied by this run, in order.</param>
/// <param name="AlreadyApplied">How many scripts the journal already had.</param>
public sealed record MigrationReport(IReadOnlyList<string> Applied, int AlreadyApplied);

/// <summary>A migration that must not run: a changed script, a bad name, a failing script.</summary>
public sealed class MigrationException : Exception
{
    /// <summary>Creates the exception with a message for the operator.</summary>
    public MigrationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message for the operator and the cause.</summary>
    public MigrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception (for serializers and tooling).</summary>
    public MigrationException()
    {
    }
}

/// <summary>
/// Applies numbered scripts (<c>0001_name.sql</c>; the shipped ones are <see cref="MigrationScript.Shipped"/>) in order. A journal table
/// records each applied script with a SHA-256 checksum of its text (line endings normalised, so a Windows
/// checkout matches); an applied script whose text changed stops the run before anything is applied,
/// because scripts are append-only. Each script runs in its own transaction with its journal row.
/// </summary>
public sealed partial class DatabaseMigrator(IDbConnectionFactory connections, IReadOnlyList<MigrationScript> scripts, TimeProvider time, ILogger<DatabaseMigrator> logger)
{
    /// <summary>The scripts this migrator applies, as given.</summary>
    public IReadOnlyList<MigrationScript> Scripts => scripts;

    /// <summary>The SHA-256 of a script's text with CRLF and CR turned into LF, as lowercase hex.</summary>
    public static string Checksum(string scriptText)
    {
        ArgumentNullException.ThrowIfNull(scriptText);
        var normalised = scriptText.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));
    }

    /// <summary>
    /// Applies every script not yet in the journal; does nothing when all are. Refuses a database whose
    /// journal has a script this release lacks (a newer release migrated it), or a changed applied script.
    /// </summary>
    /// <remarks>
    /// Concurrent runs (several instances starting at once) take turns: every step runs in a write transaction
    /// that first takes the dialect's migration lock (<see cref="SqlDialect.MigrationLockSql"/>): the journal's
    /// creation and reading, then each script with its journal row, which checks again that no other run
    /// applied it meanwhile. No command has a timeout: a backfill over a large table must not be cut off and
    /// rolled back on every start.
    /// </remarks>
    public async Task<MigrationReport> MigrateAsync(CancellationToken cancellationToken)
    {
        var ordered = Order();
        var dialect = connections.Dialect;
        var journal = await ReadJournalAsync(cancellationToken);

        // Check every applied script before applying anything: a changed history is never built upon, and a
        // database that a newer release migrated is never run by an older one (its schema means other things).
        foreach (var (id, entry) in journal.OrderBy(e => e.Key))
        {
            if (ordered.All(s => s.Id != id))
            {
                throw new MigrationException(
                    $"The database has migration {entry.Name}, which this release of Nexus does not have: a newer release migrated it. " +
                    "Run that release or a later one, or restore a backup taken before the upgrade.");
            }
        }

        foreach (var script in ordered)
        {
            if (journal.TryGetValue(script.Id, out var applied) && applied.Checksum != script.Checksum)
            {
                throw new MigrationException(
                    $"Migration script {script.Name} was changed after it was applied (journal checksum {applied.Checksum[..12]}…, file {script.Checksum[..12]}…). " +
                    "Restore its original text and put the change in a new script.");
            }
        }

        var appliedNow = new List<string>();
        foreach (var script in ordered.Where(s => !journal.ContainsKey(s.Id)))
        {
            StorageLog.ApplyingMigration(logger, script.Name);
            if (await ApplyAsync(script, cancellationToken))
            {
                appliedNow.Add(script.Name);
            }
        }

        var report = new MigrationReport(appliedNow, ordered.Count - appliedNow.Count);
        StorageLog.MigrationsDone(logger, appliedNow.Count, report.AlreadyApplied, dialect.Provider);
        return report;
    }

    // Creates the journal when missing and reads it, under the migration lock: two first starts on an empty
    // database must not both create it.
    private async Task<Dictionary<int, (string Name, string Checksum)>> ReadJournalAsync(CancellationToken cancellationToken)
    {
        const string selectJournal = "SELECT id, name, checksum FROM schema_journal;";
        await using var write = await BeginLockedAsync(cancellationToken);
        await write.Connection.ExecuteAsync(Command(connections.Dialect.CreateJournalSql, null, write.Transaction, cancellationToken));
        var journal = new Dictionary<int, (string Name, string Checksum)>();
        await using (var reader = await write.Connection.ExecuteReaderAsync(Command(selectJournal, null, write.Transaction, cancellationToken)))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                journal[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
            }
        }

        await write.Transaction.CommitAsync(cancellationToken);
        return journal;
    }

    // Applies one script with its journal row in one transaction; false when another run applied it first.
    private async Task<bool> ApplyAsync(Script script, CancellationToken cancellationToken)
    {
        const string alreadyApplied = "SELECT COUNT(*) FROM schema_journal WHERE id = @Id;";
        const string insertJournal = "INSERT INTO schema_journal (id, name, checksum, applied_at) VALUES (@Id, @Name, @Checksum, @AppliedAt);";
        await using var write = await BeginLockedAsync(cancellationToken);
        var (connection, transaction) = (write.Connection, write.Transaction);

        // Another instance may have applied it since the journal was read; the lock makes this check and the
        // script one step.
        if (await connection.ExecuteScalarAsync<int>(Command(alreadyApplied, new { script.Id }, transaction, cancellationToken)) > 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        try
        {
            await connection.ExecuteAsync(Command(script.Text, null, transaction, cancellationToken));
        }
        catch (System.Data.Common.DbException ex)
        {
            throw new MigrationException($"Migration script {script.Name} failed and was rolled back: {ex.Message}", ex);
        }

        await connection.ExecuteAsync(Command(
            insertJournal,
            new { script.Id, script.Name, script.Checksum, AppliedAt = DbValues.Instant(time.GetUtcNow()) },
            transaction,
            cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    // A write transaction holding the migration lock (where the dialect has one) until it ends.
    private async Task<WriteTransaction> BeginLockedAsync(CancellationToken cancellationToken)
    {
        var write = await connections.Dialect.BeginWriteAsync(connections, cancellationToken);
        try
        {
            if (connections.Dialect.MigrationLockSql is { } takeLock)
            {
                await write.Connection.ExecuteAsync(Command(takeLock, null, write.Transaction, cancellationToken));
            }

            return write;
        }
        catch
        {
            await write.DisposeAsync();
            throw;
        }
    }

    // Every migration command runs without a timeout (0): see MigrateAsync.
    private static CommandDefinition Command(string sql, object? parameters, System.Data.Common.DbTransaction transaction, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, commandTimeout: 0, cancellationToken: cancellationToken);

    private List<Script> Order()
    {
        var ordered = new List<Script>();
        foreach (var (name, text) in scripts)
        {
            var match = ScriptName().Match(name);
            if (!match.Success)
            {
                throw new MigrationException($"Migration script {name} must be named like 0001_description.sql.");
            }

            ordered.Add(new Script(int.Parse(match.Groups["id"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture), name, text, Checksum(text)));
        }

        ordered.Sort((a, b) => a.Id != b.Id ? a.Id.CompareTo(b.Id) : string.CompareOrdinal(a.Name, b.Name));
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Id == ordered[i - 1].Id)
            {
                throw new MigrationException($"Migration scripts {ordered[i - 1].Name} and {ordered[i].Name} share the number {ordered[i].Id:D4}.");
            }
        }

        return ordered;
    }

    [GeneratedRegex(@"^(?<id>[0-9]{4})_[A-Za-z0-9_\-]+\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex ScriptName();

    private sealed record Script(int Id, string Name, string Text, string Checksum);
}
