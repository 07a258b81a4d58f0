using System.Collections.Concurrent;
using System.Globalization;
using Humanizer;

namespace Nexus.Domain.Common;

/// <summary>
/// "1 day", "7 weeks", "41 cases": a count with its noun in the right number, the plural from Humanizer.
/// </summary>
/// <remarks>
/// Humanizer's <c>ToQuantity</c> pluralises on every call by running its English rules, about a hundred
/// regular expressions: a fifth of the CPU of a cached <c>/stats</c> reply went there. The nouns are a
/// handful of constants, so each plural is worked out once and kept.
/// </remarks>
public static class Quantity
{
    private static readonly ConcurrentDictionary<string, string> Plurals = new(StringComparer.Ordinal);

    /// <summary>
    /// <paramref name="count"/> and <paramref name="noun"/> (singular, English), e.g. <c>Of("week", 7)</c> is
    /// "7 weeks"; singular only for exactly one, as Humanizer writes it.
    /// </summary>
    public static string Of(string noun, int count) => string.Create(CultureInfo.InvariantCulture, $"{count} {Noun(noun, count)}");

    /// <summary>
    /// <paramref name="count"/> with thousands separators and <paramref name="noun"/> in the right number, e.g.
    /// "12,000 rows", for counts that can be large.
    /// </summary>
    public static string Many(string noun, int count) => string.Create(CultureInfo.InvariantCulture, $"{count:N0} {Noun(noun, count)}");

    /// <summary><paramref name="noun"/> (singular, English) in the number <paramref name="count"/> asks for, without the count: "case" or "cases" (for "7–18 weeks").</summary>
    public static string Noun(string noun, int count)
    {
        ArgumentException.ThrowIfNullOrEmpty(noun);
        return count == 1 ? noun : Plurals.GetOrAdd(noun, static n => n.Pluralize(inputIsKnownToBeSingular: true));
    }
}
