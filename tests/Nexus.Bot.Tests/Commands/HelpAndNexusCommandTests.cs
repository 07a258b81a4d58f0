using Nexus.Bot.Commands.Common;
using Nexus.Bot.Tests.Commands.Support;
using Nexus.Discord.Models;
using Nexus.Testing.OpenApi;
using static Nexus.Discord.Models.InteractionOption;

namespace Nexus.Bot.Tests.Commands;

public sealed class HelpAndNexusCommandTests : IAsyncLifetime
{
    private CommandHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await CommandHarness.CreateAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private static void AssertValidPublicReply(Captured reply)
    {
        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, reply.Response.Type);
        Assert.False(reply.Ephemeral);
        OpenApiSchemaValidator.Discord.AssertValidRequestBody("create_interaction_response", reply.Json);
        Assert.Empty(EmbedLimits.Violations(reply.Data.Embeds!));
    }

    [Fact]
    public async Task Help_lists_every_member_command_with_an_example_publicly()
    {
        var reply = await _bot.RunAsync(CommandHarness.Alice, "help");

        AssertValidPublicReply(reply);
        Assert.Equal(
            ["/mycase start", "/mycase update", "/mycase clear", "/mycase show", "/mycase privacy", "/mycase delete", "/stats", "/cases", "/nexus", "Dates"],
            reply.Embed.Fields!.Select(f => f.Name));
        Assert.Contains("`/mycase update interview 2024-05-01`", reply.AllText, StringComparison.Ordinal);
        Assert.Contains("not CBP or CBSA", reply.Embed.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("eligibility", "Mexican nationals")]
    [InlineData("steps", "Conditionally Approved")]
    [InlineData("interview", "Enrollment on Arrival")]
    [InlineData("fees", "US$120")]
    [InlineData("centres", "centre:")]
    public async Task Each_topic_answers_publicly_with_official_links_an_as_of_date_and_the_disclaimer(string topic, string expected)
    {
        var reply = await _bot.RunAsync(CommandHarness.Alice, "nexus", String("topic", topic));

        AssertValidPublicReply(reply);
        Assert.Contains(expected, reply.Embed.Description, StringComparison.Ordinal);
        var links = Assert.Single(reply.Embed.Fields!, f => f.Name == "Official pages").Value;
        Assert.All(links.Split('\n'), line => Assert.Matches(@"^\[.+\]\(https://[^ )]*(cbsa-asfc\.gc\.ca|cbp\.gov|cbp\.dhs\.gov|canada\.ca|federalregister\.gov)[^ )]*\)$", line));
        Assert.StartsWith("As of 21 November 2026. Nexus is a community tool", reply.Embed.Footer!.Text, StringComparison.Ordinal);
        Assert.Contains("not CBP or CBSA", reply.Embed.Footer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Centres_with_a_centre_shows_its_details_and_its_pair()
    {
        var reply = await _bot.RunAsync(CommandHarness.Alice, "nexus", String("topic", "centres"), String("centre", "ca-on-lansdowne"));

        AssertValidPublicReply(reply);
        Assert.Contains("Lansdowne", reply.Embed.Title, StringComparison.Ordinal);
        Assert.Contains(reply.Embed.Fields!, f => f.Name == "What happens here" && f.Value == "Canadian half of a split land interview");
        Assert.Contains(reply.Embed.Fields!, f => f.Name == "Other half" && f.Value.Contains("Alexandria Bay", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_topic_or_centre_is_refused()
    {
        (await _bot.RunAsync(CommandHarness.Alice, "nexus", String("topic", "visas")))
            .AssertError("\"visas\" is not a choice for topic; pick one of: Who can apply, From application to card, The interview and its routes, Fees, Enrolment centres.");
        (await _bot.RunAsync(CommandHarness.Alice, "nexus", String("topic", "centres"), String("centre", "Atlantis")))
            .AssertError("'Atlantis' isn't a known enrolment centre; start typing its name or city and pick one from the list.");
    }
}
