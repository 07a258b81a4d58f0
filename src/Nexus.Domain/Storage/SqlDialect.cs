using System.Data.Common;

namespace Nexus.Domain.Storage;

/// <summary>
/// The few places where SQLite and SQL Server need different SQL or ADO.NET calls: returning generated
/// ids, upserts, paging, write transactions, and how dates and flags come back from a reader.
/// Everything else is shared SQL in the repositories.
/// </summary>
public abstract class SqlDialect
{
    /// <summary>The provider this dialect speaks for.</summary>
    public abstract StorageProvider Provider { get; }

    /// <summary>The sub-directory of <c>db/migrations</c> that holds this provider's scripts.</summary>
    public abstract string MigrationsFolder { get; }

    /// <summary>
    /// An INSERT that returns the generated <c>id</c> as its only result: <paramref name="table"/>,
    /// <paramref name="columns"/> and <paramref name="values"/> come from constants, never from input.
    /// </summary>
    public abstract string InsertReturningId(string table, string columns, string values);

    /// <summary>Increments the server's case counter (creating it at 1) and returns the new number. Parameter: <c>@GuildId</c>.</summary>
    public abstract string NextCaseNumberSql { get; }

    /// <summary>Increments the server's data version (creating it at 1). Parameter: <c>@GuildId</c>.</summary>
    public abstract string BumpGuildVersionSql { get; }

    /// <summary>Inserts or replaces one milestone. Parameters: <c>@CaseId</c>, <c>@Milestone</c>, <c>@Date</c>.</summary>
    public abstract string UpsertMilestoneSql { get; }

    /// <summary>Inserts or replaces a server's settings. Parameters: <c>@GuildId</c>, <c>@ModeratorRoleId</c>, <c>@FeedChannelId</c>, <c>@UpdatedAt</c>.</summary>
    public abstract string UpsertGuildSettingsSql { get; }

    /// <summary>Creates the migration journal when it does not exist yet.</summary>
    public abstract string CreateJournalSql { get; }

    /// <summary>The clause that follows an ORDER BY to take one page. Parameters: <c>@Skip</c>, <c>@Take</c>.</summary>
    public abstract string PageClause { get; }

    /// <summary>Begins a transaction for a write that touches several rows.</summary>
    public abstract DbTransaction BeginWriteTransaction(DbConnection connection);

    /// <summary>Reads a calendar date column.</summary>
    public abstract DateOnly ReadDate(DbDataReader reader, int ordinal);

    /// <summary>
    /// An expression giving the date in <paramref name="column"/> (a constant, never input) as its
    /// <see cref="DateOnly.DayNumber"/>: an integer the database computes, so reading a million dates
    /// allocates and parses nothing (the statistics load). NULL stays NULL.
    /// </summary>
    public abstract string DayNumber(string column);

    /// <summary>Whether the exception is a unique-key violation (a lost race for a unique value).</summary>
    public abstract bool IsUniqueViolation(Exception exception);
}
