using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nexus.Bot.Commands.Stats;
using Nexus.Bot.Tests.Commands.Support;
using Nexus.Bot.Tests.Hardening;
using Nexus.Discord.Models;
using Nexus.Bot.Shell;
using Nexus.Domain.Cases;
using Nexus.Domain.Statistics;
using static Nexus.Discord.Models.InteractionOption;

namespace Nexus.Bot.Tests.Commands;

public sealed class StatsCommandTests : IAsyncLifetime
{
    private CommandHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await CommandHarness.CreateAsync(new DateOnly(2024, 6, 1));

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task Stats_show_each_stage_compactly_with_the_chart_as_the_embeds_image()
    {
        await Seed.CasesAsync(_bot, finished: 8, waiting: 3);

        var reply = await _bot.RunAsync(CommandHarness.Alice, "stats");

        reply.AssertValidReply(ephemeral: false);
        var fields = reply.Embed.Fields!;
        Assert.Equal(
            ["Applied → conditional approval", "Conditional approval → interview done", "Interview → approved", "Approved → card received", "Applied → card received (whole process)"],
            fields.Select(f => f.Name));
        Assert.Equal("**9 weeks** · most 9+ weeks\n8 done (avg 9 weeks) · 3 waiting", fields[0].Value);
        Assert.Equal("**Same day**\n8 done, 0 waiting", fields[2].Value);
        Assert.StartsWith("11 cases · initial applications (add type:renewal for renewals) · all statuses · all centres · applied 1 Jun 2022 to 1 Jun 2024", reply.Embed.Footer!.Text, StringComparison.Ordinal);

        // The chart goes with the reply itself, and the embed shows it.
        Assert.Equal("attachment://stats.png", reply.Embed.Image!.Url);
        Assert.Equal([new AttachmentReference(0, "stats.png")], reply.Data.Attachments);
        var file = Assert.Single(reply.Files);
        Assert.Equal(("stats.png", "image/png"), (file.FileName, file.ContentType));
        Assert.Equal(PngSignature, file.Content[..8].ToArray());
    }

    [Fact]
    public async Task A_filter_without_enough_data_says_so_once_and_suggests_a_wider_one()
    {
        await Seed.CasesAsync(_bot, finished: 2, waiting: 1);

        var reply = await _bot.RunAsync(CommandHarness.Alice, "stats", String("status", "ca-citizen"), String("period", "12m"));

        reply.AssertValidReply(ephemeral: false);
        Assert.Equal("Not enough finished cases for these filters yet (each stage needs 5). Try `period:all` or without `status`.", reply.Embed.Description);
        Assert.Empty(reply.Embed.Fields!);
        Assert.Null(reply.Embed.Image);
        Assert.Empty(reply.Files);
    }

    [Fact]
    public async Task Filters_and_period_are_applied_and_named_in_the_footer()
    {
        await Seed.CasesAsync(_bot, finished: 6, waiting: 0);
        await Seed.CasesAsync(_bot, finished: 0, waiting: 2, ApplicationType.Renewal);

        var reply = await _bot.RunAsync(CommandHarness.Alice, "stats", String("type", "renewal"), String("status", "ca-citizen"), String("period", "12m"));

        reply.AssertValidReply(ephemeral: false);
        Assert.StartsWith("2 cases · renewals · Canadian citizen · all centres · applied 1 Jun 2023 to 1 Jun 2024\n", reply.Embed.Footer!.Text, StringComparison.Ordinal);
        Assert.Contains("Not enough finished cases", reply.Embed.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_warm_stats_sends_the_cached_chart_without_drawing_again_and_a_write_draws_anew()
    {
        await Seed.CasesAsync(_bot, finished: 8, waiting: 3);
        var charts = _bot.Services.GetRequiredService<StatsChartCache>();

        var first = await _bot.RunAsync(CommandHarness.Alice, "stats");
        var again = await _bot.RunAsync(CommandHarness.Bob, "stats");

        Assert.Equal(1, charts.Rendered);
        Assert.Equal(Assert.Single(first.Files).Content.ToArray(), Assert.Single(again.Files).Content.ToArray());

        await Seed.CasesAsync(_bot, finished: 1, waiting: 0, guild: CommandHarness.Guild, centre: null, type: ApplicationType.Renewal);
        await _bot.RunAsync(CommandHarness.Alice, "stats");

        Assert.Equal(2, charts.Rendered);
    }

    [Fact]
    public async Task Without_a_drawing_library_stats_logs_one_warning_and_shows_the_text_trend()
    {
        var logs = new AllLogs();
        await using var bot = await CommandHarness.CreateAsync(new DateOnly(2024, 8, 1), services =>
        {
            services.AddSingleton<ILoggerProvider>(logs);
            services.AddSingleton(provider => new StatsChart(
                provider.GetRequiredService<ILogger<StatsChart>>(),
                () => throw new DllNotFoundException("libSkiaSharp")));
        });
        // A case a week from September 2023: September, December and March have 5 each, enough for a median.
        await Seed.CasesAsync(bot, finished: 31, waiting: 0);

        var reply = await bot.RunAsync(CommandHarness.Alice, "stats");
        await bot.RunAsync(CommandHarness.Bob, "stats");

        reply.AssertValidReply(ephemeral: false);
        Assert.Null(reply.Embed.Image);
        Assert.Empty(reply.Files);
        var trend = reply.Embed.Fields!.Single(f => f.Name == TrendText.Title).Value;
        Assert.StartsWith("```\nSep 23 ", trend, StringComparison.Ordinal);
        Assert.All(trend.Split('\n'), line => Assert.True(line.Length <= TrendText.MaxLineLength, line));
        var warning = Assert.Single(logs.Entries, e => e.StartsWith("Warning", StringComparison.Ordinal));
        Assert.Contains("DllNotFoundException: libSkiaSharp", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_default_stats_on_the_demo_data_fits_a_phone_in_at_most_900_characters()
    {
        await using var bot = await CommandHarness.CreateAsync(new DateOnly(2026, 12, 2));
        await DemoCases.SeedAsync(bot.Services.GetRequiredService<ICaseRepository>(), bot.Services.GetRequiredService<IStatsSource>(), CommandHarness.Guild, bot.Clock, CancellationToken.None);

        var reply = await bot.RunAsync(CommandHarness.Alice, "stats");

        reply.AssertValidReply(ephemeral: false);
        var embed = reply.Embed;
        var characters = (embed.Description?.Length ?? 0) + embed.Fields!.Sum(f => f.Name.Length + f.Value.Length);
        Assert.InRange(characters, 1, 900);
        Assert.Equal(5, embed.Fields!.Count);
        Assert.NotNull(embed.Image);
        // No line of a field is longer than a phone shows on one line (about 45 characters of embed text).
        Assert.All(embed.Fields.SelectMany(f => f.Value.Replace("**", "", StringComparison.Ordinal).Split('\n')), line => Assert.True(line.Length <= 48, line));
    }

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task Period_all_reaches_back_to_the_first_possible_date()
    {
        var reply = await _bot.RunAsync(CommandHarness.Alice, "stats", String("period", "all"), String("centre", "us-wa-blaine"));

        reply.AssertValidReply(ephemeral: false);
        Assert.Contains("applied 1 Jan 2002 to 1 Jun 2024\n", reply.Embed.Footer!.Text, StringComparison.Ordinal);
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
