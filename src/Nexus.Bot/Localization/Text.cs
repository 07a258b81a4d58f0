using System.Globalization;
using Nexus.Domain.Common;
using Nexus.Domain.Moderation;
using Nexus.Domain.Statistics;

namespace Nexus.Bot.Localization;

/// <summary>
/// Fills the sentences of <see cref="Strings"/> in the current language (<see cref="Languages.Current"/>), and
/// words a domain error from its key and arguments. Placeholders are numbered (<c>{0}</c>, <c>{1}</c>) and a
/// sentence is always one resource: never built from translated pieces.
/// </summary>
public static class Text
{
    /// <summary><paramref name="template"/> (a <see cref="Strings"/> property) with its arguments, formatted in the current language.</summary>
    public static string Format(string template, params object?[] arguments) =>
        string.Format(Languages.Current, template, arguments);

    /// <summary>The text of resource <paramref name="name"/> in the current language, or null when there is none.</summary>
    public static string? Find(string name) => Strings.ResourceManager.GetString(name, Languages.Current);

    /// <summary>
    /// The member-facing sentence of <paramref name="error"/> in the current language: resource
    /// <c>Error_&lt;key&gt;</c> (dots and dashes as underscores) with the error's arguments; a
    /// <see cref="Phrase"/> argument is itself worded from resource <c>Phrase_&lt;key&gt;</c>, a <see cref="StageSet"/>
    /// by its stages' names and a <see cref="ModerationAction"/> by its name. An error the
    /// resources do not know keeps its English message, and the parity tests keep that from happening.
    /// </summary>
    public static string Error(DomainError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Find(ResourceName("Error", error.Key)) is { } template
            ? Format(template, [.. error.Arguments.Select(Argument)])
            : error.Message;
    }

    /// <summary>The words of <paramref name="phrase"/> in the current language.</summary>
    public static string Phrase(Phrase phrase)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        return Find(ResourceName("Phrase", phrase.Key)) ?? phrase.English;
    }

    /// <summary>The resource name for a dotted domain key, e.g. <c>Error_rule_order_before</c>.</summary>
    public static string ResourceName(string prefix, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return prefix + "_" + key.Replace('.', '_').Replace('-', '_');
    }

    // The one place a domain error's argument becomes words: a phrase, a set of stages ("A and B") or a
    // moderator action by their names in the current language. Numbers and dates stay values, so a resource
    // formats them in its language ("{0:N0}", "{1:d MMMM yyyy}").
    private static object? Argument(object value) => value switch
    {
        Phrase phrase => Phrase(phrase),
        StageSet stages => NoticeText.Stages(stages),
        ModerationAction action => Names.Of(action),
        _ => value,
    };
}
