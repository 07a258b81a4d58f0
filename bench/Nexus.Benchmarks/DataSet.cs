using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Nexus.Domain.Cases;
using Nexus.Domain.Storage;
using Nexus.Domain.Storage.Migrations;

namespace Nexus.Benchmarks;

/// <summary>
/// Synthetic servers of 10^4..10^6 cases, written straight through SQL into a database made by the real
/// migrations, cached under bench/data per size and generator version so later runs reuse them.
/// </summary>
/// <remarks>
/// One server (<see cref="GuildId"/>). Member <c>MemberId(i)</c> owns case #i. The first <see cref="Writers"/>
/// members have only an application date (100 to 400 days ago), so <c>/mycase update conditional</c> with
/// any date up to 90 days after it is always valid; the others have plausible timelines (a fixed seed).
/// </remarks>
internal static class DataSet
{
    /// <summary>Bump when the generated data changes: cached files of another version are not reused.</summary>
    public const int GeneratorVersion = 3;

    public const ulong GuildId = 900000000000000001;

    private const ulong FirstMember = 100000000000000000;

    public static ulong MemberId(int caseNumber) => FirstMember + (ulong)caseNumber;

    /// <summary>How many members (from #1) are set aside as writers in a data set of <paramref name="cases"/>.</summary>
    public static int Writers(int cases) => Math.Min(cases / 10, 5000);

    /// <summary>The application date of writer <paramref name="caseNumber"/>, relative to the generation day.</summary>
    public static int WriterAppliedDaysAgo(int caseNumber) => 100 + (caseNumber * 37 % 300);

    /// <summary>The cached database of <paramref name="cases"/> cases, generated first when missing.</summary>
    public static async Task<string> EnsureAsync(int cases, TextWriter log)
    {
        Directory.CreateDirectory(BenchPaths.Data);
        var path = Path.Combine(BenchPaths.Data, $"cases-{cases}-g{GeneratorVersion}.db");
        if (File.Exists(path))
        {
            return path;
        }

        var temporary = path + ".part";
        File.Delete(temporary);
        var watch = Stopwatch.StartNew();
        await GenerateAsync(temporary, cases, log);
        File.Move(temporary, path);
        log.WriteLine($"  generated {cases:N0} cases in {watch.Elapsed.TotalSeconds:F1} s → {Path.GetRelativePath(BenchPaths.Root, path)}");
        return path;
    }

    /// <summary>A fresh working copy of the cached data set (the scenarios write to it).</summary>
    public static async Task<string> WorkingCopyAsync(int cases, string name, TextWriter log)
    {
        var source = await EnsureAsync(cases, log);
        var copy = Path.Combine(BenchPaths.Data, $"work-{name}.db");
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(copy + suffix);
        }

        File.Copy(source, copy);
        return copy;
    }

    private static async Task GenerateAsync(string path, int cases, TextWriter log)
    {
        var connectionString = $"Data Source={path};Pooling=False";
        var factory = new SqliteConnectionFactory(connectionString, NullLogger<SqliteConnectionFactory>.Instance);
        await new DatabaseMigrator(factory, MigrationScript.Shipped(StorageProvider.Sqlite), TimeProvider.System, NullLogger<DatabaseMigrator>.Instance)
            .MigrateAsync(CancellationToken.None);

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        using (var pragma = connection.CreateCommand())
        {
            // Generation only: nothing is lost that a re-run would not make again.
            pragma.CommandText = "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;";
            await pragma.ExecuteNonQueryAsync();
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var centres = EnrolmentCentres.Default.All.Select(c => c.Code).Take(40).ToArray();
        var random = new Random(20240601);
        var writers = Writers(cases);
        const int Batch = 50_000;
        for (var start = 1; start <= cases; start += Batch)
        {
            await using var transaction = connection.BeginTransaction();
            using var insertCase = connection.CreateCommand();
            insertCase.Transaction = transaction;
            insertCase.CommandText = """
                INSERT INTO cases (id, guild_id, owner_id, case_number, application_type, applicant_status, applicants,
                                   centre_code, visible, excluded, created_at, updated_at, version,
                                   applied_day, conditional_day, interview_ca_day, interview_us_day, approved_day, card_day, denied_day)
                VALUES ($id, $guild, $owner, $id, $type, $status, $applicants, $centre, 0, 0, $now, $now, 1,
                        $d0, $d1, $d2, $d3, $d4, $d5, $d6)
                """;
            var pId = insertCase.Parameters.Add("$id", SqliteType.Integer);
            insertCase.Parameters.AddWithValue("$guild", (long)GuildId);
            var pOwner = insertCase.Parameters.Add("$owner", SqliteType.Integer);
            var pType = insertCase.Parameters.Add("$type", SqliteType.Integer);
            var pStatus = insertCase.Parameters.Add("$status", SqliteType.Integer);
            var pApplicants = insertCase.Parameters.Add("$applicants", SqliteType.Integer);
            var pCentre = insertCase.Parameters.Add("$centre", SqliteType.Text);

            // The milestone dates as day numbers (migration 0006), indexed by Milestone value.
            var pDays = Enumerable.Range(0, 7).Select(m => insertCase.Parameters.Add($"$d{m}", SqliteType.Integer)).ToArray();
            insertCase.Parameters.AddWithValue("$now", now);
            insertCase.Prepare();

            var end = Math.Min(cases, start + Batch - 1);
            for (var i = start; i <= end; i++)
            {
                var renewal = random.NextDouble() < 0.15;
                pId.Value = i;
                pOwner.Value = (long)MemberId(i);
                pType.Value = renewal ? (int)ApplicationType.Renewal : (int)ApplicationType.Initial;
                pStatus.Value = random.Next(10) switch { < 4 => 0, < 7 => 1, 7 => 2, 8 => 3, _ => 4 };
                pApplicants.Value = random.Next(10) < 8 ? 1 : 2;
                pCentre.Value = random.Next(5) == 0 ? DBNull.Value : centres[random.Next(centres.Length)];
                var applied = i <= writers
                    ? today.AddDays(-WriterAppliedDaysAgo(i))
                    : today.AddDays(-random.Next(0, 1100));

                var timeline = i <= writers ? [] : Timeline(random, applied, today, renewal).ToList();
                foreach (var parameter in pDays)
                {
                    parameter.Value = DBNull.Value;
                }

                pDays[(int)Milestone.Applied].Value = applied.DayNumber;
                foreach (var (milestone, date) in timeline)
                {
                    pDays[(int)milestone].Value = date.DayNumber;
                }

                await insertCase.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
            log.Write($"\r  generating {cases:N0} cases: {end * 100L / cases,3}%");
        }

        log.WriteLine();
        using var finish = connection.CreateCommand();
        finish.CommandText = """
            INSERT INTO guild_versions (guild_id, version) VALUES ($guild, 1);
            INSERT INTO guild_case_counters (guild_id, last_case_number) VALUES ($guild, $count);
            PRAGMA journal_mode = WAL;
            """;
        finish.Parameters.AddWithValue("$guild", (long)GuildId);
        finish.Parameters.AddWithValue("$count", cases);
        await finish.ExecuteNonQueryAsync();
        using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE;";
        await analyze.ExecuteNonQueryAsync();
    }

    // A plausible timeline: each stage takes a random wait, and only what has happened by today is recorded.
    private static IEnumerable<(Milestone, DateOnly)> Timeline(Random random, DateOnly applied, DateOnly today, bool renewal)
    {
        var day = applied;
        if (!renewal || random.Next(2) == 0)
        {
            day = day.AddDays(20 + random.Next(0, 120));
            if (day > today)
            {
                yield break;
            }

            yield return (Milestone.Conditional, day);
            var interview = day.AddDays(10 + random.Next(0, 90));
            if (interview > today.AddDays(30))
            {
                yield break;
            }

            yield return (Milestone.InterviewCa, interview);
            yield return (Milestone.InterviewUs, interview);
            day = interview;
            if (day > today)
            {
                yield break;
            }

            if (random.Next(100) == 0)
            {
                yield return (Milestone.Denied, day.AddDays(1) > today ? day : day.AddDays(1));
                yield break;
            }
        }

        day = day.AddDays(random.Next(0, 15));
        if (day > today)
        {
            yield break;
        }

        yield return (Milestone.Approved, day);
        day = day.AddDays(7 + random.Next(0, 21));
        if (day <= today)
        {
            yield return (Milestone.Card, day);
        }
    }
}
