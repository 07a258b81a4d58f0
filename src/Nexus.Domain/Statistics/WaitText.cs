using System.Globalization;
using Nexus.Domain.Common;

namespace Nexus.Domain.Statistics;

/// <summary>
/// Waits in words for embeds and feeds: "same day", "3 days", "7 weeks", "5 months", "more than 7 weeks". The
/// unit and the rounding are decided here, in every language; the words come from <see cref="IWaitWords"/>
/// (English unless the caller passes another language's).
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
    public static string Days(int days, IWaitWords? words = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var unit = UnitOf(days, moreThan: false);
        return (words ?? EnglishWaitWords.Instance).Units(unit, Count(days, unit, roundDown: false));
    }

    /// <summary>A lower bound, e.g. "more than 7 weeks".</summary>
    public static string MoreThan(int days, IWaitWords? words = null) => Format(WaitQuantile.Exceeds(days), words);

    /// <summary>A quantile as text, with "more than" when it is only a lower bound, and "same day" for no wait.</summary>
    public static string Format(WaitQuantile quantile, IWaitWords? words = null) => Format(quantile, UnitOf(quantile), words);

    /// <summary>A quantile written in <paramref name="unit"/>, so that several figures on one line share it.</summary>
    public static string Format(WaitQuantile quantile, WaitUnit unit, IWaitWords? words = null)
    {
        ArgumentNullException.ThrowIfNull(quantile);
        words ??= EnglishWaitWords.Instance;
        var count = Count(quantile.Days, unit, quantile.MoreThan);
        if (!quantile.MoreThan && unit == WaitUnit.Days && count == 0)
        {
            return words.SameDay;
        }

        var text = words.Units(unit, count);
        return quantile.MoreThan ? words.MoreThan(text) : text;
    }

    /// <summary>
    /// A range in one unit, e.g. "7–18 weeks", "7–30+ weeks" when the late end is only a lower bound, or
    /// "about 9 weeks" when both ends read the same.
    /// </summary>
    public static string Range(WaitQuantile low, WaitQuantile high, WaitUnit unit, IWaitWords? words = null)
    {
        ArgumentNullException.ThrowIfNull(low);
        ArgumentNullException.ThrowIfNull(high);
        words ??= EnglishWaitWords.Instance;
        if (low.MoreThan)
        {
            return Format(low, unit, words);
        }

        var from = Count(low.Days, unit, roundDown: false);
        var to = Count(high.Days, unit, high.MoreThan);
        if (high.MoreThan && to <= from)
        {
            return words.AtLeast(unit, from);
        }

        if (from >= to)
        {
            return unit == WaitUnit.Days && from == 0 ? words.SameDay : words.About(words.Units(unit, from));
        }

        return words.Range(unit, from, to, openEnded: high.MoreThan);
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

/// <summary>The words of waits in one language; <see cref="WaitText"/> decides the unit and the number.</summary>
public interface IWaitWords
{
    /// <summary>No wait at all: "same day".</summary>
    string SameDay { get; }

    /// <summary>A count of a unit: "1 day", "7 weeks", "0 days".</summary>
    string Units(WaitUnit unit, int count);

    /// <summary>A lower bound of <paramref name="wait"/>: "more than 7 weeks".</summary>
    string MoreThan(string wait);

    /// <summary>A range whose ends read the same: "about 9 weeks".</summary>
    string About(string wait);

    /// <summary>A range in one unit: "7–18 weeks", or "7–30+ weeks" when its end is only a lower bound.</summary>
    string Range(WaitUnit unit, int from, int to, bool openEnded);

    /// <summary>An open range that starts where its bound is: "30+ weeks".</summary>
    string AtLeast(WaitUnit unit, int from);
}

/// <summary>English waits, the domain's own language (logs, CSV, the JSON verb, and the bot's English replies).</summary>
public sealed class EnglishWaitWords : IWaitWords
{
    /// <summary>The one instance.</summary>
    public static EnglishWaitWords Instance { get; } = new();

    /// <inheritdoc />
    public string SameDay => "same day";

    /// <inheritdoc />
    public string Units(WaitUnit unit, int count) => Quantity.Of(WaitText.UnitName(unit), count);

    /// <inheritdoc />
    public string MoreThan(string wait) => "more than " + wait;

    /// <inheritdoc />
    public string About(string wait) => "about " + wait;

    /// <inheritdoc />
    public string Range(WaitUnit unit, int from, int to, bool openEnded) =>
        string.Create(CultureInfo.InvariantCulture, $"{from}–{to}{(openEnded ? "+" : string.Empty)} {Quantity.Noun(WaitText.UnitName(unit), to)}");

    /// <inheritdoc />
    public string AtLeast(WaitUnit unit, int from) =>
        string.Create(CultureInfo.InvariantCulture, $"{from}+ {Quantity.Noun(WaitText.UnitName(unit), from)}");
}
