using System.Globalization;
using System.Reflection;
using Nexus.Bot.Localization;
using Nexus.Domain.Cases;
using Nexus.Domain.Moderation;

namespace Nexus.Bot.Tests.Localization;

/// <summary>
/// Every error key the domain and the bot can produce has its sentence in the resources: the keys are the
/// <c>const string</c>s of the <c>*ErrorCodes</c> classes (codes, and the sub-keys of codes with several sentences).
/// </summary>
public sealed class ErrorKeyTests
{
    // Codes that are never a sentence themselves: each of their errors names one of their sub-keys.
    private static readonly string[] OnlySubKeys = [CaseErrorCodes.Order, ModerationErrorCodes.AlreadyInState, ModerationErrorCodes.CsvFile, ModerationErrorCodes.CsvRow];

    // Keys whose French sentence may read exactly as the English one: none so far.
    private static readonly string[] SameInFrench = [];

    private static readonly IReadOnlyList<(string Class, string Field, string Key)> Keys =
    [
        .. new[] { typeof(CaseErrorCodes).Assembly, typeof(Strings).Assembly }
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => type.IsAbstract && type.IsSealed && type.Name.EndsWith("ErrorCodes", StringComparison.Ordinal))
            .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(field => field.IsLiteral && field.FieldType == typeof(string))
                .Select(field => (type.Name, field.Name, (string)field.GetRawConstantValue()!))),
    ];

    [Fact]
    public void The_error_code_classes_of_both_assemblies_are_found()
    {
        Assert.Contains(Keys, k => k.Key == CaseErrorCodes.OrderBefore);
        Assert.Contains(Keys, k => k.Key == ModerationErrorCodes.CsvRowExcludedStages);
        Assert.Contains(Keys, k => k.Class == "AttachmentErrorCodes");
        Assert.Contains(Keys, k => k.Class == "CommandErrorCodes");
    }

    [Fact]
    public void Every_error_key_has_an_english_sentence()
    {
        var missing = Keys
            .Where(k => !OnlySubKeys.Contains(k.Key) && Sentence(k.Key, Languages.English) is null)
            .Select(k => $"{k.Class}.{k.Field} (\"{k.Key}\") has no {Text.ResourceName("Error", k.Key)}")
            .ToList();

        Assert.True(missing.Count == 0, "Error keys without an English sentence in Strings.resx:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Every_error_key_has_a_french_sentence_of_its_own()
    {
        var untranslated = Keys
            .Where(k => !OnlySubKeys.Contains(k.Key) && !SameInFrench.Contains(k.Key))
            .Where(k => FrenchOnly(k.Key) is not { } french || french == Sentence(k.Key, Languages.English))
            .Select(k => $"{k.Class}.{k.Field} (\"{k.Key}\")")
            .ToList();

        Assert.True(untranslated.Count == 0, "Error keys with no French sentence, or the English one, in Strings.fr.resx:\n" + string.Join("\n", untranslated));
    }

    [Fact]
    public void A_code_listed_as_only_sub_keys_has_sub_keys()
    {
        Assert.All(OnlySubKeys, code => Assert.Contains(Keys, k => k.Key.StartsWith(code + ".", StringComparison.Ordinal)));
    }

    private static string? Sentence(string key, CultureInfo language) => Strings.ResourceManager.GetString(Text.ResourceName("Error", key), language);

    // The French file alone: falling back to the English file would hide a missing translation.
    private static string? FrenchOnly(string key) =>
        Strings.ResourceManager.GetResourceSet(Languages.French.Parent, createIfNotExists: true, tryParents: false)?.GetString(Text.ResourceName("Error", key));
}
