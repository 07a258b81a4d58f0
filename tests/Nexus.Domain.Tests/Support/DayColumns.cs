using Dapper;
using Nexus.Domain.Storage;

namespace Nexus.Domain.Tests.Support;

/// <summary>
/// Checks the statistics load's denormalised day numbers on <c>cases</c> (migration 0004) against what they
/// copy: <c>applied_on</c> and the <c>case_milestones</c> rows, converted by the provider's own
/// <see cref="SqlDialect.DayNumber"/>. Every case of the server is checked, removed and excluded ones too.
/// </summary>
public static class DayColumns
{
    // Column order follows the Milestone values 0..6 (Nexus.Domain/Cases/Enums.cs).
    private static readonly string[] Columns =
        ["applied_day", "conditional_day", "interview_ca_day", "interview_us_day", "approved_day", "card_day", "denied_day"];

    /// <summary>Every disagreement, as sentences naming the case and column; empty when the copies agree.</summary>
    public static async Task<IReadOnlyList<string>> MismatchesAsync(IDbConnectionFactory factory, ulong guildId)
    {
        var dialect = factory.Dialect;
        var caseSql = $"SELECT id, {dialect.DayNumber("applied_on")}, {string.Join(", ", Columns)} FROM cases WHERE guild_id = @GuildId ORDER BY id";
        var milestoneSql = $"""
            SELECT m.case_id, m.milestone, {dialect.DayNumber("m.date")}
            FROM case_milestones m JOIN cases c ON c.id = m.case_id
            WHERE c.guild_id = @GuildId
            """;
        var parameters = new { GuildId = unchecked((long)guildId) };
        await using var connection = await factory.OpenAsync(CancellationToken.None);
        var expected = new Dictionary<long, long?[]>();
        var stored = new Dictionary<long, long?[]>();
        await using (var reader = await connection.ExecuteReaderAsync(new CommandDefinition(caseSql, parameters)))
        {
            while (await reader.ReadAsync())
            {
                var id = reader.GetInt64(0);
                var want = new long?[Columns.Length];
                want[0] = Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
                expected[id] = want;
                stored[id] = [.. Enumerable.Range(0, Columns.Length).Select(i =>
                    reader.IsDBNull(2 + i) ? (long?)null : Convert.ToInt64(reader.GetValue(2 + i), System.Globalization.CultureInfo.InvariantCulture))];
            }
        }

        await using (var reader = await connection.ExecuteReaderAsync(new CommandDefinition(milestoneSql, parameters)))
        {
            while (await reader.ReadAsync())
            {
                var milestone = Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
                expected[reader.GetInt64(0)][milestone] = Convert.ToInt64(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        var mismatches = new List<string>();
        foreach (var (id, want) in expected)
        {
            for (var i = 0; i < Columns.Length; i++)
            {
                if (want[i] != stored[id][i])
                {
                    mismatches.Add($"case {id}: {Columns[i]} is {stored[id][i]?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "NULL"}, "
                        + $"expected {want[i]?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "NULL"}");
                }
            }
        }

        return mismatches;
    }

    /// <summary>Fails the test when any copy disagrees.</summary>
    public static async Task AssertAgreeAsync(IDbConnectionFactory factory, ulong guildId) =>
        Assert.Empty(await MismatchesAsync(factory, guildId));
}
