using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Nexus.Domain.Cases;
using Nexus.Domain.Storage;

namespace Nexus.CrashWriter;

/// <summary>
/// Writes to a migrated SQLite database through the real case service until it is killed:
/// <c>Nexus.CrashWriter &lt;database&gt; &lt;seed&gt;</c>. After each committed write it prints one line
/// (<c>S member</c> started, <c>U member</c> updated, <c>D member</c> deleted), so the test can kill it at
/// a random point and then check what it was told was committed.
/// </summary>
internal static class Program
{
    private const ulong Guild = 981346340044800001;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 2 || !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seed))
        {
            await Console.Error.WriteLineAsync("usage: Nexus.CrashWriter <database> <seed>");
            return 64;
        }

        var factory = new SqliteConnectionFactory($"Data Source={args[0]}", NullLogger<SqliteConnectionFactory>.Instance);
        var cases = new CaseService(new CaseRepository(factory, NullLogger<CaseRepository>.Instance), EnrolmentCentres.Default, TimeProvider.System);
        var random = new Random(seed);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var members = new List<ulong>();
        var next = 800_000_000_000_000_000UL + ((ulong)seed * 1_000_000);
        using var output = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
        await output.WriteLineAsync("ready");
        while (true)
        {
            var roll = random.Next(10);
            if (members.Count < 3 || roll < 3)
            {
                var member = next++;
                var applied = today.AddDays(-random.Next(200, 2000));
                var started = await cases.StartAsync(
                    new StartCaseRequest(Guild, member, applied, ApplicationType.Initial, ApplicantStatus.CaCitizen, 1 + random.Next(4), random.Next(2) == 0 ? "us-wa-blaine" : null),
                    CancellationToken.None);
                if (started.IsSuccess)
                {
                    members.Add(member);
                    await output.WriteLineAsync($"S {member}");
                }
            }
            else if (roll < 9)
            {
                var member = members[random.Next(members.Count)];
                var current = await cases.GetAsync(Guild, member, null, CancellationToken.None);
                if (!current.IsSuccess)
                {
                    continue;
                }

                // The next stage a few weeks after the last one, so most updates are accepted and write
                // several rows (milestones, history, the server's version) in one transaction.
                var timeline = current.Value.Timeline;
                var last = new[] { timeline.Applied, timeline.Conditional, timeline.InterviewCa, timeline.Approved }.Max(d => d ?? DateOnly.MinValue);
                var date = last.AddDays(random.Next(1, 30));
                var milestone = timeline.Conditional is null ? MilestoneInput.Conditional
                    : timeline.InterviewCa is null ? MilestoneInput.Interview
                    : timeline.Approved is null ? MilestoneInput.Approved
                    : MilestoneInput.Card;
                var updated = random.Next(5) == 0
                    ? await cases.SetVisibilityAsync(Guild, member, !current.Value.Visible, "member", CancellationToken.None)
                    : await cases.UpdateMilestoneAsync(Guild, member, milestone, date > today ? today : date, CancellationToken.None);
                if (updated.IsSuccess)
                {
                    await output.WriteLineAsync($"U {member}");
                }
            }
            else
            {
                var member = members[random.Next(members.Count)];
                if ((await cases.DeleteAsync(Guild, member, CancellationToken.None)).IsSuccess)
                {
                    members.Remove(member);
                    await output.WriteLineAsync($"D {member}");
                }
            }
        }
    }
}
