using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Nexus.Domain.Cases;
using Nexus.Domain.Moderation;

namespace Nexus.Testing;

/// <summary>
/// Reads a SQLite database straight from its tables (not through the repository under test) and lists
/// every way its cases break the rules: the file's integrity, each timeline re-validated by replaying it
/// through <see cref="CaseRules"/>, the column ranges, the uniqueness of numbers and owners, and the history
/// (a case has its creation rows, each change starts where the previous one ended, and replaying the
/// history gives the stored values). Shared by the domain and bot hardening tests.
/// </summary>
public static class StoredCaseAudit
{
    /// <summary>The stored cases with their timelines and history, as read from the tables.</summary>
    public sealed record StoredCase(
        long Id, ulong GuildId, ulong? OwnerId, long CaseNumber, ApplicationType Type, ApplicantStatus Status, int Applicants,
        string? CentreCode, bool Visible, long Version, Timeline Timeline, IReadOnlyList<HistoryRow> History);

    /// <summary>One history row.</summary>
    public sealed record HistoryRow(long Id, string Field, string? From, string? To);

    /// <summary>Every violation found, as sentences naming the case; empty when the database is sound.</summary>
    public static async Task<IReadOnlyList<string>> FindViolationsAsync(string databasePath, DateOnly today)
    {
        var (violations, _) = await ReadAsync(databasePath, today);
        return violations;
    }

    /// <summary>The violations and the cases read.</summary>
    public static async Task<(IReadOnlyList<string> Violations, IReadOnlyList<StoredCase> Cases)> ReadAsync(string databasePath, DateOnly today)
    {
        var violations = new List<string>();
        // Pooling=False: the audit must not leave a pooled handle on a file the test deletes or reopens.
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var integrity = (await connection.QueryAsync<string>("PRAGMA integrity_check;")).ToList();
        if (integrity is not ["ok"])
        {
            violations.Add("integrity_check: " + string.Join("; ", integrity));
        }

        var orphans = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM pragma_foreign_key_check;");
        if (orphans != 0)
        {
            violations.Add($"foreign_key_check: {orphans} row(s) point at no case");
        }

        var rows = (await connection.QueryAsync<(long Id, long GuildId, long? OwnerId, long CaseNumber, long Type, long Status, long Applicants, string? Centre, long Visible, long Version)>(
            "SELECT id, guild_id, owner_id, case_number, application_type, applicant_status, applicants, centre_code, visible, version FROM cases ORDER BY id;")).ToList();
        // The milestone columns in Milestone order (Nexus.Domain/Cases/Enums.cs), read by ordinal: day numbers or NULL.
        var days = new Dictionary<long, long?[]>();
        await using (var reader = await connection.ExecuteReaderAsync(
            "SELECT id, applied_day, conditional_day, interview_ca_day, interview_us_day, approved_day, card_day, denied_day FROM cases;"))
        {
            while (await reader.ReadAsync())
            {
                days[reader.GetInt64(0)] = [.. Enumerable.Range(1, 7).Select(i => reader.IsDBNull(i) ? (long?)null : reader.GetInt64(i))];
            }
        }

        var history = (await connection.QueryAsync<(long Id, long CaseId, string Field, string? From, string? To)>(
            "SELECT id, case_id, field, old_value, new_value FROM case_history ORDER BY id;")).ToLookup(h => h.CaseId);

        var cases = new List<StoredCase>();
        foreach (var row in rows)
        {
            var label = $"case id {row.Id} (#{row.CaseNumber}, guild {row.GuildId})";
            if (days[row.Id][0] is not { } appliedDay || !TryDay(appliedDay, out var applied))
            {
                violations.Add($"{label}: applied_day '{days[row.Id][0]}' is not a date");
                continue;
            }

            var timeline = new Timeline(applied);
            for (var milestone = 1; milestone < 7; milestone++)
            {
                if (days[row.Id][milestone] is not { } day)
                {
                    continue;
                }

                if (!TryDay(day, out var date))
                {
                    violations.Add($"{label}: {(Milestone)milestone} day {day} is not a date");
                    continue;
                }

                timeline = timeline.With((Milestone)milestone, date);
            }

            var stored = new StoredCase(
                row.Id, (ulong)row.GuildId, row.OwnerId is { } owner ? (ulong)owner : null, row.CaseNumber, (ApplicationType)row.Type,
                (ApplicantStatus)row.Status, (int)row.Applicants, row.Centre, row.Visible == 1, row.Version, timeline,
                [.. history[row.Id].Select(h => new HistoryRow(h.Id, h.Field, h.From, h.To))]);
            cases.Add(stored);
            violations.AddRange(CheckCase(stored, today).Select(v => $"{label}: {v}"));
        }

        foreach (var duplicate in cases.GroupBy(c => (c.GuildId, c.CaseNumber)).Where(g => g.Count() > 1))
        {
            violations.Add($"case number {duplicate.Key.CaseNumber} is used {duplicate.Count()} times in guild {duplicate.Key.GuildId}");
        }

        foreach (var duplicate in cases.Where(c => c.OwnerId is not null).GroupBy(c => (c.GuildId, c.OwnerId)).Where(g => g.Count() > 1))
        {
            violations.Add($"member {duplicate.Key.OwnerId} has {duplicate.Count()} cases in guild {duplicate.Key.GuildId}");
        }

        return (violations, cases);
    }

    private static IEnumerable<string> CheckCase(StoredCase c, DateOnly today)
    {
        if (!Enum.IsDefined(c.Type) || !Enum.IsDefined(c.Status))
        {
            yield return $"type {c.Type} or status {c.Status} is not a known value";
        }

        if (CaseRules.CheckApplicants(c.Applicants) is { } applicants)
        {
            yield return applicants.Message;
        }

        if (c.CentreCode is not null && EnrolmentCentres.Default.Find(c.CentreCode)?.Code != c.CentreCode)
        {
            yield return $"centre '{c.CentreCode}' is not a known centre code";
        }

        if (Replay(c.Type, c.Timeline, today) is { } timelineError)
        {
            yield return "timeline breaks a rule: " + timelineError;
        }

        foreach (var problem in CheckHistory(c))
        {
            yield return problem;
        }
    }

    /// <summary>
    /// Rebuilds the timeline from its application date, adding each recorded milestone in the order a member
    /// would, through the same rules the service applies; the first refusal is the violation.
    /// </summary>
    private static string? Replay(ApplicationType type, Timeline stored, DateOnly today) =>
        TimelineValidation.FirstError(type, stored, today)?.Message;

    private static IEnumerable<string> CheckHistory(StoredCase c)
    {
        var appliedName = Milestone.Applied.Name();
        if (!c.History.Any(h => h.Field == appliedName && h.From is null))
        {
            yield return "has no creation row in its history (a half-written case)";
            yield break;
        }

        // Each field's rows must chain (a change starts from the value the previous one left), and the last
        // value must be what is stored: otherwise an update was lost or history was written apart from it.
        var expected = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [CaseFields.Type] = c.Type.Name(),
            [CaseFields.ApplicantStatus] = c.Status.Name(),
            [CaseFields.Applicants] = c.Applicants.ToString(CultureInfo.InvariantCulture),
            [CaseFields.Visible] = c.Visible ? "visible" : "hidden",
        };
        foreach (var (milestone, name, _) in WireNames.AllMilestones)
        {
            expected[name] = c.Timeline.Get(milestone) is { } date ? Iso(date) : null;
        }

        var current = new Dictionary<string, string?>(StringComparer.Ordinal) { [CaseFields.Visible] = "hidden" };
        foreach (var row in c.History)
        {
            var before = current.GetValueOrDefault(row.Field);
            if (before != row.From)
            {
                yield return $"history row {row.Id} changes {row.Field} from '{row.From}' but it was '{before}'";
            }

            current[row.Field] = row.To;
        }

        foreach (var (field, value) in expected)
        {
            var replayed = current.GetValueOrDefault(field, field == CaseFields.Visible ? "hidden" : null);
            if (replayed != value)
            {
                yield return $"replaying the history gives {field} = '{replayed}', but '{value}' is stored";
            }
        }
    }

    private static bool TryDay(long day, out DateOnly date)
    {
        var valid = day >= DateOnly.MinValue.DayNumber && day <= DateOnly.MaxValue.DayNumber;
        date = valid ? DateOnly.FromDayNumber((int)day) : default;
        return valid;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
