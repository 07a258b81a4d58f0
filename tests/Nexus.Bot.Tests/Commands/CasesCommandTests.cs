using Microsoft.Extensions.DependencyInjection;
using Nexus.Bot.Tests.Commands.Support;
using Nexus.Discord.Models;
using Nexus.Domain.Statistics;
using Nexus.Domain.Cases;
using static Nexus.Discord.Models.InteractionOption;

namespace Nexus.Bot.Tests.Commands;

public sealed class CasesCommandTests : IAsyncLifetime
{
    private CommandHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await CommandHarness.CreateAsync(new DateOnly(2024, 6, 1));

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private static string[] Lines(Captured reply) => reply.Embed.Description!.Split('\n')[2..];

    private static string[] Numbers(Captured reply) => [.. Lines(reply).Select(line => line[..line.IndexOf(" · ", StringComparison.Ordinal)])];

    [Fact]
    public async Task Cases_lists_one_line_per_case_latest_milestone_first_with_page_buttons_publicly()
    {
        await Seed.CasesAsync(_bot, finished: 5, waiting: 3, centre: "us-wa-blaine");

        var reply = await _bot.RunAsync(CommandHarness.Alice, "cases");

        reply.AssertValidReply(ephemeral: false);
        Assert.Equal("Latest milestone first · all cases", reply.Embed.Description!.Split('\n')[0]);
        // Cards of #1..#5 came 14 Dec 2023 .. 11 Jan 2024, after the waiting cases applied (Oct 2023).
        Assert.Equal(["**#5**", "**#4**", "**#3**", "**#2**", "**#1**", "**#8**"], Numbers(reply));
        Assert.Equal("**#5** · initial · CA citizen · Blaine · applied 29 Sep 2023 · card 11 Jan 2024 (15 wk)", Lines(reply)[0]);
        Assert.Equal("**#8** · initial · CA citizen · Blaine · applied 20 Oct 2023 · waiting 7 mo", Lines(reply)[5]);
        Assert.Null(reply.Embed.Fields);
        Assert.StartsWith("Page 1 of 2 · 8 cases", reply.Embed.Footer!.Text, StringComparison.Ordinal);
        Assert.Equal(
            [$"cases:page:f0:{CommandHarness.Alice}:--0:::", $"cases:page:p0:{CommandHarness.Alice}:--0:::", $"cases:page:n1:{CommandHarness.Alice}:--0:::", $"cases:page:l1:{CommandHarness.Alice}:--0:::"],
            reply.ButtonIds);
        var buttons = reply.Data.Components![0].Components!;
        Assert.Equal(["First", "Previous", "Next", "Last"], buttons.Select(b => b.Label));
        Assert.Equal([true, true, null, null], buttons.Select(b => b.Disabled));
    }

    [Fact]
    public async Task Next_turns_the_page_for_the_asker_and_refuses_everyone_else()
    {
        await Seed.CasesAsync(_bot, finished: 0, waiting: 8);
        var next = $"cases:page:n1:{CommandHarness.Alice}:--0:::";

        (await _bot.ClickAsync(CommandHarness.Bob, next, CommandHarness.Alice)).AssertError("These buttons belong to the member who ran /cases.");

        var page = await _bot.ClickAsync(CommandHarness.Alice, next, CommandHarness.Alice);

        page.AssertValidReply(ephemeral: false, InteractionCallbackType.UpdateMessage);
        Assert.Equal(["**#2**", "**#1**"], Numbers(page));
        Assert.StartsWith("Page 2 of 2", page.Embed.Footer!.Text, StringComparison.Ordinal);
        Assert.Equal([null, null, true, true], page.Data.Components![0].Components!.Select(b => b.Disabled));
    }

    [Fact]
    public async Task A_page_can_be_opened_directly_and_one_past_the_end_shows_the_last()
    {
        await Seed.CasesAsync(_bot, finished: 0, waiting: 20);

        var third = await _bot.RunAsync(CommandHarness.Alice, "cases", Integer("page", 3));
        var past = await _bot.RunAsync(CommandHarness.Alice, "cases", Integer("page", 99));
        var first = await _bot.ClickAsync(CommandHarness.Alice, third.ButtonIds[0], CommandHarness.Alice);

        Assert.StartsWith("Page 3 of 4", third.Embed.Footer!.Text, StringComparison.Ordinal);
        Assert.Equal(["**#8**", "**#7**", "**#6**", "**#5**", "**#4**", "**#3**"], Numbers(third));
        Assert.StartsWith("Page 4 of 4", past.Embed.Footer!.Text, StringComparison.Ordinal);
        Assert.StartsWith("Page 1 of 4", first.Embed.Footer!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_travel_with_the_buttons_and_narrow_the_list()
    {
        await Seed.CasesAsync(_bot, finished: 0, waiting: 7, centre: "us-wa-blaine");
        await Seed.CasesAsync(_bot, finished: 0, waiting: 2, ApplicationType.Renewal);

        var reply = await _bot.RunAsync(CommandHarness.Alice, "cases", String("type", "initial"), String("centre", "blaine"), String("period", "all"));

        reply.AssertValidReply(ephemeral: false);
        Assert.Equal($"cases:page:n1:{CommandHarness.Alice}:i-0:all::us-wa-blaine", reply.ButtonIds[2]);
        Assert.StartsWith("Page 1 of 2 · 7 cases", reply.Embed.Footer!.Text, StringComparison.Ordinal);

        var page = await _bot.ClickAsync(CommandHarness.Alice, reply.ButtonIds[2], CommandHarness.Alice);
        Assert.Equal(["**#1**"], Numbers(page));
    }

    [Fact]
    public async Task State_keeps_waiting_finished_or_recently_moved_cases()
    {
        await Seed.CasesAsync(_bot, finished: 2, waiting: 2);
        await _bot.RunAsync(CommandHarness.Alice, "mycase", SubCommand("start", String("date", "2024-03-01"), String("type", "initial"), String("status", "us-pr")));
        await _bot.RunAsync(CommandHarness.Alice, "mycase", SubCommand("update", String("milestone", "conditional"), String("date", "2024-05-26")));
        await _bot.RunAsync(CommandHarness.Bob, "mycase", SubCommand("start", String("date", "2024-03-01"), String("type", "initial"), String("status", "us-pr")));
        await _bot.RunAsync(CommandHarness.Bob, "mycase", SubCommand("update", String("milestone", "conditional"), String("date", "2024-05-25")));

        var waiting = await _bot.RunAsync(CommandHarness.Alice, "cases", String("state", "waiting"));
        var finished = await _bot.RunAsync(CommandHarness.Alice, "cases", String("state", "finished"));
        var moved = await _bot.RunAsync(CommandHarness.Alice, "cases", String("state", "moved"));

        Assert.Equal(["**#5**", "**#6**", "**#4**", "**#3**"], Numbers(waiting));
        Assert.Equal(["**#2**", "**#1**"], Numbers(finished));
        // Today is 1 June: the last 7 days start on 26 May, so Bob's 25 May is a day too old.
        Assert.Equal(["**#5**"], Numbers(moved));
        Assert.Equal("Latest milestone first · moved", moved.Embed.Description!.Split('\n')[0]);
        Assert.Equal("**#5** · initial · US PR · applied 1 Mar 2024 · conditional 26 May (12 wk)", Lines(moved)[0]);
    }

    [Fact]
    public async Task Applied_keeps_one_application_month_and_a_bad_month_says_how_to_write_it()
    {
        // Applied 1, 8, 15, 22 and 29 September, then 6 October 2023.
        await Seed.CasesAsync(_bot, finished: 0, waiting: 6);

        var september = await _bot.RunAsync(CommandHarness.Alice, "cases", String("applied", "2023-09"));

        Assert.StartsWith("Page 1 of 1 · 5 cases", september.Embed.Footer!.Text, StringComparison.Ordinal);
        Assert.Contains("applied Sep 2023", september.Embed.Description, StringComparison.Ordinal);
        (await _bot.RunAsync(CommandHarness.Alice, "cases", String("applied", "2023-13"))).AssertError("\"2023-13\" isn't a month; write the application month like 2026-06 or June 2026.");

        // A month's name works too, in either language, as replies write it.
        foreach (var typed in (string[])["September 2023", "sept. 2023", "septembre 2023"])
        {
            Assert.StartsWith("Page 1 of 1 · 5 cases", (await _bot.RunAsync(CommandHarness.Alice, "cases", String("applied", typed))).Embed.Footer!.Text, StringComparison.Ordinal);
        }
        (await _bot.RunAsync(CommandHarness.Alice, "cases", String("applied", "2030-01"))).AssertError("\"2030-01\" is outside the months cases can have applied in (2002-01 to 2024-06).");
    }

    [Fact]
    public async Task Shared_cases_are_marked_and_only_moderators_see_which_are_excluded()
    {
        await Seed.CasesAsync(_bot, finished: 0, waiting: 3);
        // Exclusion is a moderator's action (a member's update never writes the flag).
        var moderation = _bot.Services.GetRequiredService<Nexus.Domain.Moderation.ModerationService>();
        Assert.True((await moderation.ExcludeAsync(new Nexus.Domain.Moderation.Moderator(CommandHarness.Guild, 1), 3, StageSet.None, "test", CancellationToken.None)).IsSuccess);
        await _bot.Services.GetRequiredService<CaseService>().SetVisibilityAsync(CommandHarness.Guild, Seed.FirstMember, true, CancellationToken.None);

        var member = await _bot.RunAsync(CommandHarness.Alice, "cases");
        Assert.Equal(["**#3**", "**#2**", "**#1** (shared)"], Numbers(member));

        _bot.Permissions |= CommandHarness.ManageServer;
        var moderator = await _bot.RunAsync(CommandHarness.Alice, "cases");
        Assert.Equal(["**#3** (excluded)", "**#2**", "**#1** (shared)"], Numbers(moderator));
    }

    [Fact]
    public async Task A_member_who_shares_is_listed_by_name_as_plain_text_until_they_hide_again()
    {
        await Seed.CasesAsync(_bot, finished: 0, waiting: 1);
        await _bot.RunAsync(CommandHarness.Bob, "mycase", SubCommand("start", String("date", "2024-05-01"), String("type", "initial"), String("status", "us-pr")));

        var shared = await _bot.RunAsync(CommandHarness.Bob, "mycase", SubCommand("privacy", Boolean("visible", true)));
        Assert.Equal("Your case is now visible: other members can open it with `/mycase show`, and /cases lists it as user5.", shared.Data.Content);

        var listed = await _bot.RunAsync(CommandHarness.Alice, "cases");
        listed.AssertValidReply(ephemeral: false);
        Assert.Equal(["**#2** user5", "**#1**"], Numbers(listed));

        await _bot.RunAsync(CommandHarness.Bob, "mycase", SubCommand("privacy", Boolean("visible", false)));
        Assert.Equal(["**#2**", "**#1**"], Numbers(await _bot.RunAsync(CommandHarness.Alice, "cases")));
        var stored = await _bot.Services.GetRequiredService<ICaseRepository>().FindByOwnerAsync(CommandHarness.Guild, CommandHarness.Bob, CancellationToken.None);
        Assert.Null(stored!.OwnerName);
    }

    [Fact]
    public async Task An_empty_server_says_so_and_every_button_is_disabled()
    {
        var reply = await _bot.RunAsync(CommandHarness.Alice, "cases", String("status", "mx-national"));

        reply.AssertValidReply(ephemeral: false);
        Assert.Equal("No cases match (Mexican national (Viajero Confiable)) yet. Start yours with `/mycase start`.", reply.Embed.Description);
        Assert.All(reply.Data.Components![0].Components!, b => Assert.True(b.Disabled));
    }

    [Fact]
    public async Task Cases_in_a_direct_message_are_refused()
    {
        _bot.GuildOverride = null;

        (await _bot.RunAsync(CommandHarness.Alice, "cases")).AssertError("Cases belong to a server; use this command in the server's channels, not in a direct message.");
    }
}
