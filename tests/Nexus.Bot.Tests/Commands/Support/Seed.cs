using Microsoft.Extensions.DependencyInjection;
using Nexus.Domain.Cases;

namespace Nexus.Bot.Tests.Commands.Support;

/// <summary>Fills a server with cases through the real case service, as members would have entered them.</summary>
public static class Seed
{
    public const ulong FirstMember = 700_000_000_000_000_000;

    /// <summary>
    /// <paramref name="finished"/> initial applications that went all the way to the card (applied a week
    /// apart from 2023-09-01; 60 days to conditional, 30 to the interview, approved the same day, card 14
    /// days later), then <paramref name="waiting"/> still pending review.
    /// </summary>
    public static async Task CasesAsync(CommandHarness bot, int finished, int waiting, ApplicationType type = ApplicationType.Initial, string? centre = null, ulong guild = CommandHarness.Guild)
    {
        var cases = bot.Services.GetRequiredService<CaseService>();
        var applied = new DateOnly(2023, 9, 1);
        for (var i = 0; i < finished + waiting; i++)
        {
            var member = FirstMember + (ulong)(type == ApplicationType.Renewal ? 500 : 0) + (ulong)i;
            var start = await cases.StartAsync(new StartCaseRequest(guild, member, applied.AddDays(7 * i), type, ApplicantStatus.CaCitizen, 1, centre), CancellationToken.None);
            Assert.True(start.IsSuccess, start.Error?.Message);
            if (i >= finished)
            {
                continue;
            }

            var conditional = applied.AddDays((7 * i) + 60);
            await Step(cases, guild, member, MilestoneInput.Conditional, conditional);
            await Step(cases, guild, member, MilestoneInput.Interview, conditional.AddDays(30));
            await Step(cases, guild, member, MilestoneInput.Approved, conditional.AddDays(30));
            await Step(cases, guild, member, MilestoneInput.Card, conditional.AddDays(44));
        }
    }

    private static async Task Step(CaseService cases, ulong guild, ulong member, MilestoneInput milestone, DateOnly date)
    {
        var result = await cases.UpdateMilestoneAsync(guild, member, milestone, date, CancellationToken.None);
        Assert.True(result.IsSuccess, result.Error?.Message);
    }
}
