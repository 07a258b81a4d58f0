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

    [Fact]
    public async Task Cases_lists_the_newest_first_anonymously_with_page_buttons_publicly()
    {
        await Seed.CasesAsync(_bot, finished: 5, waiting: 3, centre: "us-wa-blaine");

        var reply = await _bot.RunAsync(CommandHarness.Alice, "cases");

        reply.AssertValidReply(ephemeral: false);
        Assert.Equal(["Case #8", "Case #7", "Case #6", "Case #5", "Case #4", "Case #3"], reply.Embed.Fields!.Select(f => f.Name));
        Assert.Equal("Initial application · Canadian citizen · Blaine, WA\nApplied 20 October 2023\n**Pending review**", reply.Embed.Fields![0].Value);
        Assert.Equal(
            "Initial application · Canadian citizen · Blaine, WA\nApplied 29 September 2023 → Conditional approval 28 November 2023 (+9 weeks) → Interview 28 December 2023 (+4 weeks) → Approved 28 December 2023 (same day) → Card received 11 January 2024 (+2 weeks)\n**Card received**",
            reply.Embed.Fields[3].Value);
        Assert.StartsWith("Page 1 of 2 · 8 cases", reply.Embed.Footer!.Text, StringComparison.Ordinal);
        Assert.Equal([$"cases:page:0:{CommandHarness.Alice}:::", $"cases:page:1:{CommandHarness.Alice}:::"], reply.ButtonIds);
        var buttons = reply.Data.Components![0].Components!;
        Assert.True(buttons[0].Disabled);
        Assert.Null(buttons[1].Disabled);
    }

    [Fact]
    public async Task Next_turns_the_page_for_the_asker_and_refuses_everyone_else()
    {
        await Seed.CasesAsync(_bot, finished: 0, waiting: 8);
        var next = $"cases:page:1:{CommandHarness.Alice}:::";

        (await _bot.ClickAsync(CommandHarness.Bob, next, CommandHarness.Alice)).AssertError("These buttons belong to the member who ran /cases.");

        var page = await _bot.ClickAsync(CommandHarness.Alice, next, CommandHarness.Alice);

        page.AssertValidReply(ephemeral: false, InteractionCallbackType.UpdateMessage);
        Assert.Equal(["Case #2", "Case #1"], page.Embed.Fields!.Select(f => f.Name));
        Assert.StartsWith("Page 2 of 2", page.Embed.Footer!.Text, StringComparison.Ordinal);
        var buttons = page.Data.Components![0].Components!;
        Assert.Null(buttons[0].Disabled);
        Assert.True(buttons[1].Disabled);
    }

    [Fact]
    public async Task Filters_travel_with_the_buttons_and_narrow_the_list()
    {
        await Seed.CasesAsync(_bot, finished: 0, waiting: 7, centre: "us-wa-blaine");
        await Seed.CasesAsync(_bot, finished: 0, waiting: 2, ApplicationType.Renewal);

        var reply = await _bot.RunAsync(CommandHarness.Alice, "cases", String("type", "initial"), String("centre", "us-wa-blaine"));

        reply.AssertValidReply(ephemeral: false);
        Assert.Equal($"cases:page:1:{CommandHarness.Alice}:initial::us-wa-blaine", reply.ButtonIds[1]);
        Assert.StartsWith("Page 1 of 2 · 7 cases", reply.Embed.Footer!.Text, StringComparison.Ordinal);

        var page = await _bot.ClickAsync(CommandHarness.Alice, reply.ButtonIds[1], CommandHarness.Alice);
        Assert.Equal(["Case #1"], page.Embed.Fields!.Select(f => f.Name));
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
        Assert.Equal(["Case #3", "Case #2", "Case #1 · shared by its owner"], member.Embed.Fields!.Select(f => f.Name));

        _bot.Permissions |= CommandHarness.ManageServer;
        var moderator = await _bot.RunAsync(CommandHarness.Alice, "cases");
        Assert.Equal(["Case #3 · excluded from statistics", "Case #2", "Case #1 · shared by its owner"], moderator.Embed.Fields!.Select(f => f.Name));
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
        Assert.Equal(["Case #2 · user5", "Case #1"], listed.Embed.Fields!.Select(f => f.Name));

        await _bot.RunAsync(CommandHarness.Bob, "mycase", SubCommand("privacy", Boolean("visible", false)));
        Assert.Equal(["Case #2", "Case #1"], (await _bot.RunAsync(CommandHarness.Alice, "cases")).Embed.Fields!.Select(f => f.Name));
        var stored = await _bot.Services.GetRequiredService<ICaseRepository>().FindByOwnerAsync(CommandHarness.Guild, CommandHarness.Bob, CancellationToken.None);
        Assert.Null(stored!.OwnerName);
    }

    [Fact]
    public async Task An_empty_server_says_so_and_both_buttons_are_disabled()
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
