using Nexus.Bot.Commands.Cases;
using Nexus.Bot.Commands.Common;
using Nexus.Bot.Commands.Help;
using Nexus.Bot.Commands.MyCase;
using Nexus.Bot.Commands.NexusTopic;
using Nexus.Bot.Commands.Stats;
using Nexus.Discord.Models;
using Nexus.Domain.Cases;
using Nexus.Domain.Statistics;

namespace Nexus.Bot.Tests.Commands;

/// <summary>Every embed builder with worst-case data stays within Discord's limits (reference §7.2).</summary>
public sealed class EmbedBuilderTests
{
    private static readonly DateOnly Today = new(2026, 11, 21);
    private static readonly EnrolmentCentres Centres = EnrolmentCentres.Default;
    private static readonly EnrolmentCentre LongestCentre = Centres.All.MaxBy(c => c.Name.Length + c.City.Length)!;

    private static Case FullCase(long number, string? centre = null) => new()
    {
        Id = number,
        GuildId = 1,
        OwnerId = 2,
        CaseNumber = number,
        Type = ApplicationType.Renewal,
        ApplicantStatus = ApplicantStatus.MexicanNational,
        Applicants = 10,
        CentreCode = centre ?? LongestCentre.Code,
        Timeline = new Timeline(new DateOnly(2024, 1, 10), new DateOnly(2024, 3, 13), new DateOnly(2024, 5, 1), new DateOnly(2024, 6, 20), new DateOnly(2024, 6, 20), new DateOnly(2024, 7, 4)),
        Visible = true,
        OwnerName = new string('N', CaseService.MaxOwnerNameLength),
        Excluded = true,
    };

    private static CaseEstimate LongEstimate => new(
        EstimateKind.Estimated,
        Stage.ConditionalToInterview,
        400,
        null,
        WaitQuantile.Exceeds(3000),
        WaitQuantile.Exactly(2000),
        WaitQuantile.Exceeds(4000),
        Today.AddDays(3000),
        Today.AddDays(2000),
        Today.AddDays(4000),
        int.MaxValue,
        true,
        FinishedSooner: 0.999,
        SkipsConditional: true);

    [Fact]
    public void The_guard_finds_each_broken_limit()
    {
        var tooMuch = new Embed
        {
            Title = new string('t', 257),
            Description = new string('d', 4097),
            Fields = [.. Enumerable.Range(0, 26).Select(i => new EmbedField(new string('n', 257), new string('v', 1025)))],
            Footer = new EmbedFooter(new string('f', 2049)),
            Author = new EmbedAuthor(new string('a', 257)),
        };

        var problems = EmbedLimits.Violations([tooMuch]);

        Assert.Contains("embed 0: title has 257 characters (at most 256)", problems);
        Assert.Contains("embed 0: description has 4097 characters (at most 4096)", problems);
        Assert.Contains("embed 0: 26 fields (at most 25)", problems);
        Assert.Contains("embed 0: footer has 2049 characters (at most 2048)", problems);
        Assert.Contains("embed 0: author has 257 characters (at most 256)", problems);
        Assert.Contains(problems, p => p.EndsWith("name has 257 characters (at most 256)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.EndsWith("value has 1025 characters (at most 1024)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.EndsWith("characters in all (at most 6000)", StringComparison.Ordinal));
        Assert.Contains("11 embeds (at most 10)", EmbedLimits.Violations([.. Enumerable.Repeat(new Embed { Title = "x" }, 11)]));
        Assert.Contains("embed 0: field \" \" is empty", EmbedLimits.Violations([new Embed { Fields = [new EmbedField(" ", "x")] }]));
    }

    [Fact]
    public void The_guard_counts_the_total_over_every_embed_and_ignores_surrounding_whitespace()
    {
        var half = new Embed { Description = new string('d', 3001) };

        Assert.Empty(EmbedLimits.Violations([half]));
        Assert.Equal(["6002 characters in all (at most 6000)"], EmbedLimits.Violations([half, half]));
        Assert.Empty(EmbedLimits.Violations([new Embed { Title = "  " + new string('t', 256) + "\n" }]));
    }

    [Fact]
    public void Fit_cuts_with_an_ellipsis_only_when_needed()
    {
        Assert.Equal("short", EmbedLimits.Fit("short", 10));
        Assert.Equal("abcd…", EmbedLimits.Fit("abcdefgh", 5));
    }

    [Fact]
    public void The_case_embed_with_every_milestone_the_longest_centre_and_name_fits()
    {
        var embed = CaseEmbed.Build(FullCase(long.MaxValue), LongEstimate, Today, new string('N', 300), Centres);

        Assert.Empty(EmbedLimits.Violations([embed]));
        Assert.Equal(256, embed.Title!.Length);
        Assert.Equal(["Applied", "Conditional approval", "Interview, Canadian half (CBSA)", "Interview, U.S. half (CBP)", "Approved", "Card received", "Done"], embed.Fields!.Select(f => f.Name));
        Assert.Equal("20 June 2024\n7 weeks after the Canadian half of the interview", embed.Fields![3].Value);
        Assert.Equal("the same day as the U.S. half of the interview", embed.Fields[4].Value.Split('\n')[1]);
        Assert.Equal("card received 4 July 2024, 6 months from application to card", embed.Fields[6].Value);

        var waiting = FullCase(long.MaxValue) with { Timeline = FullCase(1).Timeline with { Approved = null, Card = null } };
        var withEstimate = CaseEmbed.Build(waiting, LongEstimate, Today, new string('N', 300), Centres);
        Assert.Empty(EmbedLimits.Violations([withEstimate]));
        Assert.Equal(["Time so far", "Next: approval and card"], withEstimate.Fields!.TakeLast(2).Select(f => f.Name));
    }

    [Fact]
    public void A_finished_case_says_done_and_a_denied_one_says_once_that_it_has_no_estimate()
    {
        var estimate = new CaseEstimate(EstimateKind.Complete, null, 0, null, null, null, null, null, null, null, 0, false);
        var done = CaseEmbed.Build(FullCase(1), estimate, Today, "Your case", Centres);
        var denied = CaseEmbed.Build(
            FullCase(1) with { Timeline = new Timeline(new DateOnly(2024, 1, 10), new DateOnly(2024, 3, 13), Denied: new DateOnly(2024, 6, 3)) },
            estimate with { Kind = EstimateKind.Denied },
            Today,
            "Your case",
            Centres);

        Assert.Equal(("Done", "card received 4 July 2024, 6 months from application to card"), (done.Fields![^1].Name, done.Fields[^1].Value));
        Assert.DoesNotContain(done.Fields, f => f.Name.StartsWith("Next", StringComparison.Ordinal) || f.Name == "Time so far");
        Assert.Equal(("Closed", "denied 3 June 2024, 5 months after the application. A denied case has no estimate."), (denied.Fields![^1].Name, denied.Fields[^1].Value));
        Assert.Single(denied.Fields, f => f.Value.Contains("estimate", StringComparison.Ordinal));
    }

    [Fact]
    public void The_case_embed_writes_calendar_dates_never_timestamp_tokens()
    {
        var embed = CaseEmbed.Build(FullCase(1), LongEstimate, Today, "Your case", Centres);
        var text = string.Join('\n', embed.Fields!.Select(f => f.Value));

        Assert.DoesNotContain("<t:", text, StringComparison.Ordinal);
        Assert.Contains("1 May 2024", text, StringComparison.Ordinal);
        Assert.Null(embed.Timestamp);
    }

    [Fact]
    public void The_status_colour_follows_the_stage()
    {
        var pending = FullCase(1) with { Timeline = new Timeline(new DateOnly(2024, 1, 10)) };
        var denied = pending with { Timeline = pending.Timeline with { Denied = new DateOnly(2024, 2, 1) } };
        var estimate = new CaseEstimate(EstimateKind.NotEnoughData, Stage.AppliedToConditional, 10, null, null, null, null, null, null, null, 0, false);

        var colours = new[] { pending, FullCase(1), denied }.Select(c => CaseEmbed.Build(c, estimate, Today, "Your case", Centres).Color).ToList();

        Assert.Equal([EmbedColours.For(CaseStatus.PendingReview), EmbedColours.For(CaseStatus.CardReceived), EmbedColours.For(CaseStatus.Denied)], colours);
        Assert.Equal(3, colours.Distinct().Count());
    }

    [Fact]
    public void The_stats_embed_with_every_figure_and_twelve_months_of_trend_fits()
    {
        var stages = StageNames.All.Select(s => new StageStats(
            s, true, WaitQuantile.Exceeds(3650), WaitQuantile.Exactly(1000), WaitQuantile.Exceeds(3650),
            new WaitInterval(WaitQuantile.Exactly(900), WaitQuantile.Exceeds(3650)), 1234.5, 999_999, 999_999, 999_999, 3650, 999_999)).ToList();
        var trend = Enumerable.Range(0, 12).Select(i => new TrendPoint(new DateOnly(2025, 12, 1).AddMonths(i), i % 3 == 0 ? null : WaitQuantile.Exceeds(100 + (i * 30)), 999, 999, 999)).ToList();
        var filter = new AppliedFilter(ApplicationType.Initial, true, ApplicantStatus.MexicanNational, LongestCentre.Code, new DateOnly(2002, 1, 1), Today, false);
        var now = new NowProcessing(Today.AddDays(-29), Today, 999_999, true, new DateOnly(2025, 9, 1), new DateOnly(2024, 9, 1), new DateOnly(2026, 9, 1));
        var report = new StatsReport(Today, 1, filter, 5, stages, now, trend);

        var withChart = StatsEmbed.Build(report, Centres, "stats.png");
        var withoutChart = StatsEmbed.Build(report, Centres);

        Assert.Empty(EmbedLimits.Violations([withChart]));
        Assert.Empty(EmbedLimits.Violations([withoutChart]));
        Assert.Equal("**More than 119 months**\n999999 done (avg 41 months) · 999999 waiting", withChart.Fields![0].Value);
        Assert.DoesNotContain(withChart.Fields, f => f.Name == TrendText.Title);
        // Without a chart the text trend shows the 8 months that have a median, one short line each.
        var text = withoutChart.Fields!.Single(f => f.Name == TrendText.Title).Value;
        Assert.Equal(8, text.Split('\n').Length - 2);
        Assert.DoesNotContain("not enough data", text, StringComparison.Ordinal);
        Assert.Contains(LongestCentre.Name, withChart.Footer!.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(60, 49, 126, 55, 66, "**9 weeks** · most 7–18 weeks")]
    [InlineData(213, 160, 270, 160, 309, "**7 months** (uncertain: 5–10 months) · most 5–9 months")]
    [InlineData(0, 0, 0, 0, 0, "**Same day**")]
    [InlineData(63, 62, 64, 60, 66, "**9 weeks**")]
    public void A_stage_reads_in_one_unit_with_its_uncertainty_only_when_wide(double median, double p25, double p75, double low, double high, string expected)
    {
        var stage = new StageStats(
            Stage.AppliedToConditional, true, WaitQuantile.Exactly(median), WaitQuantile.Exactly(p25), WaitQuantile.Exactly(p75),
            new WaitInterval(WaitQuantile.Exactly(low), WaitQuantile.Exactly(high)), median, 40, 0, 0, null, 0);

        Assert.Equal(expected + "\n40 done, 0 waiting", StatsEmbed.StageText(stage));
    }

    [Fact]
    public void The_text_trend_scales_bars_to_a_round_number_and_hides_below_three_months()
    {
        TrendPoint Month(int i, double days) => new(new DateOnly(2026, 1, 1).AddMonths(i), WaitQuantile.Exactly(days), 10, 10, 0);

        Assert.Null(TrendText.Render([Month(0, 63), Month(1, 63), new TrendPoint(new DateOnly(2026, 3, 1), null, 3, 1, 2)]));
        var text = TrendText.Render([Month(0, 63), Month(1, 63), Month(2, 63)])!;

        // Three equal 9-week months on a 12-week scale: bars of 7.5 characters, not the full width.
        Assert.Equal("```\nJan 26 ███████▌   9 wk\nFeb 26 ███████▌   9 wk\nMar 26 ███████▌   9 wk\n```", text);
    }

    [Fact]
    public void A_full_page_of_cases_with_every_milestone_and_the_longest_centres_fits()
    {
        var page = new CasePage([.. Enumerable.Range(0, CasesCommand.PageSize).Select(i => FullCase(long.MaxValue - i))], int.MaxValue);

        var query = new CasesQuery(ApplicationType.Renewal, ApplicantStatus.MexicanNational, LongestCentre.Code, "24m", CaseListState.Finished, (2024, 1));
        var embed = CasesEmbed.Build(page, query, 0, int.MaxValue, Today, moderator: true, Centres);

        Assert.Empty(EmbedLimits.Violations([embed]));
        var lines = embed.Description!.Split('\n')[2..];
        Assert.Equal(CasesCommand.PageSize, lines.Length);
        Assert.All(lines, line => Assert.StartsWith($"**#{long.MaxValue - Array.IndexOf(lines, line)}** {new string('N', 39)}… (excluded) · renewal · MX national", line, StringComparison.Ordinal));
    }

    [Fact]
    public void Help_every_topic_and_every_centre_fit()
    {
        Assert.Empty(EmbedLimits.Violations([HelpEmbed.Build()]));
        Assert.All(NexusTopics.All, topic => Assert.Empty(EmbedLimits.Violations([NexusEmbed.Topic(topic)])));
        Assert.All(Centres.All, centre => Assert.Empty(EmbedLimits.Violations([NexusEmbed.Centre(centre, Centres.Find(centre.PairedWith))])));
    }

    [Fact]
    public void Centre_suggestions_stay_within_discords_choice_length_and_keep_the_place()
    {
        Assert.All(Centres.All, centre => Assert.InRange(CentreAutocomplete.Label(centre).Length, 1, CentreAutocomplete.MaxNameLength));
        var cut = new EnrolmentCentre("x", new string('N', 150), "City", "ST", "US", "land", "joint_interview", null, true, "active", null);
        Assert.EndsWith("… (City, ST)", CentreAutocomplete.Label(cut), StringComparison.Ordinal);
    }

    [Fact]
    public void Delete_confirmation_fits_and_offers_exactly_two_buttons()
    {
        var ask = DeleteConfirmation.Ask(long.MaxValue, ulong.MaxValue);

        Assert.Empty(EmbedLimits.Violations(ask.Embeds!));
        Assert.True(ask.Ephemeral);
        Assert.All(ask.Components!.Single().Components!, b => Assert.InRange(b.CustomId!.Length, 1, 100));
    }

    [Fact]
    public void Page_buttons_fit_discords_custom_id_length_with_every_filter()
    {
        var query = new CasesQuery(ApplicationType.Renewal, ApplicantStatus.MexicanNational, Centres.All.MaxBy(c => c.Code.Length)!.Code, "all", CaseListState.Finished, (2026, 11));
        var row = CasesCommand.Buttons(5, int.MaxValue, ulong.MaxValue, query);

        Assert.All(row.Components!, b => Assert.InRange(b.CustomId!.Length, 1, 100));
        Assert.Equal(4, row.Components!.Select(b => b.CustomId).Distinct().Count());
        var state = CasesCommand.ParseState(row.Components![3].CustomId!["cases:page:".Length..]);
        Assert.Equal(int.MaxValue - 1, state!.Value.Page);
        Assert.Equal(ulong.MaxValue, state.Value.AskerId);
        Assert.Equal(query, state.Value.Query);
    }
}
