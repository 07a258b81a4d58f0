using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Bot.Commands.Mod;
using Nexus.Bot.Feed;
using Nexus.Discord.Commands;
using Nexus.Discord.Models;
using Nexus.Domain.Cases;
using Nexus.Domain.Settings;
using Nexus.Domain.Statistics;
using static Nexus.Bot.Tests.Moderation.ModHarness;

namespace Nexus.Bot.Tests.Moderation;

/// <summary><c>/mod</c> and <c>/config</c> through the real dispatcher, with interactions built as Discord sends them.</summary>
public sealed class ModCommandTests : IAsyncLifetime
{
    private ModHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await CreateAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private async Task<int> CountedCasesAsync(ulong guild) =>
        (await _bot.Services.GetRequiredService<IStatsSource>().LoadGuildCasesAsync(guild, CancellationToken.None)).Cases.Count;

    private async Task<int> FinishedAsync(ulong guild, Stage stage) =>
        StatsCalculator.Compute((await _bot.Services.GetRequiredService<IStatsSource>().LoadGuildCasesAsync(guild, CancellationToken.None)).Cases, StatsFilter.Default, D(2025, 6, 15))
            .For(stage).Finished;

    private static void AssertRefused(Reply reply, string message)
    {
        var sent = Assert.Single(reply.Messages);
        Assert.Equal(message, sent.Content);
        Assert.True(sent.Ephemeral);
    }

    [Fact]
    public void Mod_and_config_are_registered_for_manage_server_in_guilds_only()
    {
        var json = _bot.Services.GetRequiredService<IApplicationCommandSource>().GetApplicationCommands();

        Assert.Equal(["32", "32"], json.Where(c => c.Name is "mod" or "config").Select(c => c.DefaultMemberPermissions));
        Assert.Equal([["review", "exclude", "include", "case", "remove", "prune", "undo", "log", "export", "import"]],
            json.Where(c => c.Name == "mod").Select(c => c.Options!.Select(o => o.Name).ToArray()));
    }

    [Fact]
    public async Task Members_without_manage_server_or_the_moderator_role_are_refused_and_nothing_changes()
    {
        var c = await _bot.AddCaseAsync(GuildA, new Timeline(D(2025, 1, 1)), owner: Owner);

        var reply = await _bot.DispatchAsync(Command(GuildA, Member, manageServer: false, [123], "mod", Sub("exclude", Int("case", c.CaseNumber), Str("reason", "x"))));

        AssertRefused(reply, "Only moderators can do this: members with the Manage Server permission or the server's moderator role.");
        Assert.Equal(1, await CountedCasesAsync(GuildA));
        AssertRefused(await _bot.DispatchAsync(Command(GuildA, Member, false, null, "config", Sub("show"))),
            "Only moderators can do this: members with the Manage Server permission or the server's moderator role.");
    }

    [Fact]
    public async Task Direct_messages_are_refused()
    {
        AssertRefused(await _bot.DispatchAsync(Command(null, ModA, manageServer: true, null, "mod", Sub("log"))),
            "Moderator commands work only in a server, not in direct messages.");
    }

    [Fact]
    public async Task A_moderator_of_another_server_cannot_reach_a_case_by_its_number()
    {
        var c = await _bot.AddCaseAsync(GuildA, new Timeline(D(2025, 1, 1)), owner: Owner);

        var reply = await _bot.DispatchAsync(Command(GuildB, ModB, true, null, "mod", Sub("exclude", Int("case", c.CaseNumber), Str("reason", "spam"))));

        AssertRefused(reply, $"There is no case #{c.CaseNumber} in this server.");
        Assert.Equal(1, await CountedCasesAsync(GuildA));
    }

    [Fact]
    public async Task The_moderator_role_works_but_cannot_change_the_moderator_role()
    {
        await _bot.Services.GetRequiredService<IGuildSettingsRepository>().UpsertAsync(new GuildSettings(GuildA, ModRole), CancellationToken.None);
        var c = await _bot.AddCaseAsync(GuildA, new Timeline(D(2025, 1, 1)), owner: Owner);

        var excluded = await _bot.DispatchAsync(Command(GuildA, Member, false, [ModRole], "mod", Sub("exclude", Int("case", c.CaseNumber), Str("reason", "joke"))));
        var role = await _bot.DispatchAsync(Command(GuildA, Member, false, [ModRole], "config", Sub("moderator-role", InteractionOption.Id("role", ApplicationCommandOptionType.Role, 5)),
            new ResolvedData { Roles = new Dictionary<string, Role> { ["5"] = new() { Id = 5, Name = "x" } } }));

        Assert.StartsWith($"Case #{c.CaseNumber} no longer counts in statistics", excluded.Text, StringComparison.Ordinal);
        Assert.Equal(0, await CountedCasesAsync(GuildA));
        AssertRefused(role, "Only members with the Manage Server permission can change the moderator role.");
    }

    [Fact]
    public async Task Review_lists_reasons_and_its_exclude_button_works_only_for_the_moderator_who_asked()
    {
        var bad = await _bot.AddCaseAsync(GuildA, new Timeline(D(2025, 3, 1), D(2025, 2, 1)), owner: Owner);

        var review = await _bot.DispatchAsync(Mod(Sub("review")));

        Assert.Contains($"Case #{bad.CaseNumber} · initial application · applied 1 March 2025", review.Text, StringComparison.Ordinal);
        Assert.Contains("• Conditional approval can't be before your application date (2025-03-01).", review.Text, StringComparison.Ordinal);
        var exclude = review.Buttons.Single(b => b.Contains(":exclude:", StringComparison.Ordinal));
        Assert.Equal($"mod:review:{ModA}:exclude:{bad.CaseNumber}:1", exclude);

        AssertRefused(await _bot.DispatchAsync(Button(GuildA, ModB, true, exclude)), "Only the moderator who ran the command can use these buttons.");
        Assert.Equal(1, await CountedCasesAsync(GuildA));

        var pressed = await _bot.DispatchAsync(Button(GuildA, ModA, true, exclude));

        Assert.Equal("respond 7", Assert.Single(pressed.Calls));
        Assert.Equal("The review queue is empty: no case looks suspicious right now.", pressed.Text);
        Assert.Equal(0, await CountedCasesAsync(GuildA));
        // Every message with something to read says "parse nothing": no reply pings anyone.
        Assert.All(review.Messages.Concat(pressed.Messages).Where(m => m.Content is not null || m.Embeds is not null), m => Assert.Empty(m.Mentions!.Parse));
    }

    [Fact]
    public async Task Review_pages_with_buttons_and_dismiss_hides_an_entry()
    {
        var cases = new List<Case>();
        for (var i = 0; i < 6; i++)
        {
            cases.Add(await _bot.AddCaseAsync(GuildA, new Timeline(D(2025, 3, 1), D(2025, 2, 1)), owner: (ulong)(100 + i)));
        }

        var first = await _bot.DispatchAsync(Mod(Sub("review")));

        Assert.Contains("Page 1 of 2 · 6 cases", first.Text, StringComparison.Ordinal);
        Assert.Equal($"mod:review:{ModA}:page:2", first.Buttons[^1]);

        var second = await _bot.DispatchAsync(Button(GuildA, ModA, true, first.Buttons[^1]));

        Assert.Contains("Page 2 of 2 · 6 cases", second.Text, StringComparison.Ordinal);
        Assert.Contains($"Case #{cases[5].CaseNumber}", second.Text, StringComparison.Ordinal);

        var dismissed = await _bot.DispatchAsync(Button(GuildA, ModA, true, second.Buttons.Single(b => b.Contains(":dismiss:", StringComparison.Ordinal))));

        Assert.DoesNotContain($"Case #{cases[5].CaseNumber}", dismissed.Text, StringComparison.Ordinal);
        Assert.Contains("Page 1 of 1 · 5 cases", dismissed.Text, StringComparison.Ordinal);
        Assert.Equal(6, await CountedCasesAsync(GuildA));
    }

    [Fact]
    public async Task Every_moderator_reply_is_a_valid_ephemeral_discord_message_within_limits()
    {
        for (var i = 0; i < 14; i++)
        {
            // Long reasons and many findings: the worst case for the embed limits.
            await _bot.AddCaseAsync(GuildA, new Timeline(D(2020, 3, 1), D(2024, 2, 1)), owner: (ulong)(200 + i), updatedAt: _bot.Clock.GetUtcNow().AddYears(-2));
        }

        var replies = new List<Reply>
        {
            await _bot.DispatchAsync(Mod(Sub("review"))),
            await _bot.DispatchAsync(Mod(Sub("exclude", Int("case", 1), Str("reason", new string('r', 500))))),
            await _bot.DispatchAsync(Mod(Sub("prune", Str("rule", "invalid")))),
            await _bot.DispatchAsync(Mod(Sub("log"))),
            await _bot.DispatchAsync(Mod(Sub("undo", Int("action", 99)))),
            await _bot.DispatchAsync(Mod(Sub("export"))),
            await _bot.DispatchAsync(Command(GuildA, ModA, true, null, "config", Sub("show"))),
        };
        replies.Add(await _bot.DispatchAsync(Button(GuildA, ModA, true, replies[2].Buttons[0])));
        replies.Add(await _bot.DispatchAsync(Button(GuildA, ModA, true, replies[0].Buttons[^1])));

        Assert.All(replies, reply => reply.AssertValid());
    }

    [Fact]
    public async Task Exclude_then_undo_through_the_commands()
    {
        var c = await _bot.AddCaseAsync(GuildA, new Timeline(D(2025, 1, 1)), owner: Owner);
        await _bot.DispatchAsync(Mod(Sub("exclude", Int("case", c.CaseNumber), Str("reason", "joke"))));

        var undo = await _bot.DispatchAsync(Mod(Sub("undo")));
        var log = await _bot.DispatchAsync(Mod(Sub("log")));

        Assert.StartsWith("Undid action #1 (exclude, 1 case)", undo.Text, StringComparison.Ordinal);
        Assert.Equal(1, await CountedCasesAsync(GuildA));
        Assert.Contains("#2 · undo of #1", log.Text, StringComparison.Ordinal);
        Assert.Contains("#1 · exclude · undone", log.Text, StringComparison.Ordinal);
        Assert.Contains($"by <@{ModA}> · #{c.CaseNumber} · reason: joke", log.Text, StringComparison.Ordinal);

        // Instants are Discord timestamps, shown in each reader's own time zone.
        Assert.Matches($"<t:[0-9]+:f> by <@{ModA}> · #{c.CaseNumber}", log.Text);
        Assert.Matches("undone <t:[0-9]+:f>", log.Text);
    }

    [Fact]
    public async Task Remove_asks_for_confirmation_then_removes_and_undo_brings_it_back()
    {
        var c = await _bot.AddCaseAsync(GuildA, new Timeline(D(2025, 1, 1)), owner: Owner);
        var user = InteractionOption.Id("user", ApplicationCommandOptionType.User, Owner);
        var resolved = new ResolvedData { Users = new Dictionary<string, User> { [Owner.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new() { Id = Owner, Username = "owner" } } };

        var ask = await _bot.DispatchAsync(Mod(Sub("remove", user, Str("reason", "duplicate")), resolved));

        Assert.StartsWith($"Remove Case #{c.CaseNumber} · initial application · applied 1 January 2025? Reason: duplicate", ask.Text, StringComparison.Ordinal);
        Assert.NotNull(await _bot.Cases.FindByOwnerAsync(GuildA, Owner, CancellationToken.None));

        var confirmed = await _bot.DispatchAsync(Button(GuildA, ModA, true, ask.Buttons[0]));

        Assert.StartsWith($"Removed case #{c.CaseNumber} (action #1).", confirmed.Text, StringComparison.Ordinal);
        Assert.Null(await _bot.Cases.FindByOwnerAsync(GuildA, Owner, CancellationToken.None));
        AssertRefused(await _bot.DispatchAsync(Button(GuildA, ModA, true, ask.Buttons[0])), "This confirmation expired; run /mod remove again.");

        await _bot.DispatchAsync(Mod(Sub("undo", Int("action", 1))));
        Assert.Equal(c, await _bot.Cases.FindByOwnerAsync(GuildA, Owner, CancellationToken.None));
        AssertRefused(await _bot.DispatchAsync(Mod(Sub("remove", Int("case", c.CaseNumber)))), $"Give a reason for the removal; it goes in the audit log and the member is told: `/mod remove case:{c.CaseNumber} reason:duplicate`.");
    }

    [Fact]
    public async Task Prune_preview_then_confirm_button_then_undo()
    {
        for (var days = 30; days < 42; days++)
        {
            await _bot.AddCaseAsync(GuildA, new Timeline(D(2025, 1, 1), D(2025, 1, 1).AddDays(days)), owner: (ulong)days);
        }

        var outlier = await _bot.AddCaseAsync(GuildA, new Timeline(D(2024, 6, 1), D(2024, 6, 1).AddDays(300)), owner: Owner);

        var preview = await _bot.DispatchAsync(Mod(Sub("prune", Str("rule", "outliers"))));

        Assert.Contains("Prune outliers: 1 case would be left out of statistics", preview.Text, StringComparison.Ordinal);
        Assert.Contains($"Case #{outlier.CaseNumber}", preview.Text, StringComparison.Ordinal);
        Assert.Contains("Applied → conditional approval: 5 weeks → 5 weeks", preview.Text, StringComparison.Ordinal);
        Assert.Equal(13, await CountedCasesAsync(GuildA));

        var confirmed = await _bot.DispatchAsync(Button(GuildA, ModA, true, preview.Buttons[0]));

        Assert.StartsWith("Pruned 1 case as action #1", confirmed.Text, StringComparison.Ordinal);
        Assert.Equal(13, await CountedCasesAsync(GuildA)); // only the offending stage is left out; the case still counts
        Assert.Equal(12, await FinishedAsync(GuildA, Stage.AppliedToConditional));

        await _bot.DispatchAsync(Mod(Sub("undo")));
        Assert.Equal(13, await CountedCasesAsync(GuildA));

        var dryRun = await _bot.DispatchAsync(Mod(Sub("prune", Str("rule", "outliers"), InteractionOption.Boolean("dry-run", true))));
        Assert.Empty(dryRun.Buttons);
        Assert.Contains("Dry run: nothing was changed.", dryRun.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_case_view_and_export_judge_today_by_the_servers_date_when_utc_is_already_tomorrow()
    {
        // 03:00 UTC on 16 June is 20:00 on 15 June in Vancouver: the members there, and so their moderators, are
        // still on the 15th.
        _bot.Clock.SetUtcNow(new DateTimeOffset(2025, 6, 16, 3, 0, 0, TimeSpan.Zero));
        await _bot.DispatchAsync(Command(GuildA, ModA, true, null, "config", Sub("timezone", Str("zone", "America/Vancouver"))));
        var booked = await _bot.AddCaseAsync(GuildA, new Timeline(D(2025, 3, 1), D(2025, 4, 1), InterviewCa: D(2025, 6, 16), InterviewUs: D(2025, 6, 16)), owner: Owner);
        // Last touched at 02:00 UTC on 16 December 2023: the evening of the 15th in Vancouver.
        var stale = await _bot.AddCaseAsync(GuildA, new Timeline(D(2023, 11, 1), D(2023, 12, 1)), owner: Member, updatedAt: new DateTimeOffset(2023, 12, 16, 2, 0, 0, TimeSpan.Zero));

        var export = await _bot.DispatchAsync(Mod(Sub("export")));
        var view = await _bot.DispatchAsync(Mod(Sub("case", Int("case", booked.CaseNumber))));
        var review = await _bot.DispatchAsync(Mod(Sub("review")));

        // Tomorrow's interview is still booked (in UTC it would already be done), and the file is named for today there.
        Assert.Equal("nexus-cases-2025-06-15.csv", export.File!.FileName);
        var row = Encoding.UTF8.GetString(export.File.Content.Span).Split('\n').Single(l => l.StartsWith($"{booked.CaseNumber},", StringComparison.Ordinal));
        Assert.Contains(",interview-scheduled,", row, StringComparison.Ordinal);
        Assert.Contains("Interview scheduled", view.Text, StringComparison.Ordinal);
        Assert.Contains($"Case #{stale.CaseNumber}", review.Text, StringComparison.Ordinal);
        Assert.Contains("Unchanged since 15 December 2023 and still conditionally approved.", review.Text, StringComparison.Ordinal);
        Assert.DoesNotContain($"Case #{booked.CaseNumber}", review.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_then_import_into_another_server_round_trips_through_the_handlers()
    {
        await _bot.AddCaseAsync(GuildA, new Timeline(D(2025, 1, 10), D(2025, 2, 20), D(2025, 3, 15), D(2025, 3, 15), D(2025, 3, 20), D(2025, 4, 2)), owner: Owner);
        await _bot.AddCaseAsync(GuildA, new Timeline(D(2025, 2, 1)), owner: Member);

        var export = await _bot.DispatchAsync(Mod(Sub("export")));

        var file = Assert.IsType<Nexus.Discord.Rest.FileUpload>(export.File);
        Assert.Equal(("nexus-cases-2025-06-15.csv", "text/csv"), (file.FileName, file.ContentType));
        var csv = Encoding.UTF8.GetString(file.Content.Span);
        Assert.StartsWith("case_number,type,applicant_status,applicants,centre,case_status,applied,", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(Owner.ToString(System.Globalization.CultureInfo.InvariantCulture), csv, StringComparison.Ordinal);

        var path = Path.Combine(Path.GetTempPath(), $"nexus-export-{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(path, file.Content.ToArray());
        try
        {
            var (sub, resolved) = Import(path, "apply");
            var imported = await _bot.DispatchAsync(Command(GuildB, ModB, true, null, "mod", sub, resolved));

            Assert.StartsWith("Imported 2 cases as action #1; skipped 0 rows.", imported.Text.TrimStart(), StringComparison.Ordinal);
            Assert.Contains(imported.Edits, e => e.Content?.StartsWith("Importing…", StringComparison.Ordinal) == true);
            var again = await _bot.DispatchAsync(Command(GuildB, ModB, true, null, "mod", Sub("export")));
            Assert.Equal(csv, Encoding.UTF8.GetString(again.File!.Content.Span));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task An_export_larger_than_discord_allows_is_refused_with_the_sizes()
    {
        await _bot.AddCaseAsync(GuildA, new Timeline(D(2025, 1, 10)), owner: Owner);

        var reply = await _bot.DispatchAsync(Mod(Sub("export")) with { AttachmentSizeLimit = 100 });

        Assert.Null(reply.File);
        Assert.Equal("The export is 0.0 MB, more than Discord lets the bot upload here (0.0 MB).", reply.Messages.Last().Content);
    }

    [Fact]
    public async Task Import_validate_reports_row_errors_and_changes_nothing_apply_keeps_the_good_rows()
    {
        var path = Path.Combine(Path.GetTempPath(), $"nexus-import-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, "Applied,Type,Status,Conditional approval\n2025-01-10,initial,us-citizen,2025-02-20\n2025-03-01,initial,us-citizen,2025-02-01\n");
        try
        {
            var (validateSub, resolved) = Import(path, null);
            var validated = await _bot.DispatchAsync(Mod(validateSub, resolved));

            Assert.Contains("Checked 2 rows: 1 valid, 1 with errors. Nothing was changed.", validated.Text, StringComparison.Ordinal);
            Assert.Contains("Row 3: Conditional approval can't be before your application date (2025-03-01).", validated.Text, StringComparison.Ordinal);
            Assert.Equal(0, await CountedCasesAsync(GuildA));

            var (applySub, _) = Import(path, "apply");
            var applied = await _bot.DispatchAsync(Mod(applySub, resolved));

            Assert.Contains("Imported 1 case as action #1; skipped 1 row.", applied.Text, StringComparison.Ordinal);
            Assert.Contains("Row 3: Conditional approval", applied.Text, StringComparison.Ordinal);
            Assert.Equal(1, await CountedCasesAsync(GuildA));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Config_sets_the_feed_channel_and_the_publisher_posts_anonymous_news_there()
    {
        var channel = InteractionOption.Id("channel", ApplicationCommandOptionType.Channel, 4242);
        var resolved = new ResolvedData { Channels = new Dictionary<string, PartialChannel> { ["4242"] = new() { Id = 4242, Type = 0, Name = "news" } } };

        var set = await _bot.DispatchAsync(Mod(InteractionOption.SubCommandGroup("feed", Sub("channel", channel)), resolved) with
        {
            Data = new InteractionData { Id = 1, Name = "config", Type = 1, Options = [InteractionOption.SubCommandGroup("feed", Sub("channel", channel))], Resolved = resolved },
        });
        var show = await _bot.DispatchAsync(Command(GuildA, ModA, true, null, "config", Sub("show")));

        Assert.StartsWith("Milestone updates will be posted anonymously in <#4242>.", set.Text, StringComparison.Ordinal);
        Assert.Contains("Feed channel\n<#4242>", show.Text, StringComparison.Ordinal);

        var members = _bot.Services.GetRequiredService<CaseService>();
        await members.StartAsync(new StartCaseRequest(GuildA, Owner, D(2025, 3, 4), ApplicationType.Initial, ApplicantStatus.UsCitizen), CancellationToken.None);
        await members.UpdateMilestoneAsync(GuildA, Owner, MilestoneInput.Conditional, D(2025, 5, 6), CancellationToken.None);
        var queued = await _bot.Services.GetRequiredService<FeedQueue>().Reader.ReadAsync();
        Assert.True(await _bot.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<FeedPublisher>().Single().PublishAsync(queued, CancellationToken.None));

        var (posted, message) = Assert.Single(_bot.Rest.Messages);
        Assert.Equal((4242UL, "A March 2025 initial application got conditional approval after 9 weeks."), (posted, message.Content));
        Assert.Empty(message.AllowedMentions!.Parse);

        var off = await _bot.DispatchAsync(Command(GuildA, ModA, true, null, "config", InteractionOption.SubCommandGroup("feed", Sub("off"))));
        await members.UpdateMilestoneAsync(GuildA, Owner, MilestoneInput.Interview, D(2025, 6, 1), CancellationToken.None);
        var later = await _bot.Services.GetRequiredService<FeedQueue>().Reader.ReadAsync();

        Assert.Equal("Milestone updates are no longer posted.", off.Text);
        Assert.False(await _bot.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<FeedPublisher>().Single().PublishAsync(later, CancellationToken.None));
        Assert.Single(_bot.Rest.Messages);
        var log = await _bot.DispatchAsync(Mod(Sub("log")));
        Assert.Contains("feed channel → off", log.Text, StringComparison.Ordinal);
        Assert.Contains("feed channel → <#4242>", log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_who_may_not_moderate_is_refused_before_any_thinking_message()
    {
        var reply = await _bot.DispatchAsync(Command(GuildA, Member, manageServer: false, null, "mod", Sub("review")));

        Assert.Equal(["respond 4"], reply.Calls);
        AssertRefused(reply, "Only moderators can do this: members with the Manage Server permission or the server's moderator role.");
    }

    [Fact]
    public async Task Exclude_one_stage_then_the_case_view_shows_it_and_include_puts_it_back()
    {
        var c = await _bot.AddCaseAsync(GuildA, new Timeline(D(2025, 1, 10), D(2025, 2, 20)), owner: Owner);

        var excluded = await _bot.DispatchAsync(Mod(Sub("exclude", Int("case", c.CaseNumber), Str("reason", "typo"), Str("stage", "applied-conditional"))));
        var view = await _bot.DispatchAsync(Mod(Sub("case", Int("case", c.CaseNumber))));

        Assert.Equal(
            $"The Applied → conditional approval wait of case #{c.CaseNumber} no longer counts in statistics; the rest of the case does. Undo: `/mod undo action:1`.",
            excluded.Messages.Last().Content);
        Assert.Contains("Counts, except Applied → conditional approval.", view.Text, StringComparison.Ordinal);
        Assert.Contains("Applied → conditional approval: counts → excluded · typo · action #1", view.Text, StringComparison.Ordinal);
        Assert.Contains($"<@{ModA}>", view.Text, StringComparison.Ordinal);
        Assert.Contains(view.Buttons, b => b.EndsWith($"include:{c.CaseNumber}", StringComparison.Ordinal));
        view.AssertValid();

        var included = await _bot.DispatchAsync(Button(GuildA, ModA, true, view.Buttons.Single(b => b.Contains(":include:", StringComparison.Ordinal))));

        Assert.Equal(InteractionCallbackType.UpdateMessage, Assert.Single(included.Responses).Type);
        Assert.Contains("Counts in full.", included.Text, StringComparison.Ordinal);
        included.AssertValid();
    }

    [Fact]
    public async Task A_moderator_of_another_server_cannot_view_or_exclude_a_stage_of_a_case()
    {
        var c = await _bot.AddCaseAsync(GuildA, new Timeline(D(2025, 1, 10), D(2025, 2, 20)), owner: Owner);

        AssertRefused(await _bot.DispatchAsync(Command(GuildB, ModB, true, null, "mod", Sub("case", Int("case", c.CaseNumber)))), $"There is no case #{c.CaseNumber} in this server.");
        AssertRefused(
            await _bot.DispatchAsync(Command(GuildB, ModB, true, null, "mod", Sub("exclude", Int("case", c.CaseNumber), Str("reason", "x"), Str("stage", "applied-conditional")))),
            $"There is no case #{c.CaseNumber} in this server.");
        AssertRefused(await _bot.DispatchAsync(Button(GuildB, ModB, true, $"mod:case:{ModB}:exclude:{c.CaseNumber}")), $"There is no case #{c.CaseNumber} in this server.");
        Assert.Equal(1, await FinishedAsync(GuildA, Stage.AppliedToConditional));
    }

    [Fact]
    public async Task Remove_without_options_says_what_to_type()
    {
        AssertRefused(await _bot.DispatchAsync(Mod(Sub("remove"))),
            "Say which case to remove: `/mod remove case:12 reason:duplicate`, or by its owner: `/mod remove user:@name reason:duplicate`.");
    }
}
