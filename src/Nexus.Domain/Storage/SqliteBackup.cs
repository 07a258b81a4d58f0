using Dapper;
using Microsoft.Data.Sqlite;

namespace Nexus.Domain.Storage;

/// <summary>What a finished backup holds.</summary>
/// <param name="Source">The database file that was copied.</param>
/// <param name="Destination">The copy.</param>
/// <param name="SizeBytes">The copy's size on disk.</param>
/// <param name="Cases">How many case rows the copy holds (removed cases awaiting their purge included).</param>
/// <param name="Schema">The last migration recorded in the copy's journal, e.g. <c>0005_case_changes.sql</c>.</param>
public sealed record BackupReport(string Source, string Destination, long SizeBytes, long Cases, string Schema);

/// <summary>A backup that did not produce a sound copy; the message is for the operator.</summary>
public sealed class BackupException : Exception
{
    /// <summary>Creates the exception with a message for the operator.</summary>
    public BackupException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message for the operator and the cause.</summary>
    public BackupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception (for serializers and tooling).</summary>
    public BackupException()
    {
    }
}

/// <summary>
/// Copies a live SQLite database with SQLite's online backup API while the bot keeps running, checks the copy
/// and reports what it holds.
/// </summary>
/// <remarks>
/// The whole database is copied in one backup step, inside one read transaction on the source. In WAL mode
/// a reader never blocks a writer, so the bot's writers go on while the copy is made, and the copy is the
/// database as of the moment the step began: every write committed before it is in the copy, none that came
/// later is half in it. (A backup in several small steps, as the <c>sqlite3</c> shell's <c>.backup</c> does,
/// starts over whenever another connection writes, so under load it may never finish.) The copy is written
/// to <c>FILE.partial</c> next to the destination and renamed only once <c>PRAGMA integrity_check</c> has
/// passed, so a failed backup never leaves a damaged file under the name an operator restores from.
/// </remarks>
public static class SqliteBackup
{
    private const string PartialSuffix = ".partial";

    // How long the source waits for a lock it cannot take at once (only during WAL recovery or a
    // checkpoint that truncates the log): the same bound as the bot's own connections.
    private const int BusyTimeoutMilliseconds = SqliteConnectionFactory.BusyTimeoutMilliseconds;

    /// <summary>
    /// Copies the SQLite database of <paramref name="sourceConnectionString"/> to <paramref name="destinationPath"/>
    /// (replacing a file already there only once the new copy has been checked).
    /// </summary>
    /// <exception cref="BackupException">The source is missing or not a Nexus database, the destination is
    /// the source or cannot be written, or the copy failed its integrity check.</exception>
    public static async Task<BackupReport> CopyAsync(string sourceConnectionString, string destinationPath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceConnectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationPath);
        var source = SourceFile(sourceConnectionString);
        var destination = Path.GetFullPath(destinationPath);
        if (string.Equals(source, destination, StringComparison.Ordinal))
        {
            throw new BackupException($"The backup file {destination} is the database itself; name another file.");
        }

        var directory = Path.GetDirectoryName(destination)!;
        if (!Directory.Exists(directory))
        {
            throw new BackupException($"The folder {directory} does not exist.");
        }

        var partial = destination + PartialSuffix;
        try
        {
            File.Delete(partial);
            await CopyPagesAsync(sourceConnectionString, partial, cancellationToken);
            var (cases, schema) = await CheckAsync(partial, cancellationToken);
            File.Move(partial, destination, overwrite: true);
            return new BackupReport(source, destination, new FileInfo(destination).Length, cases, schema);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new BackupException($"The backup of {source} to {destination} failed: {ex.Message}", ex);
        }
        finally
        {
            // Nothing is left behind under the temporary name, whatever happened.
            TryDelete(partial);
            TryDelete(partial + "-journal");
        }
    }

    private static string SourceFile(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var dataSource = builder.DataSource;
        if (string.IsNullOrWhiteSpace(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            || builder.Mode == SqliteOpenMode.Memory)
        {
            throw new BackupException("The database is not a SQLite file (Storage:ConnectionString), so there is nothing to copy.");
        }

        var file = Path.GetFullPath(dataSource);
        return File.Exists(file) ? file : throw new BackupException($"There is no database at {file} (Storage:ConnectionString).");
    }

    private static async Task CopyPagesAsync(string sourceConnectionString, string partial, CancellationToken cancellationToken)
    {
        // Unpooled, so both files are closed when this returns (a pooled handle would keep the copy open).
        var sourceBuilder = new SqliteConnectionStringBuilder(sourceConnectionString) { Mode = SqliteOpenMode.ReadWrite, Pooling = false };
        await using var sourceConnection = new SqliteConnection(sourceBuilder.ToString());
        await sourceConnection.OpenAsync(cancellationToken);
        await sourceConnection.ExecuteAsync(new CommandDefinition($"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};", cancellationToken: cancellationToken));
        if (await sourceConnection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('schema_journal', 'cases');", cancellationToken: cancellationToken)) != 2)
        {
            throw new BackupException($"{sourceBuilder.DataSource} is not a Nexus database (it has no schema_journal and cases tables).");
        }

        await using var copy = new SqliteConnection(Unpooled(partial, SqliteOpenMode.ReadWriteCreate));
        await copy.OpenAsync(cancellationToken);
        // One step over every page: see the remarks on the class.
        sourceConnection.BackupDatabase(copy);
    }

    private static async Task<(long Cases, string Schema)> CheckAsync(string partial, CancellationToken cancellationToken)
    {
        await using var copy = new SqliteConnection(Unpooled(partial, SqliteOpenMode.ReadWrite));
        await copy.OpenAsync(cancellationToken);
        // The copy carries the source's WAL flag; one self-contained file is what a backup should be. The bot
        // turns WAL on again when it opens a restored copy.
        await copy.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode = DELETE;", cancellationToken: cancellationToken));
        var problems = (await copy.QueryAsync<string>(new CommandDefinition("PRAGMA integrity_check;", cancellationToken: cancellationToken))).ToList();
        if (problems is not ["ok"])
        {
            throw new BackupException($"The copy failed its integrity check: {string.Join("; ", problems.Take(5))}");
        }

        var cases = await copy.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM cases;", cancellationToken: cancellationToken));
        var schema = await copy.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT name FROM schema_journal ORDER BY id DESC LIMIT 1;", cancellationToken: cancellationToken));
        return (cases, schema ?? "none");
    }

    private static string Unpooled(string file, SqliteOpenMode mode) =>
        new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false }.ToString();

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
            // Best effort: the message of the failure that led here matters more.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
