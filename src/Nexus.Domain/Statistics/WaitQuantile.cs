namespace Nexus.Domain.Statistics;

/// <summary>
/// A wait read off the survival curve, in days: whole days, or a half day where the curve sits exactly at
/// the level read over an interval and the midpoint of that interval is taken. When the curve never falls
/// far enough (too many people still waiting), the true value is unknown but certainly larger than a wait
/// seen: then <see cref="MoreThan"/> is true and <see cref="Days"/> is that wait, to be shown as
/// "more than X", never as X.
/// </summary>
/// <param name="Days">The wait in days, or the lower bound when <paramref name="MoreThan"/> is true.</param>
/// <param name="MoreThan">True when the value is only known to exceed <paramref name="Days"/>.</param>
public sealed record WaitQuantile(double Days, bool MoreThan)
{
    /// <summary>An exactly known wait.</summary>
    public static WaitQuantile Exactly(double days) => new(days, false);

    /// <summary>A wait known only to exceed <paramref name="days"/>.</summary>
    public static WaitQuantile Exceeds(int days) => new(days, true);

    /// <summary>The wait rounded to whole days (a half day rounds up), for dates and day counts.</summary>
    public int WholeDays => (int)Math.Round(Days, MidpointRounding.AwayFromZero);

    /// <inheritdoc />
    public override string ToString() => WaitText.Format(this);
}
