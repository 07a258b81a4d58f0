using Nexus.Bot.Tests.Commands.Support;
using Nexus.Discord.Models;
using Nexus.Domain.Cases;
using static Nexus.Discord.Models.InteractionOption;

namespace Nexus.Bot.Tests.Commands;

public sealed class StatsCommandTests : IAsyncLifetime
{
    private CommandHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await CommandHarness.CreateAsync(new DateOnly(2024, 6, 1));

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task Stats_show_each_stage_with_median_range_average_and_counts_publicly()
    {
        await Seed.CasesAsync(_bot, finished: 8, waiting: 3);

        var reply = await _bot.RunAsync(CommandHarness.Alice, "stats");

        reply.AssertValidReply(ephemeral: false);
        var fields = reply.Embed.Fields!;
        Assert.Equal(
            ["Applied → conditional approval", "Conditional approval → interview done", "Interview → approved", "Approved → card received", "Applied → card received (whole process)", "Now processing", "Trend: median wait for conditional approval, by application month"],
            fields.Select(f => f.Name));
        Assert.Equal("**Median: 9 weeks**\nMiddle 50%: 9 weeks to more than 7 months\nAverage of finished cases: 9 weeks\n8 finished · 3 still waiting", fields[0].Value);
        Assert.Equal("**Median: 0 days**\nMiddle 50%: 0 days to 0 days\nAverage of finished cases: 0 days\n8 finished · 0 still waiting", fields[2].Value);
        Assert.StartsWith("```\n", fields[^1].Value, StringComparison.Ordinal);
        Assert.EndsWith("\n```", fields[^1].Value, StringComparison.Ordinal);
        Assert.StartsWith("Based on 11 cases · initial applications (renewals apart: add type:renewal) · all statuses · all centres · applied 1 June 2022 to 1 June 2024", reply.Embed.Footer!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_few_cases_say_not_enough_data_yet_rather_than_a_number()
    {
        await Seed.CasesAsync(_bot, finished: 2, waiting: 1);

        var reply = await _bot.RunAsync(CommandHarness.Alice, "stats");

        reply.AssertValidReply(ephemeral: false);
        Assert.Equal("Not enough data yet (needs 5 finished cases)\n2 finished · 1 still waiting", reply.Embed.Fields![0].Value);
        Assert.StartsWith("Not enough data yet:", reply.Embed.Fields.Single(f => f.Name == "Now processing").Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_and_period_are_applied_and_named_in_the_footer()
    {
        await Seed.CasesAsync(_bot, finished: 6, waiting: 0);
        await Seed.CasesAsync(_bot, finished: 0, waiting: 2, ApplicationType.Renewal);

        var reply = await _bot.RunAsync(CommandHarness.Alice, "stats", String("type", "renewal"), String("status", "ca-citizen"), String("period", "12m"));

        reply.AssertValidReply(ephemeral: false);
        Assert.Equal("Based on 2 cases · renewals · Canadian citizen · all centres · applied 1 June 2023 to 1 June 2024", reply.Embed.Footer!.Text);
        Assert.Contains("0 finished · 2 still waiting", reply.Embed.Fields![0].Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Period_all_reaches_back_to_the_first_possible_date()
    {
        var reply = await _bot.RunAsync(CommandHarness.Alice, "stats", String("period", "all"), String("centre", "us-wa-blaine"));

        reply.AssertValidReply(ephemeral: false);
        Assert.EndsWith("applied 1 January 2002 to 1 June 2024", reply.Embed.Footer!.Text, StringComparison.Ordinal);
        Assert.Contains("Blaine NEXUS and FAST Enrollment Center", reply.Embed.Footer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_filter_values_are_refused_with_how_to_write_them()
    {
        (await _bot.RunAsync(CommandHarness.Alice, "stats", String("centre", "Atlantis"))).AssertError(
            "'Atlantis' isn't a known enrolment centre; start typing its name or city and pick one from the list.");
        (await _bot.RunAsync(CommandHarness.Alice, "stats", String("period", "5y"))).AssertError(
            "\"5y\" is not a choice for period; pick one of: Applied in the last 6 months, Applied in the last 12 months, Applied in the last 24 months, All cases, however old.");
    }

    [Fact]
    public async Task Stats_in_a_direct_message_are_refused()
    {
        _bot.GuildOverride = null;

        (await _bot.RunAsync(CommandHarness.Alice, "stats")).AssertError("Cases belong to a server; use this command in the server's channels, not in a direct message.");
    }

    [Fact]
    public async Task A_case_estimate_appears_once_enough_cases_finished()
    {
        await Seed.CasesAsync(_bot, finished: 8, waiting: 0);
        await _bot.RunAsync(CommandHarness.Alice, "mycase", SubCommand("start", String("date", "2024-05-01"), String("type", "initial"), String("status", "ca-citizen")));

        var reply = await _bot.RunAsync(CommandHarness.Alice, "mycase", SubCommand("show"));

        var estimate = Assert.Single(reply.Embed.Fields!, f => f.Name == "Next: conditional approval");
        Assert.Equal(
            "You have waited 4 weeks; no similar case here got it sooner.\n"
            + "Most similar cases that waited this long got conditional approval by 30 June 2024 (8 cases).",
            estimate.Value);
    }
}
