using System.Globalization;
using System.Text.RegularExpressions;
using Nexus.Domain.Common;

namespace Nexus.Domain.Cases;

/// <summary>
/// Reads a calendar date as members type it. Accepts ISO dates, <c>today</c>, <c>yesterday</c> and
/// English month-name forms; refuses numeric forms that could be read two ways, because members come
/// from both sides of the border and 05/01/2024 means different days to them. Ranges are not checked
/// here: <see cref="CaseRules"/> does that with the milestone in hand.
/// </summary>
public static partial class DateInput
{
    private const string FormatHelp = "Dates look like 2024-05-01 (or 'today', or '1 May 2024').";

    // Invariant English on purpose: the bot's language is English whatever the host's culture is.
    private static readonly (string Name, int Month)[] MonthNames =
    [
        ("january", 1), ("jan", 1), ("february", 2), ("feb", 2), ("march", 3), ("mar", 3),
        ("april", 4), ("apr", 4), ("may", 5), ("june", 6), ("jun", 6), ("july", 7), ("jul", 7),
        ("august", 8), ("aug", 8), ("september", 9), ("sept", 9), ("sep", 9), ("october", 10), ("oct", 10),
        ("november", 11), ("nov", 11), ("december", 12), ("dec", 12),
    ];

    private static readonly string[] EnglishMonths =
    [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ];

    /// <summary>Parses <paramref name="text"/>; <paramref name="today"/> resolves <c>today</c> and <c>yesterday</c>.</summary>
    public static Result<DateOnly> Parse(string? text, DateOnly today)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Equals("today", StringComparison.OrdinalIgnoreCase))
        {
            return today;
        }

        if (trimmed.Equals("yesterday", StringComparison.OrdinalIgnoreCase))
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

    private static Result<DateOnly> ParseNumeric(string text, int first, int second, int year)
    {
        var monthFirstValid = IsValid(year, first, second);
        var dayFirstValid = IsValid(year, second, first);
        if (monthFirstValid && dayFirstValid && first != second)
        {
            var monthFirst = new DateOnly(year, first, second);
            var dayFirst = new DateOnly(year, second, first);
            return new DomainError(
                CaseErrorCodes.DateAmbiguous,
                $"'{text}' could be {Words(monthFirst)} or {Words(dayFirst)}; please write it year first, like {CaseRules.Iso(monthFirst)} or {CaseRules.Iso(dayFirst)}.");
        }

        // Only one reading is a real day (e.g. 25/12/2024), or both agree (05/05/2024): no doubt remains.
        if (monthFirstValid)
        {
            return new DateOnly(year, first, second);
        }

        return dayFirstValid
            ? new DateOnly(year, second, first)
            : new DomainError(CaseErrorCodes.DateInvalid, $"'{text}' isn't a real date. {FormatHelp}");
    }

    private static Result<DateOnly> Build(string text, int year, int month, int day) =>
        IsValid(year, month, day)
            ? new DateOnly(year, month, day)
            : new DomainError(CaseErrorCodes.DateInvalid, $"'{text}' isn't a real date. {FormatHelp}");

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

    [GeneratedRegex(@"^(?<y>[0-9]{4})-(?<m>[0-9]{1,2})-(?<d>[0-9]{1,2})$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoPattern();

    [GeneratedRegex(@"^(?<a>[0-9]{1,2})[/.\-](?<b>[0-9]{1,2})[/.\-](?<y>[0-9]{4})$", RegexOptions.CultureInvariant)]
    private static partial Regex NumericPattern();

    // "1 May 2024", "1 May, 2024", "1st May 2024", "1-May-2024"
    [GeneratedRegex(@"^(?<d>[0-9]{1,2})(?:st|nd|rd|th)?[\s\-]+(?<m>[a-z]+)\.?,?[\s\-]+(?<y>[0-9]{4})$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DayMonthPattern();

    // "May 1, 2024", "May 1 2024", "Sept. 1, 2024"
    [GeneratedRegex(@"^(?<m>[a-z]+)\.?\s+(?<d>[0-9]{1,2})(?:st|nd|rd|th)?,?\s+(?<y>[0-9]{4})$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex MonthDayPattern();
}
