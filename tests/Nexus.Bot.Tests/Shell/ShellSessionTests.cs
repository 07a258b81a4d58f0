using Nexus.Bot.Shell;
using Nexus.Bot.Tests.Support;

namespace Nexus.Bot.Tests.Shell;

/// <summary>
/// The shell as a member uses it, in-process on the real host: one scripted session from the start of a
/// case through every milestone to show, stats, cases and delete, and the session controls.
/// </summary>
public sealed class ShellSessionTests
{
    private static readonly DateOnly Today = new(2024, 6, 1);

    [Fact]
    public async Task A_member_records_every_milestone_then_sees_stats_and_cases_and_deletes_the_case()
    {
        using var shell = await ShellHarness.StartAsync(Today);
        Assert.Equal(DemoCases.Count, await shell.SeedDemoAsync());

        var start = await shell.OutputOfAsync("/mycase start 2024-01-10 initial ca-citizen 2 centre:blaine");
        Assert.StartsWith("\n> /mycase start 2024-01-10 initial ca-citizen 2 centre:blaine\n(only you can see this)\n", start, StringComparison.Ordinal);
        Assert.Contains("Blaine NEXUS and FAST Enrollment Center", start, StringComparison.Ordinal);
        Assert.Contains("Applied: 10 January 2024", start, StringComparison.Ordinal);
        Assert.Contains("Pending review", start, StringComparison.Ordinal);

        var conditional = await shell.OutputOfAsync("/mycase update conditional 2024-03-01");
        Assert.Contains("Conditionally approved", conditional, StringComparison.Ordinal);
        Assert.Contains("1 March 2024", conditional, StringComparison.Ordinal);
        Assert.Contains(" [amber] ==", conditional, StringComparison.Ordinal);

        var interview = await shell.OutputOfAsync("/mycase update interview 2024-05-01");
        Assert.Contains("Interviewed, awaiting decision", interview, StringComparison.Ordinal);

        // By name, in any order, and the milestone by its display name.
        var approved = await shell.OutputOfAsync("/mycase update date:2024-05-01 milestone:Approved");
        Assert.Contains("the same day as the interview", approved, StringComparison.Ordinal);

        var card = await shell.OutputOfAsync("/mycase update card 2024-05-14");
        Assert.Contains("13 days after approval", card, StringComparison.Ordinal);

        var show = await shell.OutputOfAsync("/mycase show");
        Assert.Contains("(only you can see this)", show, StringComparison.Ordinal);
        Assert.Contains("Card received:\n  14 May 2024\n  13 days after approval", show, StringComparison.Ordinal);
        Assert.Contains(" [dark green] ==", show, StringComparison.Ordinal);

        var stats = await shell.OutputOfAsync("/stats");
        Assert.DoesNotContain("(only you can see this)", stats, StringComparison.Ordinal);
        Assert.Contains("Applied → conditional approval:", stats, StringComparison.Ordinal);
        Assert.Matches(@"\d+ done( \(avg [^)]+\) ·|,) \d+ waiting", stats);
        Assert.Matches(@"-- \d+ cases · ", stats);

        var cases = await shell.OutputOfAsync("/cases");
        Assert.Contains("Page 1 of", cases, StringComparison.Ordinal);
        Assert.EndsWith("[1] First (disabled)   [2] Previous (disabled)   [3] Next   [4] Last\n", cases, StringComparison.Ordinal);
        var next = await shell.OutputOfAsync(":click 3");
        Assert.StartsWith("\n> :click 3\n(message updated)\n", next, StringComparison.Ordinal);
        Assert.Contains("Page 2 of", next, StringComparison.Ordinal);

        var delete = await shell.OutputOfAsync("/mycase delete");
        Assert.EndsWith("[1] Delete my case   [2] Keep it\n", delete, StringComparison.Ordinal);
        var confirmed = await shell.OutputOfAsync(":click 1");
        Assert.Contains("is deleted", confirmed, StringComparison.Ordinal);

        var gone = await shell.OutputOfAsync("/mycase show");
        Assert.Contains("You don't have a case in this server yet", gone, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_commands_and_input_mistakes_are_shown_and_the_session_goes_on_with_exit_code_0()
    {
        using var shell = await ShellHarness.StartAsync(Today);

        var (exit, output) = await shell.RunAsync(
            "/nope",
            "/mycase update bogus 2024-01-01",
            "/mycase start 2024-01-10 initial",
            "/mycase start \"2024-01-10",
            "/help extra",
            ":click 1",
            ":frob",
            "/mycase start 2024-01-10 initial ca-citizen",
            "/mycase update interview 05/01/2024",
            "/mycase start 2024-01-10 \"Initial application\" \"Canadian citizen\"");

        Assert.Equal(0, exit);
        Assert.Contains("! Unknown command '/nope'. Commands: /", output, StringComparison.Ordinal);
        Assert.Contains("! 'bogus' is not a choice of milestone. Use one of: conditional, interview,", output, StringComparison.Ordinal);
        Assert.Contains("! /mycase start needs status.", output, StringComparison.Ordinal);
        Assert.Contains("! A quote is not closed", output, StringComparison.Ordinal);
        Assert.Contains("! Too many values for /help", output, StringComparison.Ordinal);
        Assert.Contains("! The last reply has no buttons to click.", output, StringComparison.Ordinal);
        Assert.Contains("! Unknown shell command ':frob'. Type :help.", output, StringComparison.Ordinal);
        // The start went through after all the mistakes; the bad date is a reply, not a shell error.
        Assert.Contains("Applied: 10 January 2024", output, StringComparison.Ordinal);
        Assert.Contains("(only you can see this)\n'05/01/2024' could be", output, StringComparison.Ordinal);
        // Choices by display name reach the handler as their values: a second start is refused by the rules.
        Assert.Contains("> /mycase start 2024-01-10 \"Initial application\" \"Canadian citizen\"\n(only you can see this)\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_servers_and_the_clock_are_session_controls()
    {
        using var shell = await ShellHarness.StartAsync(Today);
        await shell.RunAsync(":user alice", "/mycase start 2024-01-10 initial us-citizen");

        // Alice's case is hers: "you" has none, and may not see hers until she shares it.
        var asYou = await shell.OutputOfAsync(":user you", "/mycase show", "/mycase show user:alice");
        Assert.Contains("Now acting as you.", asYou, StringComparison.Ordinal);
        Assert.Contains("You don't have a case in this server yet", asYou, StringComparison.Ordinal);
        Assert.DoesNotContain("Applied: 10 January 2024", asYou, StringComparison.Ordinal);

        var shared = await shell.OutputOfAsync(":user Alice", "/mycase privacy visible:true", ":user you", "/mycase show @alice");
        Assert.Contains("Applied: 10 January 2024", shared, StringComparison.Ordinal);

        // Another server is another server.
        var elsewhere = await shell.OutputOfAsync(":server test", ":user alice", "/mycase show");
        Assert.Contains("Now in server test.", elsewhere, StringComparison.Ordinal);
        Assert.Contains("You don't have a case in this server yet", elsewhere, StringComparison.Ordinal);

        // The fixed clock is the domain's "today": a date after it is in the future.
        var future = await shell.OutputOfAsync(":server local", ":today 2024-01-05", "/mycase update conditional 2024-01-09");
        Assert.Contains("Today is now 2024-01-05.", future, StringComparison.Ordinal);
        Assert.Contains("> /mycase update conditional 2024-01-09\n(only you can see this)\nConditional approval can't be in the future (today is 2024-01-05).", future, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2024, 1, 5), shell.Clock.Today);

        var mod = await shell.OutputOfAsync(":mod on", ":mod maybe");
        Assert.Contains("Acting as alice with Manage Server (a moderator).", mod, StringComparison.Ordinal);
        Assert.Contains("! Use :mod on or :mod off.", mod, StringComparison.Ordinal);
        Assert.True(shell.Engine.Session.Moderator);
    }

    [Fact]
    public async Task Moderators_work_in_the_shell_too_with_the_feed_shown_and_import_reading_a_local_file()
    {
        using var shell = await ShellHarness.StartAsync(Today);
        var csv = Path.Combine(Path.GetDirectoryName(shell.DatabasePath)!, "import.csv");

        var refused = await shell.OutputOfAsync("/mod log");
        Assert.Contains("Only moderators can do this", refused, StringComparison.Ordinal);

        var feed = await shell.OutputOfAsync(
            ":mod on",
            "/config feed channel general",
            "/mycase start 2024-01-10 initial ca-citizen",
            "/mycase update conditional 2024-03-01");
        Assert.Contains("Milestone updates will be posted anonymously", feed, StringComparison.Ordinal);
        Assert.Matches(@"\(feed channel \d+\) A January 2024 initial application got conditional approval after 7 weeks\.", feed);

        // Off again: no more posts.
        var off = await shell.OutputOfAsync("/config feed off", "/mycase update interview 2024-05-01");
        Assert.DoesNotContain("(feed channel", off, StringComparison.Ordinal);

        // An attachment option takes a path in the shell; import validates a file from the disk.
        await File.WriteAllTextAsync(csv, "Applied,Type,Status,Conditional approval\n2024-01-03,initial,us-citizen,2024-02-20\nnot a date,initial,us-citizen,\n");
        var import = await shell.OutputOfAsync($"/mod import \"{csv}\" validate");
        Assert.Contains("row 3", import, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Only moderators", import, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_member_who_asked_may_press_the_buttons_of_a_reply()
    {
        using var shell = await ShellHarness.StartAsync(Today);
        await shell.SeedDemoAsync();

        var output = await shell.OutputOfAsync("/cases", ":user bob", ":click 3");

        Assert.DoesNotContain("Page 2 of", output, StringComparison.Ordinal);
        Assert.EndsWith("> :click 3\n(only you can see this)\nThese buttons belong to the member who ran /cases.\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_the_demo_data_a_page_of_cases_is_six_short_lines()
    {
        using var shell = await ShellHarness.StartAsync(Today);
        await shell.SeedDemoAsync();

        var output = await shell.OutputOfAsync("/cases");

        // Between the heading line and the footer: the six cases, one line each.
        var lines = output.Split('\n');
        var first = Array.FindIndex(lines, l => l.StartsWith("Latest milestone first", StringComparison.Ordinal));
        var cases = lines[(first + 2)..Array.FindIndex(lines, l => l.StartsWith("-- Page 1 of", StringComparison.Ordinal))];
        Assert.Equal(6, cases.Length);
        Assert.All(cases, line => Assert.Matches("^#[0-9]+ · (initial|renewal) · ", line));
        Assert.InRange(string.Join("\n", lines[first..(first + 8)]).Length, 300, 650);
    }

    [Fact]
    public async Task Help_lists_the_commands_with_their_options_and_quit_ends_the_session()
    {
        using var shell = await ShellHarness.StartAsync(Today);

        var (exit, output) = await shell.RunAsync(":help", ":quit", "/help");

        Assert.Equal(0, exit);
        Assert.Contains("  /mycase update milestone date\n", output, StringComparison.Ordinal);
        Assert.Contains("  /mycase start date type status [applicants] [centre]\n", output, StringComparison.Ordinal);
        Assert.Contains("  :click N ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("> /help", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_fills_a_fresh_server_once()
    {
        using var shell = await ShellHarness.StartAsync(Today);

        Assert.Equal(DemoCases.Count, await shell.SeedDemoAsync());
        Assert.Equal(0, await shell.SeedDemoAsync());
    }

    [Fact]
    public async Task Locale_fr_gives_french_replies_and_takes_french_option_names_until_locale_en()
    {
        using var shell = await ShellHarness.StartAsync(Today);

        Assert.Contains("Les réponses sont maintenant en français (locale fr).", await shell.OutputOfAsync(":locale fr"), StringComparison.Ordinal);

        // The shell's own lines speak French too, naming options as a French client does.
        Assert.Contains("/mycase update étape date", await shell.OutputOfAsync(":help"), StringComparison.Ordinal);
        Assert.Contains("! Il manque date et type et statut à /mycase start. Options : date type statut [demandeurs] [centre].", await shell.OutputOfAsync("/mycase start"), StringComparison.Ordinal);
        Assert.Contains("! La dernière réponse n’a aucun bouton.", await shell.OutputOfAsync(":click 1"), StringComparison.Ordinal);
        var start = await shell.OutputOfAsync("/mycase start \"1er mai 2024\" initial statut:ca-citizen");
        Assert.Contains("(vous seul pouvez voir ceci)", start, StringComparison.Ordinal);
        Assert.Contains("Demande: 1 mai 2024", start, StringComparison.Ordinal);
        Assert.Contains("Votre dossier est créé", start, StringComparison.Ordinal);
        var conditional = await shell.OutputOfAsync("/mycase update étape:conditional date:\"15 mai 2024\"");
        Assert.Contains("Inscrit : Approbation conditionnelle le 15 mai 2024.", conditional, StringComparison.Ordinal);
        Assert.Contains("2 semaines après votre demande", conditional, StringComparison.Ordinal);

        await shell.OutputOfAsync(":locale en");
        Assert.Contains("Conditional approval", await shell.OutputOfAsync("/mycase show"), StringComparison.Ordinal);
        Assert.Contains("Use :locale fr or :locale en.", await shell.OutputOfAsync(":locale de"), StringComparison.Ordinal);
        Assert.Contains("! /mycase start needs date and type and status.", await shell.OutputOfAsync("/mycase start"), StringComparison.Ordinal);
    }
}
