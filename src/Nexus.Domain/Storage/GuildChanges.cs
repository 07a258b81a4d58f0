using System.Data.Common;
using Dapper;

namespace Nexus.Domain.Storage;

/// <summary>
/// The one way a write transaction marks a server as changed: it bumps the server's version and logs which
/// cases that version touched (<c>case_changes</c>, migration 0005), which lets the statistics read only what
/// changed since the version they hold.
/// </summary>
internal static class GuildChanges
{
    /// <summary>How many versions of a server's changes are kept; a reader further behind reads the whole server.</summary>
    /// <remarks>At the benchmark's 900 writes a second this is over two minutes of writes, against a statistics
    /// refresh at least every 30 s; on a real server it is months.</remarks>
    internal const long KeptVersions = 131_072;

    // Pruned in steps, so the delete runs once per this many writes rather than on every one.
    private const long PruneEvery = 4_096;

    private const string LogChangeSql = "INSERT INTO case_changes (guild_id, version, case_id) VALUES (@GuildId, @Version, @CaseId);";
    private const string PruneSql = "DELETE FROM case_changes WHERE guild_id = @GuildId AND version < @From;";
    private const string MoveFloorSql = "UPDATE guild_versions SET changes_from = @From WHERE guild_id = @GuildId;";

    /// <summary>
    /// Bumps the server's version and logs <paramref name="caseIds"/> as changed by it, inside the caller's
    /// transaction, so the change and its record commit or vanish together.
    /// </summary>
    public static async Task RecordAsync(
        DbConnection connection, DbTransaction transaction, SqlDialect dialect, ulong guildId, IEnumerable<long> caseIds, CancellationToken cancellationToken)
    {
        var guild = DbValues.Id(guildId);
        var version = await connection.ExecuteScalarAsync<long>(
            new CommandDefinition(dialect.BumpGuildVersionSql, new { GuildId = guild }, transaction, cancellationToken: cancellationToken));
        var rows = caseIds.Distinct().Select(id => new { GuildId = guild, Version = version, CaseId = id }).ToList();
        if (rows.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(LogChangeSql, rows, transaction, cancellationToken: cancellationToken));
        }

        if (version % PruneEvery == 0 && version > KeptVersions)
        {
            var floor = new { GuildId = guild, From = version - KeptVersions + 1 };
            await connection.ExecuteAsync(new CommandDefinition(PruneSql, floor, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(MoveFloorSql, floor, transaction, cancellationToken: cancellationToken));
        }
    }
}
