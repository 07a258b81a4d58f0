using System.Text.Json;
using System.Text.Json.Nodes;
using Nexus.Discord.Commands;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Json;
using Nexus.Discord.Tests.Support;
using Nexus.Testing.OpenApi;

namespace Nexus.Discord.Tests.Commands;

/// <summary>name_localizations and description_localizations: filled from translations, exported, and held to Discord's rules.</summary>
public sealed class CommandLocalizationTests
{
    [Fact]
    public void Translations_fill_every_level_and_the_json_validates_against_the_openapi_spec()
    {
        var command = Command("ping", "Checks the bot", s => s.String("mode", "How", required: true, o => o.Choices([("fast", "Fast"), ("slow", "Slow")])));
        CommandTranslator.Apply(command, new Translations(new Dictionary<string, string>
        {
            ["ping.name"] = "ping",
            ["ping.description"] = "Vérifie le robot",
            ["ping.mode.name"] = "mode",
            ["ping.mode.description"] = "Comment",
            ["ping.mode.choice.fast"] = "Rapide",
        }));

        var json = JsonSerializer.Serialize(CommandJsonWriter.ToJson(command), DiscordJsonContext.Default.ApplicationCommandJson);

        var node = JsonNode.Parse(json)!;
        Assert.Equal("Vérifie le robot", (string)node["description_localizations"]!["fr"]!);
        Assert.Equal("Comment", (string)node["options"]![0]!["description_localizations"]!["fr"]!);
        Assert.Equal("Rapide", (string)node["options"]![0]!["choices"]![0]!["name_localizations"]!["fr"]!);
        // A missing translation leaves the locale out (Discord shows the default), never an empty text.
        Assert.Null(node["options"]![0]!["choices"]![1]!["name_localizations"]);
        OpenApiSchemaValidator.Discord.AssertValid(json, "ApplicationCommandCreateRequest");
        CommandDefinitionValidator.Validate(command);
    }

    [Theory]
    [InlineData("ping.name", "Ping", "/ping [fr]: name \"Ping\" must be lowercase.")]
    [InlineData("ping.name", "pas de blanc", "/ping [fr]: name \"pas de blanc\" must be 1–32 letters, digits, '-', '_' or apostrophes, with no spaces.")]
    [InlineData("ping.mode.name", "Mode", "/ping mode [fr]: name \"Mode\" must be lowercase.")]
    [InlineData("ping.description", "", null)]
    [InlineData("ping.mode.description", "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789x", "/ping mode [fr]: description must be 1–100 characters (it is 101).")]
    [InlineData("ping.mode.choice.fast", "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789x", "/ping mode: the fr name \"0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789x\" of choice \"Fast\" must be 1–100 characters.")]
    public void A_localised_text_breaking_discords_rules_stops_the_start_naming_the_path_and_locale(string key, string text, string? message)
    {
        var command = Command("ping", "Checks the bot", s => s.String("mode", "How", required: true, o => o.Choices([("fast", "Fast")])));
        CommandTranslator.Apply(command, new Translations(new Dictionary<string, string> { [key] = text }));

        if (message is null)
        {
            // An empty translation is no translation: the default stays, and nothing is refused.
            CommandDefinitionValidator.Validate(command);
            Assert.Null(command.DescriptionLocalizations);
            return;
        }

        Assert.Equal(message, Assert.Throws<CommandDefinitionException>(() => CommandDefinitionValidator.Validate(command)).Message);
    }

    [Fact]
    public void A_locale_discord_does_not_know_is_refused()
    {
        var command = Command("ping", "Checks the bot", _ => { });
        CommandTranslator.Apply(command, new Translations(new Dictionary<string, string> { ["ping.description"] = "Vérifie" }, "fr-CA"));

        Assert.Equal(
            "/ping: \"fr-CA\" is not a locale Discord knows (e.g. fr, en-US, es-ES).",
            Assert.Throws<CommandDefinitionException>(() => CommandDefinitionValidator.Validate(command)).Message);
    }

    [Fact]
    public void Two_options_with_one_localised_name_are_refused_even_against_an_untranslated_default()
    {
        var command = Command("ping", "Checks the bot", s => s.String("date", "When").String("day", "Which day"));
        CommandTranslator.Apply(command, new Translations(new Dictionary<string, string> { ["ping.day.name"] = "date" }));

        Assert.Equal(
            "/ping: the fr name \"date\" is used by more than one option (date, day).",
            Assert.Throws<CommandDefinitionException>(() => CommandDefinitionValidator.Validate(command)).Message);
    }

    [Fact]
    public void The_size_limit_counts_each_text_at_its_longest_localisation()
    {
        var command = Command("ping", "Checks", _ => { });
        Assert.Equal(4 + 6, CommandDefinitionValidator.CountCharacters(command));

        CommandTranslator.Apply(command, new Translations(new Dictionary<string, string> { ["ping.description"] = "Vérifie le robot" }));

        Assert.Equal(4 + 16, CommandDefinitionValidator.CountCharacters(command));
    }

    [Fact]
    public void The_registry_translates_when_it_is_built()
    {
        var registry = new InteractionRegistryBuilder()
            .AddCommand(SlashCommand.Create("help", "What each command does").HandledBy<EchoHandler>())
            .Translate(new Translations(new Dictionary<string, string> { ["help.description"] = "Ce que fait chaque commande" }))
            .Build();

        var json = JsonNode.Parse(JsonSerializer.Serialize(registry.GetApplicationCommands(), DiscordJsonContext.Default.IReadOnlyListApplicationCommandJson))!;

        Assert.Equal("Ce que fait chaque commande", (string)json[0]!["description_localizations"]!["fr"]!);
    }

    private static SlashCommandDefinition Command(string name, string description, Action<SlashCommandBuilder> configure)
    {
        var builder = SlashCommand.Create(name, description);
        configure(builder);
        return builder.HandledBy<EchoHandler>().Build();
    }

    private sealed class Translations(Dictionary<string, string> texts, string locale = "fr") : ICommandTranslations
    {
        public IReadOnlyList<string> Locales { get; } = [locale];

        public string? Find(string locale, string key) => texts.GetValueOrDefault(key);
    }
}
