using Nexus.Domain.Cases;
using Nexus.Domain.Statistics;
using Nexus.Domain.Common;

namespace Nexus.Bot.Shell;

/// <summary>
/// <c>shell --demo</c>: a few hundred synthetic cases so that <c>/stats</c> and <c>/cases</c> show something
/// at once. Waits are shaped like the figures people report (shared NEXUS reference §8): application to
/// conditional approval in weeks to months (lognormal, some still waiting, a few very long manual reviews);
/// conditional approval to interview in weeks to months, some booked ahead; approval mostly on the interview
/// day; the card 10–14 days later; renewals mostly approved without an interview; a few denials. Every
/// timeline is built through <see cref="CaseRules.SetMilestone"/>, so it obeys the same rules as a member's.
/// The seed is fixed: the same day gives the same cases.
/// <para>
/// Like any real server's data, a few cases carry mistakes a moderator would act on (see <see cref="PlantMistakes"/>):
/// the review queue then shows what it is for, and nothing else.
/// </para>
/// </summary>
internal static class DemoCases
{
    /// <summary>The random seed: the demo is the same for everyone on the same day.</summary>
    public const int Seed = 20240601;

    /// <summary>How many cases a fresh demo server gets.</summary>
    public const int Count = 360;

    private static readonly string[] Centres =
    [
        "us-wa-blaine", "us-wa-blaine", "us-wa-blaine", "us-ny-champlain", "us-mi-detroit", "us-ny-niagara-falls",
        "ca-on-fort-erie", "ca-on-lansdowne", "ca-yyz-cbsa", "ca-yvr-cbsa", "ca-yul-cbsa", "ca-yow-cbsa", "us-mt-sweetgrass",
    ];

    /// <summary>
    /// Adds the demo cases to <paramref name="guildId"/> unless it already has cases. Returns how many were
    /// created (0 when the server had cases).
    /// </summary>
    public static async Task<int> SeedAsync(ICaseRepository repository, IStatsSource stats, ulong guildId, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(stats);
        ArgumentNullException.ThrowIfNull(time);
        var (_, existing) = await stats.LoadGuildCasesAsync(guildId, cancellationToken);
        if (existing.Count > 0)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var today = now.UtcDay();
        var random = new Random(Seed);
        // Each demo case is saved under a key of this seeding, so a repeated insert can't save it twice.
        var batch = Guid.NewGuid();
        var drafts = Enumerable.Range(0, Count)
            .Select(i => Generate(random, guildId, today, now) with { ImportKey = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"demo:{batch:N}:{i}") })
            .ToList();
        PlantMistakes(drafts, today);

        // One transaction per case through the repository (its number, milestones, history row and the
        // server's version together); written one after another, since SQLite has a single writer anyway.
        var created = 0;
        foreach (var draft in drafts)
        {
            var history = new[] { new CaseHistoryEntry(Milestone.Applied.Name(), null, draft.Timeline.Applied.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), now, 0) };
            if (await repository.InsertAsync(draft, history, cancellationToken) is not null)
            {
                created++;
            }
        }

        return created;
    }

    private static Case Generate(Random random, ulong guildId, DateOnly today, DateTimeOffset now)
    {
        var type = random.NextDouble() < 0.18 ? ApplicationType.Renewal : ApplicationType.Initial;
        var status = Pick(random, [(ApplicantStatus.CaCitizen, 45), (ApplicantStatus.UsCitizen, 35), (ApplicantStatus.CaPermanentResident, 9), (ApplicantStatus.UsPermanentResident, 8), (ApplicantStatus.MexicanNational, 3)]);
        var applied = today.AddDays(-random.Next(0, 730));
        var timeline = new Timeline(applied);
        var deniedAt = random.NextDouble() < 0.03 ? random.Next(1, 4) : 0;

        if (type == ApplicationType.Renewal && random.NextDouble() < 0.7)
        {
            // Most renewals are approved without conditional approval or an interview.
            var approved = applied.AddDays(Lognormal(random, 21, 0.7));
            timeline = Set(type, timeline, MilestoneInput.Approved, approved, today);
            timeline = Set(type, timeline, MilestoneInput.Card, approved.AddDays(random.Next(10, 15)), today);
        }
        else
        {
            var conditional = applied.AddDays(Lognormal(random, type == ApplicationType.Renewal ? 30 : 70, 0.65)
                + (random.NextDouble() < 0.06 ? random.Next(180, 420) : 0));
            timeline = Set(type, timeline, MilestoneInput.Conditional, conditional, today);
            if (deniedAt == 1 && timeline.Conditional is null && conditional.AddDays(-20) <= today)
            {
                return Draft(guildId, type, status, random, Set(type, timeline, MilestoneInput.Denied, conditional.AddDays(-20), today), now);
            }

            if (timeline.Conditional is { } ca)
            {
                var interview = ca.AddDays(Lognormal(random, 45, 0.8));
                // Interviews may be booked ahead: half of those still to come are on record.
                if (interview <= today || random.NextDouble() < 0.5)
                {
                    if (random.NextDouble() < 0.2)
                    {
                        timeline = Set(type, timeline, MilestoneInput.InterviewCa, interview, today);
                        timeline = Set(type, timeline, MilestoneInput.InterviewUs, interview.AddDays(random.Next(1, 21)), today);
                    }
                    else
                    {
                        timeline = Set(type, timeline, MilestoneInput.Interview, interview, today);
                    }
                }

                if (timeline.InterviewCompleted is { } done && done <= today)
                {
                    if (deniedAt == 2)
                    {
                        return Draft(guildId, type, status, random, Set(type, timeline, MilestoneInput.Denied, done, today), now);
                    }

                    var approved = random.NextDouble() < 0.85 ? done : done.AddDays(random.Next(1, 30));
                    timeline = Set(type, timeline, MilestoneInput.Approved, approved, today);
                    if (timeline.Approved is { } ok)
                    {
                        timeline = Set(type, timeline, MilestoneInput.Card, ok.AddDays(random.Next(10, 15)), today);
                    }
                }
            }
        }

        return Draft(guildId, type, status, random, timeline, now);
    }

    /// <summary>
    /// Three mistakes members and spreadsheets really make, each in the first case that can carry it (no extra
    /// random draws, so every other case stays as generated): a card date typed a year late (approval → card
    /// about a year, where most take two weeks), an approval typed a year late on a case still waiting for its
    /// card (a year after the interview, where most are approved the same day), and a card dated before the
    /// approval, as an imported spreadsheet row can have (an impossible, negative wait).
    /// </summary>
    internal static void PlantMistakes(List<Case> drafts, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        var used = new HashSet<int>();
        Plant(drafts, used, t => t is { Approved: { } a, Card: { } c } && c.AddYears(1) <= today && a < c,
            t => t with { Card = t.Card!.Value.AddYears(1) });
        Plant(drafts, used, t => t is { Approved: { } a, Card: not null, InterviewCompleted: { } i } && a == i && a.AddYears(1) <= today,
            t => t with { Approved = t.Approved!.Value.AddYears(1), Card = null });
        Plant(drafts, used, t => t is { Approved: { } a, Card: { } c } && c.DayNumber - a.DayNumber >= 10,
            t => t with { Card = t.Approved!.Value.AddDays(-12) });
    }

    private static void Plant(List<Case> drafts, HashSet<int> used, Func<Timeline, bool> fits, Func<Timeline, Timeline> mistake)
    {
        for (var i = 0; i < drafts.Count; i++)
        {
            if (drafts[i].Type == ApplicationType.Initial && !used.Contains(i) && fits(drafts[i].Timeline))
            {
                drafts[i] = drafts[i] with { Timeline = mistake(drafts[i].Timeline) };
                used.Add(i);
                return;
            }
        }
    }

    private static Case Draft(ulong guildId, ApplicationType type, ApplicantStatus status, Random random, Timeline timeline, DateTimeOffset now) => new()
    {
        GuildId = guildId,
        // Community cases without an owner: they never collide with a member's own case.
        OwnerId = null,
        Type = type,
        ApplicantStatus = status,
        Applicants = random.NextDouble() < 0.8 ? 1 : random.Next(2, 5),
        CentreCode = random.NextDouble() < 0.85 ? Centres[random.Next(Centres.Length)] : null,
        Timeline = timeline,
        Visible = false,
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>Sets a milestone if the rules allow it on <paramref name="today"/> (a date still to come simply isn't recorded).</summary>
    private static Timeline Set(ApplicationType type, Timeline timeline, MilestoneInput milestone, DateOnly date, DateOnly today)
    {
        var result = CaseRules.SetMilestone(type, timeline, milestone, date, today);
        return result.IsSuccess ? result.Value : timeline;
    }

    /// <summary>A lognormal wait in whole days with the given median and spread (Box–Muller).</summary>
    private static int Lognormal(Random random, double medianDays, double sigma)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        var normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        return Math.Max(1, (int)Math.Round(medianDays * Math.Exp(sigma * normal)));
    }

    private static T Pick<T>(Random random, (T Value, int Weight)[] table)
    {
        var roll = random.Next(table.Sum(t => t.Weight));
        foreach (var (value, weight) in table)
        {
            if (roll < weight)
            {
                return value;
            }

            roll -= weight;
        }

        return table[^1].Value;
    }
}
