using Nexus.Discord.Commands;
using Nexus.Discord.Models;
using Nexus.Discord.Tests.Support;
using static Nexus.Discord.Tests.Support.Interactions;

namespace Nexus.Discord.Tests.Commands;

public sealed class CommandOptionsTests
{
    private static readonly Nexus.Discord.Dispatch.InteractionRegistry Registry = TestCommands.Build();

    [Fact]
    public void Routes_command_subcommand_and_group_paths()
    {
        Assert.Equal("help", Registry.MatchCommand(Command("help").Data)!.Path);
        Assert.Equal("mycase update", Registry.MatchCommand(Command("mycase", Sub("update", String("milestone", "interview"), String("date", "2024-05-01"))).Data)!.Path);
        Assert.Equal("mycase admin reset", Registry.MatchCommand(Command("mycase", Group("admin", Sub("reset", Raw("user", ApplicationCommandOptionType.User, "\"5\"")))).Data)!.Path);
        Assert.Null(Registry.MatchCommand(Command("mycase").Data));
        Assert.Null(Registry.MatchCommand(Command("mycase", Sub("gone")).Data));
        Assert.Null(Registry.MatchCommand(Command("gone").Data));
    }

    [Fact]
    public void Reads_typed_values_with_defaults()
    {
        var options = Read(Command("mycase", Sub("start", String("date", "2024-05-01"), String("type", "renewal"), Integer("applicants", 3))));

        Assert.Equal("2024-05-01", options.GetString("date"));
        Assert.Equal("renewal", options.GetString("type"));
        Assert.Equal(3, options.GetInteger("applicants"));
        Assert.Null(options.GetString("centre"));
        Assert.Equal("none", options.GetString("centre", "none"));
        Assert.True(options.Has("date"));
        Assert.False(options.Has("centre"));
    }

    [Fact]
    public void Integer_default_applies_when_absent()
    {
        var options = Read(Command("mycase", Sub("start", String("date", "2024-05-01"), String("type", "initial"))));

        Assert.Equal(1, options.GetInteger("applicants", 1));
    }

    [Fact]
    public void A_value_outside_the_choices_is_an_expected_failure_listing_the_choices()
    {
        var options = Read(Command("mycase", Sub("update", String("milestone", "lunch"), String("date", "2024-05-01"))));

        var error = Assert.Throws<InvalidOptionValueException>(() => options.GetString("milestone"));
        Assert.Equal("\"lunch\" is not a choice for milestone; pick one of: Conditional approval, Interview, Approved.", error.Message);

        // The facts travel with it, so an application can word the refusal in the member's language.
        Assert.Equal((OptionProblem.NotAChoice, "milestone", "lunch"), (error.Problem, error.Option?.Name, error.Given));
    }

    [Fact]
    public void Range_length_and_kind_are_checked()
    {
        Assert.Equal("applicants must be between 1 and 10.", Assert.Throws<InvalidOptionValueException>(() =>
            Read(Command("mycase", Sub("start", String("date", "x"), String("type", "initial"), Integer("applicants", 11)))).GetInteger("applicants")).Message);
        Assert.Equal("date must be at most 30 characters.", Assert.Throws<InvalidOptionValueException>(() =>
            Read(Command("mycase", Sub("start", String("date", new string('1', 31)), String("type", "initial")))).GetString("date")).Message);
        var kind = Assert.Throws<InvalidOptionValueException>(() =>
            Read(Command("mycase", Sub("start", String("date", "x"), String("type", "initial"), Raw("applicants", ApplicationCommandOptionType.Integer, "\"two\"")))).GetInteger("applicants"));
        Assert.Equal("applicants must be a whole number.", kind.Message);
        Assert.Equal((OptionProblem.WrongKind, ApplicationCommandOptionType.Integer), (kind.Problem, kind.Option?.Type));
    }

    [Fact]
    public void Asking_for_an_undefined_option_or_the_wrong_type_is_a_bug()
    {
        var options = Read(Command("mycase", Sub("update", String("milestone", "interview"), String("date", "2024-05-01"))));

        Assert.Equal("/mycase update has no option 'when'.", Assert.Throws<InvalidOperationException>(() => options.GetString("when")).Message);
        Assert.Equal("/mycase update milestone is a String option, not Integer.", Assert.Throws<InvalidOperationException>(() => options.GetInteger("milestone")).Message);
    }

    [Fact]
    public void Users_and_attachments_come_from_resolved_data()
    {
        var interaction = Command("mod", Sub("import", Raw("file", ApplicationCommandOptionType.Attachment, "\"77\"")));
        interaction = interaction with
        {
            Data = interaction.Data! with
            {
                Resolved = new ResolvedData { Attachments = new Dictionary<string, Attachment> { ["77"] = new() { Id = 77, Filename = "cases.csv", Size = 12, Url = "https://cdn.example/cases.csv" } } },
            },
        };

        Assert.Equal("cases.csv", Read(interaction).GetAttachment("file")!.Filename);

        var user = Read(Command("mycase", Sub("show", Raw("user", ApplicationCommandOptionType.User, "\"554211842457600004\"")))).GetUser("user");
        Assert.Equal(554211842457600004UL, user!.Id);
    }

    [Fact]
    public void An_attachment_missing_from_resolved_data_is_an_expected_failure()
    {
        var options = Read(Command("mod", Sub("import", Raw("file", ApplicationCommandOptionType.Attachment, "\"77\""))));

        var missing = Assert.Throws<InvalidOptionValueException>(() => options.GetAttachment("file"));
        Assert.Equal("The file for file could not be read; please attach it again.", missing.Message);
        Assert.Equal(OptionProblem.FileMissing, missing.Problem);
    }

    private static CommandOptions Read(Interaction interaction)
    {
        var match = Registry.MatchCommand(interaction.Data)!;
        return new CommandOptions(match.Path, match.Parameters, match.Values, interaction.Data!.Resolved, validate: true);
    }
}
