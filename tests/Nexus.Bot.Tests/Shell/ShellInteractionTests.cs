using System.Text.Json;
using Nexus.Bot.Hosting;
using Nexus.Bot.Shell;
using Nexus.Discord.Commands;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Json;
using Nexus.Discord.Models;

namespace Nexus.Bot.Tests.Shell;

/// <summary>What the shell makes of a typed line: the words, and the interaction Discord would have sent.</summary>
public sealed class ShellInteractionTests
{
    private sealed class Noop : ICommandHandler
    {
        public Task<InteractionResult> HandleAsync(ICommandContext context, CancellationToken cancellationToken) =>
            Task.FromResult(InteractionResult.Reply(InteractionMessage.Text("ok")));
    }

    private static readonly InteractionRegistry Registry = new InteractionRegistryBuilder()
        .AddCommand(SlashCommand.Create("mod", "Moderation")
            .Group("import", "Import cases", g => g
                .Subcommand("csv", "From a CSV file", s => s
                    .Attachment("file", "The CSV file", required: true)
                    .Boolean("dry-run", "Only check")
                    .User("member", "On behalf of")
                    .HandledBy<Noop>())))
        .Build();

    [Theory]
    [InlineData("/mycase update interview 2024-05-01", new[] { "/mycase", "update", "interview", "2024-05-01" })]
    [InlineData("/stats centre:\"Fort Erie\"  type:renewal", new[] { "/stats", "centre:Fort Erie", "type:renewal" })]
    [InlineData("/mycase start 'May 1, 2024' initial", new[] { "/mycase", "start", "May 1, 2024", "initial" })]
    public void Lines_split_into_words_with_quotes_keeping_spaces(string line, string[] words) =>
        Assert.Equal(words, ShellTokenizer.Split(line).Select(t => t.Text));

    [Fact]
    public void Name_value_needs_an_option_name_before_an_unquoted_colon()
    {
        var tokens = ShellTokenizer.Split("centre:\"Fort Erie\" 10:30 \"a:b\"");

        Assert.Equal(("centre", "Fort Erie"), (tokens[0].Name, tokens[0].Value));
        Assert.Null(tokens[1].Name);
        Assert.Null(tokens[2].Name);
    }

    [Fact]
    public void A_typed_line_becomes_the_interaction_discord_sends_with_nested_options_and_resolved_objects()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "applied,type\n");
            var session = new ShellSession { UserName = "mia", ServerName = "test", Moderator = true };
            var line = new ShellCommandParser(Registry).Parse($"/mod import csv \"{file}\" dry-run:yes member:@bob");

            var interaction = new ShellInteractions(TimeProvider.System).Command(session, line);
            // Round-trips through the wire format, as a transport would deliver it.
            var json = JsonSerializer.Serialize(interaction, DiscordJsonContext.Default.Interaction);
            var parsed = JsonSerializer.Deserialize(json, DiscordJsonContext.Default.Interaction)!;

            Assert.Equal(InteractionType.ApplicationCommand, parsed.Type);
            Assert.Equal(LocalIds.Server("test"), parsed.GuildId);
            Assert.Equal(LocalIds.User("mia"), parsed.Member!.User!.Id);
            Assert.Equal(ShellSession.ManageGuild, parsed.Member.Permissions!.Value & ShellSession.ManageGuild);
            Assert.NotEqual(0UL, parsed.Id);
            Assert.NotEmpty(parsed.Token);

            var match = Registry.MatchCommand(parsed.Data)!;
            Assert.Equal("mod import csv", match.Path);
            var group = Assert.Single(parsed.Data!.Options!);
            Assert.Equal((ApplicationCommandOptionType.SubCommandGroup, "import"), (group.Type, group.Name));
            var sub = Assert.Single(group.Options!);
            Assert.Equal((ApplicationCommandOptionType.SubCommand, "csv"), (sub.Type, sub.Name));
            Assert.Equal(["file", "dry-run", "member"], match.Values.Select(v => v.Name));

            var attachmentId = match.Values[0].Value!.Value.GetString()!;
            var attachment = parsed.Data.Resolved!.Attachments![attachmentId];
            Assert.Equal(new Uri(file).AbsoluteUri, attachment.Url);
            Assert.StartsWith("file:///", attachment.Url, StringComparison.Ordinal);
            Assert.Equal(new FileInfo(file).Length, attachment.Size);
            Assert.True(match.Values[1].Value!.Value.GetBoolean());
            var memberId = match.Values[2].Value!.Value.GetString()!;
            Assert.Equal(LocalIds.User("bob"), parsed.Data.Resolved.Users![memberId].Id);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Ordinary_members_lack_manage_server_and_every_line_gets_a_fresh_id()
    {
        var interactions = new ShellInteractions(TimeProvider.System);
        var line = new ShellCommandParser(Registry).Parse("/mod import csv " + typeof(ShellInteractionTests).Assembly.Location);
        var session = new ShellSession();

        var first = interactions.Command(session, line);
        var second = interactions.Command(session, line);

        Assert.Equal(0UL, first.Member!.Permissions!.Value & ShellSession.ManageGuild);
        Assert.Equal(LocalIds.User("you"), first.Member.User!.Id);
        Assert.Equal(LocalIds.Server("local"), first.GuildId);
        Assert.NotEqual(first.Id, second.Id);
        Assert.NotEqual(first.Token, second.Token);
    }

    [Fact]
    public void A_missing_attachment_file_is_an_input_mistake()
    {
        var line = new ShellCommandParser(Registry).Parse("/mod import csv /no/such/file.csv");

        var error = Assert.Throws<ShellInputException>(() => new ShellInteractions(TimeProvider.System).Command(new ShellSession(), line));
        Assert.StartsWith("No file at '/no/such/file.csv'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_map_to_stable_snowflake_sized_ids_case_insensitively()
    {
        Assert.Equal(LocalIds.Server("Local"), LocalIds.Server("local"));
        Assert.NotEqual(LocalIds.Server("alice"), LocalIds.User("alice"));
        Assert.InRange(LocalIds.User("alice"), 1UL << 59, (1UL << 60) - 1);
    }
}
