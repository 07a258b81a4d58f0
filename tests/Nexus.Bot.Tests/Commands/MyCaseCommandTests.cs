using Microsoft.Extensions.DependencyInjection;
using Nexus.Bot.Commands.MyCase;
using Nexus.Bot.Tests.Commands.Support;
using Nexus.Discord.Models;
using Nexus.Domain.Cases;
using Nexus.Testing;
using Nexus.Testing.OpenApi;
using static Nexus.Discord.Models.InteractionOption;

namespace Nexus.Bot.Tests.Commands;

public sealed class MyCaseCommandTests : IAsyncLifetime
{
    private CommandHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await CommandHarness.CreateAsync(new DateOnly(2024, 6, 1));

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private Task<Captured> Start(ulong user, string date = "2024-01-10", string type = "initial", string status = "ca-citizen", params InteractionOption[] more) =>
        _bot.RunAsync(user, "mycase", SubCommand("start", [String("date", date), String("type", type), String("status", status), .. more]));

    private Task<Captured> Update(ulong user, string milestone, string date) =>
        _bot.RunAsync(user, "mycase", SubCommand("update", String("milestone", milestone), String("date", date)));

    [Fact]
    public async Task Start_replies_privately_with_the_new_case_and_its_number()
    {
        var reply = await Start(CommandHarness.Alice, "2024-01-10", "initial", "ca-citizen", Integer("applicants", 3), String("centre", "us-wa-blaine"));

        reply.AssertValidReply(ephemeral: true);
        Assert.Equal("Case #1 · Your case", reply.Embed.Title);
        Assert.Contains("Pending review", reply.Embed.Description, StringComparison.Ordinal);
        Assert.Contains("3 applicants", reply.Embed.Description, StringComparison.Ordinal);
        Assert.Contains("Blaine", reply.Embed.Description, StringComparison.Ordinal);
        Assert.Equal(("Applied", "10 January 2024"), (reply.Embed.Fields![0].Name, reply.Embed.Fields[0].Value));
        Assert.Contains(reply.Embed.Fields, f => f.Name == "Time so far" && f.Value == "5 months since the application, and counting");
    }

    [Theory]
    [InlineData("05/01/2024", "'05/01/2024' could be 1 May or 5 January; please write it year first, like 2024-05-01 or 2024-01-05.")]
    [InlineData("next week", "Dates look like 2024-05-01 (or 'today', or '1 May 2024').")]
    [InlineData("2024-07-01", "The application date can't be in the future (today is 2024-06-01).")]
    public async Task Start_with_a_bad_date_explains_how_to_write_it_and_saves_nothing(string date, string message)
    {
        (await Start(CommandHarness.Alice, date)).AssertError(message);

        (await _bot.RunAsync(CommandHarness.Alice, "mycase", SubCommand("show")))
            .AssertError("You don't have a case in this server yet. Start one with `/mycase start`.");
    }

    [Fact]
    public async Task Start_with_an_unknown_centre_or_a_second_case_is_refused()
    {
        (await Start(CommandHarness.Alice, more: String("centre", "nowhere"))).AssertError(
            "'nowhere' isn't a known enrolment centre; start typing its name or city and pick one from the list.");

        Assert.True((await Start(CommandHarness.Alice)).Ephemeral);
        (await Start(CommandHarness.Alice)).AssertError("You already have a case in this server. Use `/mycase update` to change it.");
    }

    [Fact]
    public async Task A_typed_centre_is_accepted_when_it_names_exactly_one()
    {
        var reply = await Start(CommandHarness.Alice, more: String("centre", "Lansdowne"));

        Assert.Contains("(Lansdowne, ON)", reply.Embed.Description, StringComparison.Ordinal);
        (await Start(CommandHarness.Bob, more: String("centre", "pearson"))).AssertError(
            "'pearson' matches 2 enrolment centres: "
            + "Toronto Pearson International Airport (YYZ) – CBP Preclearance, Enrollment on Arrival (Mississauga); "
            + "Toronto Pearson International Airport (YYZ) – CBSA enrolment centre (Mississauga). Type more of the name, or pick one from the list.");
    }

    [Fact]
    public async Task A_typed_centre_ignores_accents_and_case_and_an_ambiguous_one_lists_at_most_five_candidates()
    {
        var reply = await Start(CommandHarness.Alice, more: String("centre", "SAN JOSE"));
        Assert.Contains("San José Mineta International Airport (SJC)", reply.Embed.Description, StringComparison.Ordinal);

        var refused = await Start(CommandHarness.Bob, more: String("centre", "montreal"));
        refused.AssertError(
            "'montreal' matches 2 enrolment centres: "
            + "Montréal-Trudeau International Airport (YUL) – CBP Preclearance, Enrollment on Arrival (Dorval); "
            + "Montréal-Trudeau International Airport (YUL) – CBSA enrolment centre (Dorval). Type more of the name, or pick one from the list.");

        var many = await Start(CommandHarness.Carol, more: String("centre", "airport"));
        Assert.StartsWith("'airport' matches 31 enrolment centres: ", many.Data.Content, StringComparison.Ordinal);
        Assert.Equal(5, many.Data.Content!.Split("; ").Length - 1);
        Assert.EndsWith("; and 26 more. Type more of the name, or pick one from the list.", many.Data.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_out_of_range_applicants_is_refused_by_the_definition()
    {
        (await Start(CommandHarness.Alice, more: Integer("applicants", 11))).AssertError("applicants must be between 1 and 10.");
    }

    [Fact]
    public async Task Update_records_milestones_with_calendar_dates_and_waits_in_words()
    {
        await Start(CommandHarness.Alice, "2024-01-10");
        await Update(CommandHarness.Alice, "conditional", "2024-03-13");

        var reply = await Update(CommandHarness.Alice, "interview", "1 May 2024");

        reply.AssertValidReply(ephemeral: true);
        Assert.Equal("Recorded: Interview (joint, both halves) on 1 May 2024.", reply.Data.Content);
        Assert.Contains(reply.Embed.Fields!, f => f.Name == "Conditional approval" && f.Value == "13 March 2024\n9 weeks after your application");
        Assert.Contains(reply.Embed.Fields!, f => f.Name == "Interview" && f.Value == "1 May 2024\n7 weeks after conditional approval");
        Assert.Contains("Interviewed, awaiting decision", reply.Embed.Description, StringComparison.Ordinal);
        Assert.Contains(reply.Embed.Fields!, f => f.Name == "Next: approval" && f.Value == "Not enough data yet: an estimate needs 5 similar cases here that finished this step.");
    }

    [Fact]
    public async Task Update_of_a_recorded_milestone_says_what_it_replaced()
    {
        await Start(CommandHarness.Alice, "2024-01-10");
        await Update(CommandHarness.Alice, "conditional", "2024-03-13");
        await Update(CommandHarness.Alice, "interview-ca", "2024-05-01");

        Assert.Equal("Changed: Conditional approval from 13 March 2024 to 15 March 2024.", (await Update(CommandHarness.Alice, "conditional", "2024-03-15")).Data.Content);
        Assert.Equal("Already recorded: Conditional approval on 15 March 2024. Nothing changed.", (await Update(CommandHarness.Alice, "conditional", "2024-03-15")).Data.Content);
        Assert.Equal("Changed: Interview (joint, both halves) from 1 May 2024 (Canadian half) to 2 May 2024.", (await Update(CommandHarness.Alice, "interview", "2024-05-02")).Data.Content);
        Assert.Equal("Changed: Interview (joint, both halves) from 2 May 2024 to 3 May 2024.", (await Update(CommandHarness.Alice, "interview", "2024-05-03")).Data.Content);
    }

    private Task<Captured> Edit(ulong user, params InteractionOption[] options) =>
        _bot.RunAsync(user, "mycase", SubCommand("edit", options));

    [Fact]
    public async Task Edit_corrects_every_detail_keeps_the_number_and_says_what_changed()
    {
        await Start(CommandHarness.Alice, "2024-01-10", more: String("centre", "us-wa-blaine"));
        await Update(CommandHarness.Alice, "conditional", "2024-03-13");

        var reply = await Edit(CommandHarness.Alice, String("applied", "12 January 2024"), String("type", "renewal"), String("status", "us-pr"), Integer("applicants", 3), String("centre", "Sweetgrass"));

        reply.AssertValidReply(ephemeral: true);
        Assert.Equal(
            "Changed the application date from 10 January 2024 to 12 January 2024; the type from Initial application to Renewal; "
            + "the status from Canadian citizen to U.S. permanent resident; the applicants from 1 to 3; "
            + "the centre from Blaine NEXUS and FAST Enrollment Center (Birch Bay Square) (Blaine) to Sweetgrass NEXUS and FAST Enrollment Center (Sweetgrass).",
            reply.Data.Content);
        Assert.Equal("Case #1 · Your case", reply.Embed.Title);
        Assert.Equal("Renewal · U.S. permanent resident · 3 applicants · Sweetgrass NEXUS and FAST Enrollment Center (Sweetgrass, MT)", reply.Embed.Description!.Split('\n')[1]);

        var repository = _bot.Services.GetRequiredService<ICaseRepository>();
        var stored = await repository.FindByOwnerAsync(CommandHarness.Guild, CommandHarness.Alice, CancellationToken.None);
        var history = await repository.GetHistoryAsync(stored!.Id, 0, 50, CancellationToken.None);
        Assert.Equal(
            [("applied", "2024-01-10", "2024-01-12"), ("type", "initial", "renewal"), ("applicant-status", "ca-citizen", "us-pr"), ("applicants", "1", "3"), ("centre", "us-wa-blaine", "us-mt-sweetgrass")],
            history.TakeLast(5).Select(h => (h.Field, h.From, h.To)));

        var removed = await Edit(CommandHarness.Alice, String("centre", "none"));
        Assert.Equal("Changed the centre from Sweetgrass NEXUS and FAST Enrollment Center (Sweetgrass) to none.", removed.Data.Content);
        Assert.Equal("Nothing changed: your case already says that.", (await Edit(CommandHarness.Alice, Integer("applicants", 3))).Data.Content);
    }

    [Fact]
    public async Task Edit_is_checked_by_the_rules_of_start_and_saves_nothing_when_one_breaks()
    {
        await Start(CommandHarness.Alice, "2024-01-10");
        await Update(CommandHarness.Alice, "conditional", "2024-03-13");
        var repository = _bot.Services.GetRequiredService<ICaseRepository>();
        var before = await repository.FindByOwnerAsync(CommandHarness.Guild, CommandHarness.Alice, CancellationToken.None);

        (await Edit(CommandHarness.Alice)).AssertError("Name at least one detail to change: the application date, type, status, applicants or centre.");
        (await Edit(CommandHarness.Alice, String("applied", "2024-04-01"), String("status", "us-pr"))).AssertError("The application date can't be after your conditional approval (2024-03-13).");
        (await Edit(CommandHarness.Alice, String("applied", "2024-06-02"))).AssertError("The application date can't be in the future (today is 2024-06-01).");
        (await Edit(CommandHarness.Alice, String("centre", "montreal"))).AssertError(
            "'montreal' matches 2 enrolment centres: "
            + "Montréal-Trudeau International Airport (YUL) – CBP Preclearance, Enrollment on Arrival (Dorval); "
            + "Montréal-Trudeau International Airport (YUL) – CBSA enrolment centre (Dorval). Type more of the name, or pick one from the list.");

        Assert.Equal(before, await repository.FindByOwnerAsync(CommandHarness.Guild, CommandHarness.Alice, CancellationToken.None));
    }

    [Fact]
    public async Task Edit_to_initial_needs_the_milestones_an_initial_approval_requires()
    {
        await Start(CommandHarness.Alice, "2024-01-10", type: "renewal");
        await Update(CommandHarness.Alice, "approved", "2024-02-01");

        (await Edit(CommandHarness.Alice, String("type", "initial"))).AssertError(
            "As an initial application, your case would need your conditional approval first: an initial application is approved only after conditional approval and both interview halves.");
    }

    [Fact]
    public async Task A_denial_after_approval_is_refused_and_a_finished_case_says_done()
    {
        await Start(CommandHarness.Alice, "2024-01-10", type: "renewal");
        await Update(CommandHarness.Alice, "approved", "2024-02-01");

        (await Update(CommandHarness.Alice, "denied", "2024-02-05")).AssertError(
            "A denial can't follow approval: this case was approved on 2024-02-01. If that was recorded by mistake, clear it first.");

        var done = await Update(CommandHarness.Alice, "card", "2024-02-15");
        Assert.Equal(("Done", "card received 15 February 2024, 5 weeks from application to card"), (done.Embed.Fields![^1].Name, done.Embed.Fields[^1].Value));
        Assert.DoesNotContain(done.Embed.Fields, f => f.Name.StartsWith("Next", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Edit_needs_a_case()
    {
        (await Edit(CommandHarness.Alice, Integer("applicants", 2))).AssertError("You don't have a case in this server yet. Start one with `/mycase start`.");
    }

    [Fact]
    public async Task A_booked_interview_says_how_far_ahead_it_is()
    {
        await Start(CommandHarness.Alice, "2024-01-10");
        await Update(CommandHarness.Alice, "conditional", "2024-03-13");

        var reply = await Update(CommandHarness.Alice, "interview-ca", "2024-06-22");

        Assert.Contains(reply.Embed.Fields!, f => f.Name == "Interview, Canadian half (CBSA)" && f.Value.EndsWith("booked: 3 weeks from today", StringComparison.Ordinal));
        Assert.Contains("Interview scheduled", reply.Embed.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_errors_are_one_ephemeral_sentence_from_the_rules()
    {
        (await Update(CommandHarness.Alice, "conditional", "2024-03-13")).AssertError("You don't have a case in this server yet. Start one with `/mycase start`.");
        await Start(CommandHarness.Alice, "2024-01-10");

        (await Update(CommandHarness.Alice, "interview", "2024-05-01")).AssertError("Add your conditional approval first: an interview comes after conditional approval.");
        (await Update(CommandHarness.Alice, "conditional", "2024-01-01")).AssertError("Conditional approval can't be before your application date (2024-01-10).");
        (await Update(CommandHarness.Alice, "conditional", "05/02/2024")).AssertError("'05/02/2024' could be 2 May or 5 February; please write it year first, like 2024-05-02 or 2024-02-05.");
        (await Update(CommandHarness.Alice, "soon", "2024-03-01")).AssertError("\"soon\" is not a choice for milestone; pick one of: Conditional approval, Interview (joint, both halves), Interview, Canadian half, Interview, U.S. half, Approved, Card received, Denied.");
    }

    [Fact]
    public async Task Clear_removes_a_milestone_and_refuses_one_that_is_not_there()
    {
        await Start(CommandHarness.Alice, "2024-01-10");
        await Update(CommandHarness.Alice, "conditional", "2024-03-13");

        var cleared = await _bot.RunAsync(CommandHarness.Alice, "mycase", SubCommand("clear", String("milestone", "conditional")));

        cleared.AssertValidReply(ephemeral: true);
        Assert.Equal("Cleared: Conditional approval.", cleared.Data.Content);
        Assert.DoesNotContain(cleared.Embed.Fields!, f => f.Name == "Conditional approval");
        (await _bot.RunAsync(CommandHarness.Alice, "mycase", SubCommand("clear", String("milestone", "card"))))
            .AssertError("Your case has no card date to clear.");
    }

    [Fact]
    public async Task Another_members_case_shows_only_when_they_made_it_visible_and_by_name_not_mention()
    {
        await Start(CommandHarness.Bob);
        var bob = new User { Id = CommandHarness.Bob, Username = "bob_b", GlobalName = "Bob B." };

        (await _bot.RunWithUserAsync(CommandHarness.Alice, "mycase", SubCommand("show", Id("user", ApplicationCommandOptionType.User, CommandHarness.Bob)), bob))
            .AssertError("That member has no case you can see; cases are private unless their owner shares them.");

        var shared = await _bot.RunAsync(CommandHarness.Bob, "mycase", SubCommand("privacy", Boolean("visible", true)));
        Assert.True(shared.Ephemeral);
        Assert.Equal("Your case is now visible: other members can open it with `/mycase show`, and /cases lists it as user5.", shared.Data.Content);

        var reply = await _bot.RunWithUserAsync(CommandHarness.Alice, "mycase", SubCommand("show", Id("user", ApplicationCommandOptionType.User, CommandHarness.Bob)), bob, new GuildMember { Nick = "Bobby" });
        reply.AssertValidReply(ephemeral: true);
        Assert.Equal("Case #1 · Bobby", reply.Embed.Title);

        await _bot.RunAsync(CommandHarness.Bob, "mycase", SubCommand("privacy", Boolean("visible", false)));
        (await _bot.RunWithUserAsync(CommandHarness.Alice, "mycase", SubCommand("show", Id("user", ApplicationCommandOptionType.User, CommandHarness.Bob)), bob))
            .AssertError("That member has no case you can see; cases are private unless their owner shares them.");
    }

    [Fact]
    public async Task Delete_asks_first_and_only_the_asker_can_confirm_then_everything_is_gone()
    {
        await Start(CommandHarness.Alice, "2024-01-10");
        await Update(CommandHarness.Alice, "conditional", "2024-03-13");
        var caseId = (await _bot.Services.GetRequiredService<ICaseRepository>().FindByOwnerAsync(CommandHarness.Guild, CommandHarness.Alice, CancellationToken.None))!.Id;

        var ask = await _bot.RunAsync(CommandHarness.Alice, "mycase", SubCommand("delete"));

        ask.AssertValidReply(ephemeral: true);
        Assert.Equal("Delete Case #1?", ask.Embed.Title);
        var confirm = $"mycase:delete:confirm:{CommandHarness.Alice}";
        Assert.Equal([confirm, $"mycase:delete:cancel:{CommandHarness.Alice}"], ask.ButtonIds);
        Assert.NotNull(await _bot.Services.GetRequiredService<ICaseRepository>().FindByOwnerAsync(CommandHarness.Guild, CommandHarness.Alice, CancellationToken.None));

        (await _bot.ClickAsync(CommandHarness.Bob, confirm, CommandHarness.Alice, ephemeralMessage: true))
            .AssertError("This button belongs to the member who ran /mycase delete; run it yourself to delete your own case.");
        Assert.NotNull(await _bot.Services.GetRequiredService<ICaseRepository>().FindByOwnerAsync(CommandHarness.Guild, CommandHarness.Alice, CancellationToken.None));

        var done = await _bot.ClickAsync(CommandHarness.Alice, confirm, CommandHarness.Alice, ephemeralMessage: true);

        done.AssertValidReply(ephemeral: false, InteractionCallbackType.UpdateMessage);
        Assert.StartsWith("Case #1 is deleted, with all its milestones and history.", done.Data.Content, StringComparison.Ordinal);
        Assert.Empty(done.Data.Components!);
        var repository = _bot.Services.GetRequiredService<ICaseRepository>();
        Assert.Null(await repository.FindByOwnerAsync(CommandHarness.Guild, CommandHarness.Alice, CancellationToken.None));
        Assert.Empty(await repository.GetHistoryAsync(caseId, 0, 100, CancellationToken.None));
        (await _bot.ClickAsync(CommandHarness.Alice, confirm, CommandHarness.Alice, ephemeralMessage: true))
            .AssertError("You don't have a case in this server yet. Start one with `/mycase start`.");
    }

    [Fact]
    public async Task Keep_it_deletes_nothing_and_delete_without_a_case_is_refused()
    {
        (await _bot.RunAsync(CommandHarness.Alice, "mycase", SubCommand("delete")))
            .AssertError("You don't have a case in this server yet. Start one with `/mycase start`.");
        await Start(CommandHarness.Alice);

        var kept = await _bot.ClickAsync(CommandHarness.Alice, $"mycase:delete:cancel:{CommandHarness.Alice}", CommandHarness.Alice, ephemeralMessage: true);

        Assert.Equal(InteractionCallbackType.UpdateMessage, kept.Response.Type);
        Assert.Equal("Nothing was deleted: your case is unchanged.", kept.Data.Content);
        Assert.NotNull(await _bot.Services.GetRequiredService<ICaseRepository>().FindByOwnerAsync(CommandHarness.Guild, CommandHarness.Alice, CancellationToken.None));
    }

    [Fact]
    public async Task In_a_direct_message_cases_are_refused_with_where_to_go()
    {
        _bot.GuildOverride = null;

        (await Start(CommandHarness.Alice)).AssertError("Cases belong to a server; use this command in the server's channels, not in a direct message.");
    }

    [Fact]
    public async Task Centre_autocomplete_matches_city_and_sends_codes()
    {
        var reply = await _bot.AutocompleteAsync(CommandHarness.Alice, "mycase", SubCommand("start", String("date", "2024-01-10"), String("centre", "blaine") with { Focused = true }));

        Assert.Equal(InteractionCallbackType.ApplicationCommandAutocompleteResult, reply.Response.Type);
        var choice = Assert.Single(reply.Data.Choices!, c => (string)c.Value == "us-wa-blaine");
        Assert.EndsWith("(Blaine, WA)", choice.Name, StringComparison.Ordinal);
        Assert.All(reply.Data.Choices!, c => Assert.InRange(c.Name.Length, 1, 100));
        OpenApiSchemaValidator.Discord.AssertValidRequestBody("create_interaction_response", reply.Json);
    }

    [Fact]
    public async Task Centre_autocomplete_finds_accented_names_from_plain_letters()
    {
        var reply = await _bot.AutocompleteAsync(CommandHarness.Alice, "mycase", SubCommand("start", String("date", "2024-01-10"), String("centre", "montreal") with { Focused = true }));

        Assert.Equal(["ca-yul-cbsa", "ca-yul-eoa"], reply.Data.Choices!.Select(c => (string)c.Value).Order());
        Assert.All(reply.Data.Choices!, c => Assert.StartsWith("Montréal-Trudeau", c.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_case_is_per_server()
    {
        await Start(CommandHarness.Alice);
        _bot.GuildOverride = CommandHarness.OtherGuild;

        (await _bot.RunAsync(CommandHarness.Alice, "mycase", SubCommand("show")))
            .AssertError("You don't have a case in this server yet. Start one with `/mycase start`.");
    }
}
