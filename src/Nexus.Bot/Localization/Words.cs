using System.Collections.Concurrent;
using System.Globalization;
using Humanizer;
using Nexus.Domain.Statistics;

namespace Nexus.Bot.Localization;

/// <summary>
/// Waits, dates and counts in the current language: "7 weeks" / "7 semaines", "1 May 2024" / "1 mai 2024".
/// <see cref="WaitText"/> decides the unit and the rounding in every language; the unit words and their plurals
/// come from Humanizer's resources for the language ("1 jour", "3 mois"), the phrases around them from
/// <see cref="Strings"/>.
/// </summary>
public sealed class Words : IWaitWords
{
    private static readonly ConcurrentDictionary<CultureInfo, Words> ByLanguage = new();
    private readonly CultureInfo _culture;

    private Words(CultureInfo culture) => _culture = culture;

    /// <summary>The words of the current language.</summary>
    public static Words Current => ByLanguage.GetOrAdd(Languages.Current, static culture => new Words(culture));

    /// <inheritdoc />
    public string SameDay => Get(nameof(Strings.Wait_SameDay));

    /// <summary>A wait of <paramref name="days"/> days, e.g. "3 days", "7 semaines".</summary>
    public static string Wait(int days) => WaitText.Days(days, Current);

    /// <summary>A quantile, with "more than" for a lower bound and "same day" for no wait.</summary>
    public static string Wait(WaitQuantile quantile) => WaitText.Format(quantile, Current);

    /// <summary>A quantile in <paramref name="unit"/>.</summary>
    public static string Wait(WaitQuantile quantile, WaitUnit unit) => WaitText.Format(quantile, unit, Current);

    /// <summary>A range in one unit, e.g. "7–18 weeks" / "7 à 18 semaines".</summary>
    public static string Range(WaitQuantile low, WaitQuantile high, WaitUnit unit) => WaitText.Range(low, high, unit, Current);

    /// <summary>A calendar date as members read it: "1 May 2024", "1 mai 2024" (never a Discord timestamp).</summary>
    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", Languages.Current);

    /// <summary>A month: "March 2024", "mars 2024".</summary>
    public static string Month(DateOnly date) => date.ToString("MMMM yyyy", Languages.Current);

    /// <summary>
    /// <paramref name="count"/> in the singular or the plural sentence: the singular for 1 in English, for 0 and 1
    /// in French (each language's plural rule), e.g. <c>Count(n, Strings.Count_Case_One, Strings.Count_Case_Other)</c>.
    /// </summary>
    public static string Count(int count, string one, string other)
    {
        var singular = Languages.Current.TwoLetterISOLanguageName == "fr" ? count is 0 or 1 : count == 1;
        return Text.Format(singular ? one : other, count);
    }

    /// <inheritdoc />
    public string Units(WaitUnit unit, int count) =>
        Configurator.Formatters.ResolveForCulture(_culture).TimeSpanHumanize(TimeUnitOf(unit), count);

    /// <inheritdoc />
    public string MoreThan(string wait) => Format(nameof(Strings.Wait_MoreThan), wait);

    /// <inheritdoc />
    public string About(string wait) => Format(nameof(Strings.Wait_About), wait);

    /// <inheritdoc />
    public string Range(WaitUnit unit, int from, int to, bool openEnded) =>
        openEnded
            ? Format(nameof(Strings.Wait_RangeOpen), from, to, Noun(unit, to))
            : Format(nameof(Strings.Wait_Range), from, Units(unit, to));

    /// <inheritdoc />
    public string AtLeast(WaitUnit unit, int from) => Format(nameof(Strings.Wait_AtLeast), from, Noun(unit, from));

    // Humanizer writes "<count> <noun>" in both languages; the noun alone is what follows the count.
    private string Noun(WaitUnit unit, int count)
    {
        var units = Units(unit, count);
        return units[(units.IndexOf(' ', StringComparison.Ordinal) + 1)..];
    }

    private static TimeUnit TimeUnitOf(WaitUnit unit) => unit switch
    {
        WaitUnit.Days => TimeUnit.Day,
        WaitUnit.Weeks => TimeUnit.Week,
        _ => TimeUnit.Month,
    };

    private string Get(string name) => Strings.ResourceManager.GetString(name, _culture)!;

    private string Format(string name, params object[] arguments) => string.Format(_culture, Get(name), arguments);
}
