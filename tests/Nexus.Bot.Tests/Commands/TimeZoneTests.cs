using Nexus.Bot.Tests.Commands.Support;
using Nexus.Discord.Models;
using Nexus.Testing.OpenApi;
using static Nexus.Discord.Models.InteractionOption;

namespace Nexus.Bot.Tests.Commands;

/// <summary>"today" is the date in the server's time zone, which moderators choose with /config timezone.</summary>
public sealed class TimeZoneTests : IAsyncLifetime
{
    private CommandHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await CommandHarness.CreateAsync(new DateOnly(2024, 6, 1));

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private Task<Captured> Start(ulong user, string date) =>
        _bot.RunAsync(user, "mycase", SubCommand("start", String("date", date), String("type", "initial"), String("status", "ca-citizen")));

    private async Task<Captured> AsModerator(string command, params InteractionOption[] options)
    {
        var permissions = _bot.Permissions;
        _bot.Permissions |= CommandHarness.ManageServer;
        try
        {
            return await _bot.RunAsync(CommandHarness.Carol, command, options);
        }
        finally
        {
            _bot.Permissions = permissions;
        }
    }

    [Fact]
    public async Task In_the_evening_in_toronto_today_is_still_the_local_date()
    {
        // 01:30 UTC on 2 June is 21:30 on 1 June in Toronto, the default zone.
        _bot.Clock.SetUtcNow(new DateTimeOffset(2024, 6, 2, 1, 30, 0, TimeSpan.Zero));

        var started = await Start(CommandHarness.Alice, "today");
        var tomorrow = await _bot.RunAsync(CommandHarness.Alice, "mycase", SubCommand("update", String("milestone", "conditional"), String("date", "2024-06-02")));

        Assert.Equal(("Applied", "1 June 2024"), (started.Embed.Fields![0].Name, started.Embed.Fields[0].Value));
        Assert.Contains(started.Embed.Fields, f => f.Name == "Time so far" && f.Value == "0 days since the application, and counting");
        tomorrow.AssertError("Conditional approval can't be in the future (today is 2024-06-01).");
    }

    [Fact]
    public async Task A_moderator_sets_the_zone_and_today_follows_it()
    {
        // 06:30 UTC on 2 June: already 2 June in Toronto, still 1 June (23:30) in Vancouver.
        _bot.Clock.SetUtcNow(new DateTimeOffset(2024, 6, 2, 6, 30, 0, TimeSpan.Zero));
        Assert.Contains("2 June 2024", (await Start(CommandHarness.Alice, "today")).Embed.Fields![0].Value, StringComparison.Ordinal);

        var set = await AsModerator("config", SubCommand("timezone", String("zone", "america/vancouver")));

        Assert.True(set.Ephemeral);
        Assert.Equal(
            "This server's time zone is now America/Vancouver: today is 1 June 2024 there. \"today\" and \"yesterday\", the future-date rule and the statistics follow it.",
            set.Data.Content);
        Assert.Contains("1 June 2024", (await Start(CommandHarness.Bob, "today")).Embed.Fields![0].Value, StringComparison.Ordinal);
        Assert.Contains("31 May 2024", (await Start(CommandHarness.Carol, "yesterday")).Embed.Fields![0].Value, StringComparison.Ordinal);

        var shown = await AsModerator("config", SubCommand("show"));
        Assert.Contains(shown.Embed.Fields!, f => f.Name == "Time zone" && f.Value == "America/Vancouver");
        OpenApiSchemaValidator.Discord.AssertValidRequestBody("create_interaction_response", shown.Json);
    }

    [Fact]
    public async Task Config_show_names_the_default_zone()
    {
        var shown = await AsModerator("config", SubCommand("show"));

        Assert.Contains(shown.Embed.Fields!, f => f.Name == "Time zone" && f.Value == "America/Toronto (the default)");
    }

    [Theory]
    [InlineData("Eastern Standard Time")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("EST5EDT-not")]
    public async Task A_name_that_is_not_an_iana_zone_is_refused_and_nothing_changes(string zone)
    {
        (await AsModerator("config", SubCommand("timezone", String("zone", zone)))).AssertError(
            $"'{zone}' isn't a time zone name; pick one from the list, or write one like America/Toronto or America/Vancouver.");

        Assert.Contains((await AsModerator("config", SubCommand("show"))).Embed.Fields!, f => f.Value == "America/Toronto (the default)");
    }

    [Fact]
    public async Task Members_cannot_set_the_zone()
    {
        var refused = await _bot.RunAsync(CommandHarness.Alice, "config", SubCommand("timezone", String("zone", "America/Vancouver")));

        Assert.True(refused.Ephemeral);
        Assert.Null(refused.Data.Embeds);
        Assert.Contains((await AsModerator("config", SubCommand("show"))).Embed.Fields!, f => f.Value == "America/Toronto (the default)");
    }

    [Fact]
    public async Task Autocomplete_offers_common_north_american_zones_by_region_and_city()
    {
        var pacific = await _bot.AutocompleteAsync(CommandHarness.Carol, "config", SubCommand("timezone", String("zone", "pacific") with { Focused = true }));
        var montreal = await _bot.AutocompleteAsync(CommandHarness.Carol, "config", SubCommand("timezone", String("zone", "montreal") with { Focused = true }));
        var other = await _bot.AutocompleteAsync(CommandHarness.Carol, "config", SubCommand("timezone", String("zone", "Europe/Paris") with { Focused = true }));

        Assert.Equal(["America/Vancouver", "America/Los_Angeles", "Pacific/Honolulu"], pacific.Data.Choices!.Select(c => (string)c.Value));
        Assert.Equal(["America/Toronto"], montreal.Data.Choices!.Select(c => (string)c.Value));
        Assert.Equal(["Europe/Paris"], other.Data.Choices!.Select(c => (string)c.Value));
        OpenApiSchemaValidator.Discord.AssertValidRequestBody("create_interaction_response", pacific.Json);
    }

    [Fact]
    public async Task Autocomplete_names_the_regions_in_french_for_a_french_moderator_and_keeps_the_places()
    {
        _bot.Locale = "fr";

        var pacifique = await _bot.AutocompleteAsync(CommandHarness.Carol, "config", SubCommand("timezone", String("zone", "pacifique") with { Focused = true }));
        var mountain = await _bot.AutocompleteAsync(CommandHarness.Carol, "config", SubCommand("timezone", String("zone", "mountain") with { Focused = true }));
        var montreal = await _bot.AutocompleteAsync(CommandHarness.Carol, "config", SubCommand("timezone", String("zone", "montreal") with { Focused = true }));

        Assert.Equal(["America/Vancouver · Pacifique (Vancouver, Victoria)", "America/Los_Angeles · Pacifique (Seattle, Los Angeles, San Francisco)"], pacifique.Data.Choices!.Select(c => c.Name));
        // The English region still finds the zone, shown in French.
        Assert.Equal(["America/Edmonton · Rocheuses (Calgary, Edmonton)", "America/Denver · Rocheuses (Denver, Salt Lake City)"], mountain.Data.Choices!.Select(c => c.Name));
        Assert.Equal(["America/Toronto · Est (Toronto, Ottawa, Montréal)"], montreal.Data.Choices!.Select(c => c.Name));
    }
}
