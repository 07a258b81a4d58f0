using System.Globalization;
using System.Text.RegularExpressions;
using Nexus.Domain.Common;

namespace Nexus.Domain.Cases;

/// <summary>
/// Reads a calendar date as members type it, in English or French whatever their language: ISO dates,
/// <c>today</c>/<c>aujourd'hui</c>, <c>yesterday</c>/<c>hier</c>, and month-name forms ("1 May 2024",
/// "May 1, 2024", "1er mai 2024"). It refuses numeric forms that could be read two ways, because members
/// come from both sides of the border and 05/01/2024 means different days to them. Ranges are not checked
/// here: <see cref="CaseRules"/> does that with the milestone in hand.
/// </summary>
/// <remarks>
/// Both languages at once is safe: no month word means one month in English and another in French
/// ("mar" and "mars" are both March), and a member who switches client language keeps typing what works.
/// </remarks>
public static partial class DateInput
{
    private const string FormatHelp = "Dates look like 2024-05-01 (or 'today', or '1 May 2024').";

    // Written out rather than read from a culture: parsing must not depend on the host's culture data, and
    // members type French months without accents as often as with them ("fevrier", "aout").
    private static readonly (string Name, int Month)[] MonthNames =
    [
        ("january", 1), ("jan", 1), ("february", 2), ("feb", 2), ("march", 3), ("mar", 3),
        ("april", 4), ("apr", 4), ("may", 5), ("june", 6), ("jun", 6), ("july", 7), ("jul", 7),
        ("august", 8), ("aug", 8), ("september", 9), ("sept", 9), ("sep", 9), ("october", 10), ("oct", 10),
        ("november", 11), ("nov", 11), ("december", 12), ("dec", 12),
        ("janvier", 1), ("janv", 1), ("février", 2), ("fevrier", 2), ("févr", 2), ("fevr", 2), ("fév", 2), ("fev", 2),
        ("mars", 3), ("avril", 4), ("avr", 4), ("mai", 5), ("juin", 6), ("juillet", 7), ("juil", 7),
        ("août", 8), ("aout", 8), ("septembre", 9), ("octobre", 10), ("novembre", 11),
        ("décembre", 12), ("decembre", 12), ("déc", 12),
    ];

    private static readonly string[] EnglishMonths =
    [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ];

    private static readonly string[] Today = ["today", "aujourd'hui", "aujourd’hui", "aujourdhui"];

    private static readonly string[] Yesterday = ["yesterday", "hier"];

    /// <summary>Parses <paramref name="text"/>; <paramref name="today"/> resolves <c>today</c> and <c>yesterday</c>.</summary>
    public static Result<DateOnly> Parse(string? text, DateOnly today)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        if (Today.Contains(trimmed, StringComparer.OrdinalIgnoreCase))
        {
            return today;
        }

        if (Yesterday.Contains(trimmed, StringComparer.OrdinalIgnoreCase))
        {
            return today.AddDays(-1);
        }

        if (IsoPattern().Match(trimmed) is { Success: true } iso)
        {
            return Build(trimmed, Number(iso, "y"), Number(iso, "m"), Number(iso, "d"));
        }

        if (NumericPattern().Match(trimmed) is { Success: true } numeric)
        {
            return ParseNumeric(trimmed, Number(numeric, "a"), Number(numeric, "b"), Number(numeric, "y"));
        }

        if (DayMonthPattern().Match(trimmed) is { Success: true } dayFirst && MonthOf(dayFirst.Groups["m"].Value) is { } m1)
        {
            return Build(trimmed, Number(dayFirst, "y"), m1, Number(dayFirst, "d"));
        }

        if (MonthDayPattern().Match(trimmed) is { Success: true } monthFirst && MonthOf(monthFirst.Groups["m"].Value) is { } m2)
        {
            return Build(trimmed, Number(monthFirst, "y"), m2, Number(monthFirst, "d"));
        }

        return new DomainError(CaseErrorCodes.DateFormat, FormatHelp);
    }

    /// <summary>
    /// Reads a month as members type it in either language: <c>2024-05</c>, <c>May 2024</c>, <c>mai 2024</c>, or
    /// an abbreviation as replies show it (<c>nov. 2026</c>). False for anything else, including a month 13.
    /// </summary>
    public static bool TryParseMonth(string? text, out int year, out int month)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        (year, month) = (0, 0);
        if (IsoMonthPattern().Match(trimmed) is { Success: true } iso)
        {
            (year, month) = (Number(iso, "y"), Number(iso, "m"));
        }
        else if (NamedMonthPattern().Match(trimmed) is { Success: true } named && MonthOf(named.Groups["m"].Value) is { } m)
        {
            (year, month) = (Number(named, "y"), m);
        }

        return month is >= 1 and <= 12 && year >= 1;
    }

    private static Result<DateOnly> ParseNumeric(string text, int first, int second, int year)
    {
        var monthFirstValid = IsValid(year, first, second);
        var dayFirstValid = IsValid(year, second, first);
        if (monthFirstValid && dayFirstValid && first != second)
        {
            var monthFirst = new DateOnly(year, first, second);
            var dayFirst = new DateOnly(year, second, first);
            return DomainError.Of(
                CaseErrorCodes.DateAmbiguous,
                $"'{text}' could be {Words(monthFirst)} or {Words(dayFirst)}; please write it year first, like {CaseRules.Iso(monthFirst)} or {CaseRules.Iso(dayFirst)}.",
                text,
                monthFirst,
                dayFirst,
                CaseRules.Iso(monthFirst),
                CaseRules.Iso(dayFirst));
        }

        // Only one reading is a real day (e.g. 25/12/2024), or both agree (05/05/2024): no doubt remains.
        if (monthFirstValid)
        {
            return new DateOnly(year, first, second);
        }

        return dayFirstValid
            ? new DateOnly(year, second, first)
            : Invalid(text);
    }

    private static Result<DateOnly> Build(string text, int year, int month, int day) =>
        IsValid(year, month, day)
            ? new DateOnly(year, month, day)
            : Invalid(text);

    private static DomainError Invalid(string text) => DomainError.Of(CaseErrorCodes.DateInvalid, $"'{text}' isn't a real date. {FormatHelp}", text);

    private static bool IsValid(int year, int month, int day) =>
        year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    private static int? MonthOf(string name)
    {
        foreach (var (monthName, month) in MonthNames)
        {
            if (monthName.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return month;
            }
        }

        return null;
    }

    private static int Number(Match match, string group) =>
        int.Parse(match.Groups[group].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);

    private static string Words(DateOnly date) => $"{date.Day} {EnglishMonths[date.Month - 1]}";

    [GeneratedRegex(@"^(?<y>[0-9]{4})-(?<m>[0-9]{1,2})$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoMonthPattern();

    [GeneratedRegex(@"^(?<m>\p{L}+)\.?,?\s+(?<y>[0-9]{4})$", RegexOptions.CultureInvariant)]
    private static partial Regex NamedMonthPattern();

    [GeneratedRegex(@"^(?<y>[0-9]{4})-(?<m>[0-9]{1,2})-(?<d>[0-9]{1,2})$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoPattern();

    [GeneratedRegex(@"^(?<a>[0-9]{1,2})[/.\-](?<b>[0-9]{1,2})[/.\-](?<y>[0-9]{4})$", RegexOptions.CultureInvariant)]
    private static partial Regex NumericPattern();

    // "1 May 2024", "1 May, 2024", "1st May 2024", "1-May-2024"; in French "1 mai 2024", "1er mai 2024", "le 1er mai 2024", "1 févr. 2024"
    [GeneratedRegex(@"^(?:le\s+)?(?<d>[0-9]{1,2})(?:st|nd|rd|th|er)?[\s\-]+(?<m>\p{L}+)\.?,?[\s\-]+(?<y>[0-9]{4})$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DayMonthPattern();

    // "May 1, 2024", "May 1 2024", "Sept. 1, 2024"
    [GeneratedRegex(@"^(?<m>[a-z]+)\.?\s+(?<d>[0-9]{1,2})(?:st|nd|rd|th)?,?\s+(?<y>[0-9]{4})$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex MonthDayPattern();
}
