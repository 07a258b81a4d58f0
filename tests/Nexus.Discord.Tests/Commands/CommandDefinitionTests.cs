using System.Text.Json;
using System.Text.Json.Nodes;
using Nexus.Discord.Commands;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Json;
using Nexus.Discord.Models;
using Nexus.Discord.Tests.Support;
using Nexus.Testing.OpenApi;

namespace Nexus.Discord.Tests.Commands;

public sealed class CommandDefinitionTests
{
    [Fact]
    public void The_sample_tree_registers_as_json_that_validates_against_the_openapi_spec()
    {
        var registry = TestCommands.Build();

        var json = JsonSerializer.Serialize(registry.GetApplicationCommands(), DiscordJsonContext.Default.IReadOnlyListApplicationCommandJson);

        var commands = JsonNode.Parse(json)!.AsArray();
        Assert.Equal(3, commands.Count);
        foreach (var command in commands)
        {
            OpenApiSchemaValidator.Discord.AssertValid(command!.ToJsonString(), "ApplicationCommandCreateRequest");
        }
    }

    [Fact]
    public void Registration_json_is_exactly_what_the_definition_says()
    {
        var json = JsonSerializer.Serialize(CommandJsonWriter.ToJson(TestCommands.Mod), DiscordJsonContext.Default.ApplicationCommandJson);

        const string expected = """
            {"name":"mod","description":"Moderation","type":1,
             "options":[
               {"type":1,"name":"import","description":"Import a CSV","options":[
                 {"type":11,"name":"file","description":"The CSV file","required":true},
                 {"type":3,"name":"mode","description":"Validate only, or apply","choices":[{"name":"Validate","value":"validate"},{"name":"Apply","value":"apply"}]}]},
               {"type":1,"name":"publish","description":"A slow public reply that fails"}],
             "default_member_permissions":"32","contexts":[0]}
            """;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(json)), json);
    }

    [Fact]
    public void Choices_come_from_value_and_display_pairs()
    {
        var command = SlashCommand.Create("pick", "Pick")
            .String("colour", "A colour", required: true, o => o.Choices(Enum.GetValues<ConsoleColor>().Select(c => (c.ToString().ToLowerInvariant(), c.ToString()))))
            .Integer("size", "A size", configure: o => o.Choices([(1L, "Small"), (2L, "Large")]))
            .HandledBy<EchoHandler>()
            .Build();

        CommandDefinitionValidator.Validate(command);
        Assert.Equal(16, command.Options[0].Choices.Count);
        Assert.Equal(new CommandChoice("DarkBlue", "darkblue"), command.Options[0].Choices[1]);
        Assert.Equal(new CommandChoice("Large", 2L), command.Options[1].Choices[1]);
    }

    public static TheoryData<string, string> Violations() => new()
    {
        { "uppercase name", "/MyCase: name \"MyCase\" must be lowercase." },
        { "space in name", "/my case: name \"my case\" must be 1–32 letters, digits, '-', '_' or apostrophes, with no spaces." },
        { "name too long", "/" + new string('a', 33) + ": name \"" + new string('a', 33) + "\" must be 1–32 letters, digits, '-', '_' or apostrophes, with no spaces." },
        { "empty description", "/cmd: description must be 1–100 characters (it is 0)." },
        { "description too long", "/cmd: description must be 1–100 characters (it is 101)." },
        { "option description too long", "/cmd opt: description must be 1–100 characters (it is 101)." },
        { "uppercase option", "/cmd Opt: name \"Opt\" must be lowercase." },
        { "26 options", "/cmd: has 26 options; Discord allows at most 25." },
        { "26 choices", "/cmd opt: has 26 choices; Discord allows at most 25." },
        { "choice name too long", "/cmd opt: choice name \"" + new string('n', 101) + "\" must be 1–100 characters." },
        { "choice value too long", "/cmd opt: choice value \"" + new string('v', 101) + "\" must be 1–100 characters." },
        { "required after optional", "/cmd second: required options must come before optional ones." },
        { "autocomplete with choices", "/cmd opt: autocomplete cannot be combined with choices." },
        { "duplicate option", "/cmd opt: the name is used twice at this level." },
        { "mixed subcommands and parameters", "/cmd: a command has either subcommands/groups or parameters, not both." },
        { "empty group", "/cmd grp: a subcommand group needs at least one subcommand." },
        { "no handler", "/cmd: has no handler; call HandledBy<THandler>()." },
        { "subcommand without handler", "/cmd sub: has no handler; call HandledBy<THandler>()." },
        { "length on integer", "/cmd opt: min_length/max_length apply only to string options." },
        { "range on string", "/cmd opt: min_value/max_value apply only to integer and number options." },
        { "min above max", "/cmd opt: min_value is greater than max_value." },
        { "bad permissions", "/cmd: default_member_permissions \"manage\" must be a decimal string of permission bits, e.g. \"32\"." },
        { "too large", "/cmd: is 4033 characters long (names, descriptions, choice names and values); the limit is 4000." },
        { "choices on boolean", "/cmd opt: only string, integer and number options can have choices." },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public void Each_limit_fails_fast_with_a_message_naming_the_path(string violation, string message)
    {
        var command = Broken(violation);

        var error = Assert.Throws<CommandDefinitionException>(() => CommandDefinitionValidator.Validate(command));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void The_size_limit_is_the_stricter_4000_and_3999_passes()
    {
        // 3 + 3 + 25 choices of (name 100 + value 40) + "opt" + "o" ... built to land just under the limit.
        var command = Sized(3999);
        Assert.Equal(3999, CommandDefinitionValidator.CountCharacters(command));
        CommandDefinitionValidator.Validate(command);
        Assert.Equal(4001, CommandDefinitionValidator.CountCharacters(Sized(4001)));
        Assert.Throws<CommandDefinitionException>(() => CommandDefinitionValidator.Validate(Sized(4001)));
    }

    [Fact]
    public void Names_in_other_scripts_and_with_apostrophes_are_allowed()
    {
        foreach (var name in new[] { "mycase", "admin-reset", "don't", "état", "समय", "เวลา", "年表", "a_1" })
        {
            CommandDefinitionValidator.Validate(SlashCommand.Create(name, "d").HandledBy<EchoHandler>().Build());
        }
    }

    [Fact]
    public void Duplicate_commands_and_component_prefixes_are_refused()
    {
        var commands = new InteractionRegistryBuilder().AddCommand(TestCommands.Help).AddCommand(TestCommands.Help);
        Assert.Equal("/help: the command is defined more than once.", Assert.Throws<CommandDefinitionException>(commands.Build).Message);

        var components = new InteractionRegistryBuilder().AddComponent<PageHandler>("cases:page").AddComponent<PageHandler>("cases:page");
        Assert.Equal("component prefix \"cases:page\" is registered more than once.", Assert.Throws<CommandDefinitionException>(components.Build).Message);
    }

    private static SlashCommandDefinition Sized(int total)
    {
        // name "cmd" (3) + description "d" (1) + option "opt"(3) + "o"(1) = 8; the rest in one choice-less string description chunks.
        var remaining = total - 8;
        var builder = SlashCommand.Create("cmd", "d").String("opt", "o", configure: o => o.Choices(
            Enumerable.Range(0, 25).Select(i =>
            {
                var size = remaining / 25 + (i < remaining % 25 ? 1 : 0);
                var valueLength = size / 2;
                var nameLength = size - valueLength;
                return (Value: i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture) + new string('v', valueLength - 2), Name: i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture) + new string('n', nameLength - 2));
            })));
        return builder.HandledBy<EchoHandler>().Build();
    }

    private static SlashCommandDefinition Broken(string violation)
    {
        var d101 = new string('d', 101);
        return violation switch
        {
            "uppercase name" => SlashCommand.Create("MyCase", "d").HandledBy<EchoHandler>().Build(),
            "space in name" => SlashCommand.Create("my case", "d").HandledBy<EchoHandler>().Build(),
            "name too long" => SlashCommand.Create(new string('a', 33), "d").HandledBy<EchoHandler>().Build(),
            "empty description" => SlashCommand.Create("cmd", "").HandledBy<EchoHandler>().Build(),
            "description too long" => SlashCommand.Create("cmd", d101).HandledBy<EchoHandler>().Build(),
            "option description too long" => Cmd().String("opt", d101).HandledBy<EchoHandler>().Build(),
            "uppercase option" => Cmd().String("Opt", "d").HandledBy<EchoHandler>().Build(),
            "26 options" => Enumerable.Range(0, 26).Aggregate(Cmd(), (b, i) => b.String($"o{i}", "d")).HandledBy<EchoHandler>().Build(),
            "26 choices" => Cmd().String("opt", "d", configure: o => o.Choices(Enumerable.Range(0, 26).Select(i => ($"v{i}", $"n{i}")))).HandledBy<EchoHandler>().Build(),
            "choice name too long" => Cmd().String("opt", "d", configure: o => o.Choices([("v", new string('n', 101))])).HandledBy<EchoHandler>().Build(),
            "choice value too long" => Cmd().String("opt", "d", configure: o => o.Choices([(new string('v', 101), "n")])).HandledBy<EchoHandler>().Build(),
            "required after optional" => Cmd().String("first", "d").String("second", "d", required: true).HandledBy<EchoHandler>().Build(),
            "autocomplete with choices" => Cmd().String("opt", "d", configure: o => o.Choices([("v", "n")]).Autocomplete<CentreAutocomplete>()).HandledBy<EchoHandler>().Build(),
            "duplicate option" => Cmd().String("opt", "d").String("opt", "d").HandledBy<EchoHandler>().Build(),
            "mixed subcommands and parameters" => Cmd().String("opt", "d").Subcommand("sub", "d", s => s.HandledBy<EchoHandler>()).Build(),
            "empty group" => Cmd().Group("grp", "d", _ => { }).Build(),
            "no handler" => Cmd().String("opt", "d").Build(),
            "subcommand without handler" => Cmd().Subcommand("sub", "d", _ => { }).Build(),
            "length on integer" => Cmd().Integer("opt", "d", configure: o => o.Length(1, 5)).HandledBy<EchoHandler>().Build(),
            "range on string" => Cmd().String("opt", "d", configure: o => o.Range(1, 5)).HandledBy<EchoHandler>().Build(),
            "min above max" => Cmd().Integer("opt", "d", configure: o => o.Range(10, 1)).HandledBy<EchoHandler>().Build(),
            "bad permissions" => Cmd().DefaultMemberPermissions("manage").HandledBy<EchoHandler>().Build(),
            "too large" => Sized(4033),
            "choices on boolean" => WithBooleanChoices(Cmd().Boolean("opt", "d").HandledBy<EchoHandler>().Build()),
            _ => throw new ArgumentOutOfRangeException(nameof(violation)),
        };

        static SlashCommandBuilder Cmd() => SlashCommand.Create("cmd", "d");
    }

    // The builder offers no choices on booleans; a hand-made definition shows the validator still catches it.
    private static SlashCommandDefinition WithBooleanChoices(SlashCommandDefinition command)
    {
        command.Options[0].Choices = [new CommandChoice("yes", "true")];
        return command;
    }
}
