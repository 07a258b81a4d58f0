using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;
using Nexus.Domain.Cases;

namespace Nexus.Domain.Tests.Support;

/// <summary>
/// What the migrations' data tests share: members' cases entered through the real case service, their rows copied
/// into a database of an older schema, and a dump of tables to compare before and after a migration.
/// </summary>
public static class MigrationData
{
    /// <summary>
    /// <paramref name="perGuild"/> cases in each server, entered as members enter them (each milestone in order,
    /// some refused and kept as they were, some shared by name), from a seeded random. Returns each case as saved last.
    /// </summary>
    public static async Task<List<Case>> EnterCasesAsync(CaseService service, IReadOnlyList<ulong> guilds, DateOnly today, int seed, int perGuild)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(guilds);
        var random = new Random(seed);
        var inputs = new[] { MilestoneInput.Conditional, MilestoneInput.Interview, MilestoneInput.Approved, MilestoneInput.Card };
        var seeded = new List<Case>();
        foreach (var guild in guilds)
        {
            for (var member = 0; member < perGuild; member++)
            {
                var owner = 700_000_000_000_000_000UL + (ulong)member;
                var applied = today.AddDays(-random.Next(30, 700));
                var started = await service.StartAsync(
                    new StartCaseRequest(guild, owner, applied, (ApplicationType)random.Next(2), (ApplicantStatus)random.Next(5), random.Next(1, 11),
                        random.Next(3) == 0 ? null : EnrolmentCentres.Default.All[random.Next(EnrolmentCentres.Default.All.Count)].Code),
                    CancellationToken.None);
                var current = started.Value;
                var day = applied;
                foreach (var input in inputs.Take(random.Next(inputs.Length + 1)))
                {
                    day = day.AddDays(random.Next(0, 60));
                    if (day > today)
                    {
                        break;
                    }

                    var updated = await service.UpdateMilestoneAsync(guild, owner, input, day, CancellationToken.None);
                    current = updated.IsSuccess ? updated.Value : current;
                }

                if (random.Next(5) == 0)
                {
                    current = (await service.SetVisibilityAsync(guild, owner, true, $"Member {member}", CancellationToken.None)).Value;
                }

                seeded.Add(current);
            }
        }

        return seeded;
    }

    /// <summary>
    /// Copies every row of <paramref name="tables"/> from the SQLite file at <paramref name="sourcePath"/> into
    /// <paramref name="connection"/>'s database, by the columns that database's (older) schema has: today's
    /// services need today's schema, so data is entered in a database at the latest script and copied down.
    /// </summary>
    public static async Task CopyRowsAsync(DbConnection connection, string sourcePath, IEnumerable<string> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        await connection.ExecuteAsync(new CommandDefinition("ATTACH DATABASE @Path AS source;", new { Path = sourcePath }));
        foreach (var table in tables)
        {
            // Names from the test's own list and SQLite's catalogue, never from input.
            var columns = string.Join(", ", await ColumnsAsync(connection, table));
            await connection.ExecuteAsync(new CommandDefinition($"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM source.{table};"));
        }

        await connection.ExecuteAsync(new CommandDefinition("DETACH DATABASE source;"));
    }

    /// <summary>The columns of <paramref name="table"/> in <paramref name="connection"/>'s main database, in order.</summary>
    public static async Task<List<string>> ColumnsAsync(DbConnection connection, string table) =>
        [.. await connection.QueryAsync<string>(new CommandDefinition("SELECT name FROM pragma_table_info(@Table, 'main') ORDER BY cid;", new { Table = table }))];

    /// <summary>Every row <paramref name="queries"/> return, as text: column name and value, one line per row.</summary>
    public static async Task<List<string>> DumpAsync(DbConnection connection, IEnumerable<string> queries)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var dump = new List<string>();
        foreach (var query in queries)
        {
            await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(query));
            var text = new StringBuilder(query).Append('\n');
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(reader.GetName(i)).Append('=').Append(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append(';');
                }

                text.Append('\n');
            }

            dump.Add(text.ToString());
        }

        return dump;
    }
}
