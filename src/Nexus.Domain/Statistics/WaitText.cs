using System.Globalization;
using Nexus.Domain.Common;

namespace Nexus.Domain.Statistics;

/// <summary>
/// Waits in plain English for embeds and feeds: "same day", "3 days", "7 weeks", "5 months", "more than 7 weeks".
/// </summary>
/// <remarks>
/// Precision follows how people talk about these waits: under two weeks in days, under about three months
/// in weeks, beyond that in months. Exact values are rounded to the nearest unit; "more than" bounds are
/// rounded down, so that "more than X" stays true, and a bound changes to months only once the number of
/// months says at least as much as the weeks did, so a bound that grows never reads smaller.
/// </remarks>
public static class WaitText
{
    /// <summary>Below this many days a wait is written in days.</summary>
    public const int WeeksFromDays = 14;

    /// <summary>From this many days (13 weeks, about three months) an exact wait is written in months.</summary>
    public const int MonthsFromDays = 91;

    /// <summary>
    /// From this many days a "more than" bound is written in months: the first day on which whole months
    /// rounded down (3, about 91.3 days) are no less than whole weeks rounded down (13, 91 days).
    /// </summary>
    public const int BoundMonthsFromDays = 92;

    /// <summary>The mean Gregorian month, so "12 months" stays close to a year.</summary>
    public const double DaysPerMonth = 365.2425 / 12;

    /// <summary>A wait of <paramref name="days"/> days, e.g. "3 days", "7 weeks", "5 months".</summary>
    public static string Days(int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        return Quantity.Of(UnitName(UnitOf(days, moreThan: false)), Count(days, UnitOf(days, moreThan: false), roundDown: false));
    }

    /// <summary>A lower bound, e.g. "more than 7 weeks".</summary>
    public static string MoreThan(int days) => Format(WaitQuantile.Exceeds(days));

    /// <summary>A quantile as text, with "more than" when it is only a lower bound, and "same day" for no wait.</summary>
    public static string Format(WaitQuantile quantile) => Format(quantile, UnitOf(quantile));

    /// <summary>A quantile written in <paramref name="unit"/>, so that several figures on one line share it.</summary>
    public static string Format(WaitQuantile quantile, WaitUnit unit)
    {
        ArgumentNullException.ThrowIfNull(quantile);
        var count = Count(quantile.Days, unit, quantile.MoreThan);
        if (!quantile.MoreThan && unit == WaitUnit.Days && count == 0)
        {
            return "same day";
        }

        var text = Quantity.Of(UnitName(unit), count);
        return quantile.MoreThan ? "more than " + text : text;
    }

    /// <summary>
    /// A range in one unit, e.g. "7–18 weeks", "7–30+ weeks" when the late end is only a lower bound, or
    /// "about 9 weeks" when both ends read the same.
    /// </summary>
    public static string Range(WaitQuantile low, WaitQuantile high, WaitUnit unit)
    {
        ArgumentNullException.ThrowIfNull(low);
        ArgumentNullException.ThrowIfNull(high);
        if (low.MoreThan)
        {
            return Format(low, unit);
        }

        var from = Count(low.Days, unit, roundDown: false);
        var to = Count(high.Days, unit, high.MoreThan);
        var plus = high.MoreThan ? "+" : string.Empty;
        if (high.MoreThan && to <= from)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{from}+ {Quantity.Noun(UnitName(unit), from)}");
        }

        if (from >= to)
        {
            return unit == WaitUnit.Days && from == 0 ? "same day" : "about " + Quantity.Of(UnitName(unit), from);
        }

        return string.Create(CultureInfo.InvariantCulture, $"{from}–{to}{plus} {Quantity.Noun(UnitName(unit), to)}");
    }

    /// <summary>The unit a wait reads best in: days under two weeks, weeks under about three months, then months.</summary>
    public static WaitUnit UnitOf(WaitQuantile quantile)
    {
        ArgumentNullException.ThrowIfNull(quantile);
        return UnitOf(quantile.Days, quantile.MoreThan);
    }

    /// <summary>A whole number of <paramref name="unit"/>s for <paramref name="days"/>, rounded (or rounded down for a bound).</summary>
    public static int Count(double days, WaitUnit unit, bool roundDown)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var value = unit switch
        {
            WaitUnit.Days => days,
            WaitUnit.Weeks => days / 7,
            _ => days / DaysPerMonth,
        };
        return (int)(roundDown ? Math.Floor(value + 1e-9) : Math.Round(value, MidpointRounding.AwayFromZero));
    }

    /// <summary>The unit's singular noun: "day", "week", "month".</summary>
    public static string UnitName(WaitUnit unit) => unit switch
    {
        WaitUnit.Days => "day",
        WaitUnit.Weeks => "week",
        _ => "month",
    };

    private static WaitUnit UnitOf(double days, bool moreThan)
    {
        // Exact waits are rounded, so the switch goes by the value rounded to whole days.
        var whole = moreThan ? Math.Floor(days) : Math.Round(days, MidpointRounding.AwayFromZero);
        if (whole < WeeksFromDays)
        {
            return WaitUnit.Days;
        }

        return whole < (moreThan ? BoundMonthsFromDays : MonthsFromDays) ? WaitUnit.Weeks : WaitUnit.Months;
    }

    /// <summary>A calendar date as members read it, e.g. "1 May 2024" (never a Discord timestamp).</summary>
    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}

/// <summary>The unit a wait is written in.</summary>
public enum WaitUnit
{
    /// <summary>Days, for waits under two weeks.</summary>
    Days,

    /// <summary>Weeks, for waits under about three months.</summary>
    Weeks,

    /// <summary>Months (of 30.44 days), beyond.</summary>
    Months,
}
