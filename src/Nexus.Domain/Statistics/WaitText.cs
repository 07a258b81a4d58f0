using System.Globalization;
using Nexus.Domain.Common;

namespace Nexus.Domain.Statistics;

/// <summary>
/// Waits in plain English for embeds and feeds: "3 days", "7 weeks", "5 months", "more than 7 weeks".
/// </summary>
/// <remarks>
/// Precision follows how people talk about these waits: under two weeks in days, under about three months
/// in weeks, beyond that in months. Exact values are rounded to the nearest unit; "more than" bounds are
/// rounded down, so that "more than X" stays true.
/// </remarks>
public static class WaitText
{
    /// <summary>Below this many days a wait is written in days.</summary>
    public const int WeeksFromDays = 14;

    /// <summary>From this many days (13 weeks, about three months) a wait is written in months.</summary>
    public const int MonthsFromDays = 91;

    // The mean Gregorian month, so "12 months" stays close to a year.
    private const double DaysPerMonth = 365.2425 / 12;

    /// <summary>A wait of <paramref name="days"/> days, e.g. "3 days", "7 weeks", "5 months".</summary>
    public static string Days(int days) => Write(days, roundDown: false);

    /// <summary>A lower bound, e.g. "more than 7 weeks".</summary>
    public static string MoreThan(int days) => "more than " + Write(days, roundDown: true);

    /// <summary>A quantile as text, with "more than" when it is only a lower bound.</summary>
    public static string Format(WaitQuantile quantile)
    {
        ArgumentNullException.ThrowIfNull(quantile);
        return quantile.MoreThan ? MoreThan(quantile.Days) : Days(quantile.Days);
    }

    /// <summary>A short form for charts: "9 d", "7 wk", and "&gt;7 wk" for a lower bound.</summary>
    public static string Compact(WaitQuantile quantile)
    {
        ArgumentNullException.ThrowIfNull(quantile);
        var days = quantile.Days;
        var text = days < WeeksFromDays
            ? days.ToString(CultureInfo.InvariantCulture) + " d"
            : Weeks(days, quantile.MoreThan).ToString(CultureInfo.InvariantCulture) + " wk";
        return quantile.MoreThan ? ">" + text : text;
    }

    /// <summary>A calendar date as members read it, e.g. "1 May 2024" (never a Discord timestamp).</summary>
    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    private static string Write(int days, bool roundDown)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        if (days < WeeksFromDays)
        {
            return Quantity.Of("day", days);
        }

        if (days < MonthsFromDays)
        {
            return Quantity.Of("week", Weeks(days, roundDown));
        }

        var months = days / DaysPerMonth;
        return Quantity.Of("month", (int)(roundDown ? Math.Floor(months) : Math.Round(months, MidpointRounding.AwayFromZero)));
    }

    private static int Weeks(int days, bool roundDown) =>
        roundDown ? days / 7 : (int)Math.Round(days / 7.0, MidpointRounding.AwayFromZero);
}
