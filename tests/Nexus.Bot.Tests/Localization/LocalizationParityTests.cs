using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Bot.Commands;
using Nexus.Bot.Hosting;
using Nexus.Bot.Localization;
using Nexus.Discord.Commands;
using Nexus.Discord.Models;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Hosting;
using Nexus.Domain.Cases;
using Nexus.Domain.Common;
using Nexus.Domain.Statistics;

namespace Nexus.Bot.Tests.Localization;

/// <summary>One resource file per language, kept whole: every English key translated, with the same placeholders.</summary>
public sealed partial class LocalizationParityTests
{
    private static readonly Dictionary<string, string> English = Read(CultureInfo.InvariantCulture);

    public static TheoryData<string> Translations => [.. Languages.Translations.Select(t => t.Culture.TwoLetterISOLanguageName)];

    [Theory]
    [MemberData(nameof(Translations))]
    public void Every_english_key_has_a_translation(string language)
    {
        var translated = Read(CultureInfo.GetCultureInfo(language));

        var missing = English.Keys.Where(k => !translated.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(English);

        Assert.True(missing.Count == 0, $"Missing in {language}: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void Every_translation_has_the_placeholders_of_the_english_text(string language)
    {
        var translated = Read(CultureInfo.GetCultureInfo(language));

        var different = English
            .Where(e => translated.TryGetValue(e.Key, out var text) && !Placeholders(e.Value).SetEquals(Placeholders(text)))
            .Select(e => $"{e.Key}: [{string.Join(",", Placeholders(e.Value).Order())}] vs [{string.Join(",", Placeholders(translated[e.Key]).Order())}]")
            .ToList();

        Assert.True(different.Count == 0, $"Placeholders differ in {language}: {string.Join("; ", different)}");
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void A_translation_holds_only_english_keys_and_the_texts_of_real_command_nodes_and_centres(string language)
    {
        var translated = Read(CultureInfo.GetCultureInfo(language));
        var nodes = CommandKeys().Select(CommandTranslations.ResourceName).ToHashSet(StringComparer.Ordinal);

        // A centre's English name and notes are the reference file's; a translation names every centre and words its notes.
        var centres = EnrolmentCentres.Default.All.Select(c => Names.CentreResourceName(c.Code))
            .Concat(EnrolmentCentres.Default.All.Where(c => c.Notes is not null).Select(c => Names.CentreNotesResourceName(c.Code)))
            .ToHashSet(StringComparer.Ordinal);

        var orphans = translated.Keys.Where(k => !English.ContainsKey(k) && !nodes.Contains(k) && !centres.Contains(k)).Order(StringComparer.Ordinal).ToList();
        var untranslated = nodes.Concat(centres).Where(n => !translated.ContainsKey(n)).Order(StringComparer.Ordinal).ToList();

        Assert.True(orphans.Count == 0, $"Keys in {language} that neither English, a command nor a centre has: {string.Join(", ", orphans)}");
        Assert.True(untranslated.Count == 0, $"Command texts and centres with no {language} translation: {string.Join(", ", untranslated)}");
    }

    [Fact]
    public void The_placeholder_check_fails_on_a_missing_or_renumbered_placeholder()
    {
        Assert.False(Placeholders("Recorded: {0} on {1}.").SetEquals(Placeholders("Inscrit : {0}.")));
        Assert.False(Placeholders("{0} of {1}").SetEquals(Placeholders("{0} sur {2}")));
        Assert.True(Placeholders("'{0}' could be {1:d MMMM}").SetEquals(Placeholders("« {0} » peut être le {1:d MMMM}")));
    }

    [Fact]
    public void The_english_names_are_the_domains_display_names()
    {
        using var english = Languages.Use(Languages.English);
        Assert.All(WireNames.AllMilestones, m => Assert.Equal(m.Display, Names.Of(m.Value)));
        Assert.All(WireNames.AllMilestoneInputs, m => Assert.Equal(m.Display, Names.Of(m.Value)));
        Assert.All(WireNames.AllTypes, m => Assert.Equal(m.Display, Names.Of(m.Value)));
        Assert.All(WireNames.AllStatuses, m => Assert.Equal(m.Display, Names.Of(m.Value)));
        Assert.All(WireNames.AllCaseStatuses, m => Assert.Equal(m.Display, Names.Of(m.Value)));
        Assert.All(StageNames.All, s => Assert.Equal(s.Display(), Names.Of(s)));
        Assert.All(StageNames.All, s => Assert.Equal(s.EndDisplay(), Names.EndOf(s)));
    }

    [Fact]
    public void English_waits_read_as_the_domain_writes_them()
    {
        using var english = Languages.Use(Languages.English);
        for (var days = 0; days <= 800; days++)
        {
            Assert.Equal(WaitText.Days(days), Words.Wait(days));
            Assert.Equal(WaitText.MoreThan(days), Words.Wait(WaitQuantile.Exceeds(days)));
            foreach (var unit in Enum.GetValues<WaitUnit>())
            {
                Assert.Equal(WaitText.Range(WaitQuantile.Exactly(days / 2), WaitQuantile.Exceeds(days), unit), Words.Range(WaitQuantile.Exactly(days / 2), WaitQuantile.Exceeds(days), unit));
                Assert.Equal(WaitText.Range(WaitQuantile.Exactly(days / 3), WaitQuantile.Exactly(days), unit), Words.Range(WaitQuantile.Exactly(days / 3), WaitQuantile.Exactly(days), unit));
            }
        }
    }

    [Fact]
    public void Every_domain_error_is_worded_in_english_as_the_domain_says_it_and_in_french_differently()
    {
        var today = new DateOnly(2024, 6, 15);
        var timeline = new Timeline(new DateOnly(2024, 1, 10), Conditional: new DateOnly(2024, 3, 1), Approved: new DateOnly(2024, 5, 1));
        DomainError[] errors =
        [
            DateInput.Parse("05/01/2024", today).Error!,
            DateInput.Parse("31/02/2024", today).Error!,
            DateInput.Parse("next week", today).Error!,
            CaseRules.CheckApplicationDate(new DateOnly(2001, 1, 1), today)!,
            CaseRules.CheckApplicationDate(new DateOnly(2024, 7, 1), today)!,
            CaseRules.SetMilestone(ApplicationType.Initial, timeline, MilestoneInput.Interview, new DateOnly(2026, 6, 1), today).Error!,
            CaseRules.SetMilestone(ApplicationType.Initial, timeline, MilestoneInput.Denied, new DateOnly(2024, 6, 1), today).Error!,
            CaseRules.SetMilestone(ApplicationType.Initial, new Timeline(new DateOnly(2024, 1, 10), Denied: new DateOnly(2024, 2, 1)), MilestoneInput.Conditional, new DateOnly(2024, 3, 1), today).Error!,
            CaseRules.SetMilestone(ApplicationType.Initial, new Timeline(new DateOnly(2024, 1, 10)), MilestoneInput.Card, new DateOnly(2024, 3, 1), today).Error!,
            CaseRules.SetMilestone(ApplicationType.Initial, timeline, MilestoneInput.Conditional, new DateOnly(2024, 1, 1), today).Error!,
            CaseRules.SetMilestone(ApplicationType.Initial, timeline, MilestoneInput.Conditional, new DateOnly(2024, 5, 15), today).Error!,
            CaseRules.SetApplicationDate(timeline, new DateOnly(2024, 4, 1), today).Error!,
            CaseRules.CheckType(ApplicationType.Initial, new Timeline(new DateOnly(2024, 1, 10), Approved: new DateOnly(2024, 3, 1)))!,
            CaseRules.ClearMilestone(ApplicationType.Initial, new Timeline(new DateOnly(2024, 1, 10)), MilestoneInput.Interview).Error!,
            CaseRules.ClearMilestone(ApplicationType.Initial, timeline, MilestoneInput.Conditional).Error!,
            CaseRules.CheckApplicants(11)!,
            CaseRules.CheckCentre("nowhere", EnrolmentCentres.Default)!,
        ];

        Assert.All(errors, error =>
        {
            string english, french;
            using (Languages.Use(Languages.English))
            {
                english = Text.Error(error);
            }

            using (Languages.Use(Languages.French))
            {
                french = Text.Error(error);
            }

            Assert.Equal(error.Message, english);
            Assert.NotEqual(english, french);
        });
    }

    [Fact]
    public void The_dispatchers_refusal_of_an_option_reads_in_english_as_nexus_discord_words_it_and_in_french_differently()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddNexusDispatchSeams();
        services.AddDiscordCore(registry => registry.AddNexusCommands());
        using var provider = services.BuildServiceProvider();
        var texts = provider.GetRequiredService<IDispatcherTexts>();
        var options = provider.GetRequiredService<InteractionRegistry>().Commands
            .SelectMany(c => Leaves(c.Options))
            .DistinctBy(o => (o.Type, o.Choices.Count > 0, o.MinValue, o.MaxValue, o.MaxLength))
            .Prepend(null)
            .ToList();

        Assert.Contains(options, o => o?.Choices.Count > 0);
        Assert.Contains(options, o => o?.MaxValue is not null);
        foreach (var option in options)
        {
            foreach (var problem in Enum.GetValues<OptionProblem>().Where(p => Applies(p, option)))
            {
                var invalid = new InvalidOptionValueException(problem, option, "lunch");
                string english, french;
                using (Languages.Use(Languages.English))
                {
                    english = texts.InvalidOption(new Interaction(), invalid);
                }

                using (Languages.Use(Languages.French))
                {
                    french = texts.InvalidOption(new Interaction(), invalid);
                }

                Assert.Equal(invalid.Message, english);
                Assert.NotEqual(english, french);
            }
        }

        static IEnumerable<CommandOptionDefinition> Leaves(IReadOnlyList<CommandOptionDefinition> level) =>
            level.SelectMany(o => o.IsSubcommandOrGroup ? Leaves(o.Options) : [o]);

        // Only what the client can find wrong with such an option (a modal's text input has no option at all).
        static bool Applies(OptionProblem problem, CommandOptionDefinition? option) => (problem, option) switch
        {
            (OptionProblem.Unreadable, _) => true,
            (_, null) => false,
            (OptionProblem.NotAChoice, _) => option.Choices.Count > 0,
            (OptionProblem.OutOfRange, _) => option.MinValue is not null || option.MaxValue is not null,
            (OptionProblem.TooShort, _) => option.MinLength is not null,
            (OptionProblem.TooLong, _) => option.MaxLength is not null,
            _ => true,
        };
    }

    // Every placeholder index a .NET composite format uses: {0}, {1:d MMMM} and {2,5} all count by their index.
    private static HashSet<int> Placeholders(string text) =>
        [.. PlaceholderPattern().Matches(text.Replace("{{", string.Empty, StringComparison.Ordinal).Replace("}}", string.Empty, StringComparison.Ordinal))
            .Select(m => int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture))];

    // Only the language's own file, without falling back to English.
    private static Dictionary<string, string> Read(CultureInfo culture)
    {
        var set = Strings.ResourceManager.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"No resources for '{culture.Name}'.");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }

    // The key of every name, description and choice of every command the bot registers.
    private static IEnumerable<string> CommandKeys()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDiscordCore(registry => registry.AddNexusCommands());
        using var provider = services.BuildServiceProvider();
        foreach (var command in provider.GetRequiredService<InteractionRegistry>().Commands)
        {
            foreach (var key in Keys(command.Name, command.Options))
            {
                yield return key;
            }
        }

        static IEnumerable<string> Keys(string path, IReadOnlyList<CommandOptionDefinition> options)
        {
            yield return CommandTranslator.Key(path, "name");
            yield return CommandTranslator.Key(path, "description");
            foreach (var option in options)
            {
                var optionPath = path + "." + option.Name;
                foreach (var choice in option.Choices)
                {
                    yield return CommandTranslator.ChoiceKey(optionPath, choice.Value);
                }

                foreach (var key in Keys(optionPath, option.Options))
                {
                    yield return key;
                }
            }
        }
    }

    [GeneratedRegex(@"\{(\d+)(?:,[^}:]*)?(?::[^}]*)?\}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();
}
