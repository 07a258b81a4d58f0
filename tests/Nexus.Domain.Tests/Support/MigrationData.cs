using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;
using Nexus.Domain.Cases;

namespace Nexus.Domain.Tests.Support;

/// <summary>
/// What the migrations' data tests share: members' cases entered through the real case service, and a dump of
/// tables to compare before and after a migration.
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
