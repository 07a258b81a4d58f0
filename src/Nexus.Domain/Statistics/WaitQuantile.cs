namespace Nexus.Domain.Statistics;

/// <summary>
/// A wait read off the survival curve, in whole days. When the curve never falls far enough (too many
/// people still waiting), the true value is unknown but certainly larger than the longest wait seen:
/// then <see cref="MoreThan"/> is true and <see cref="Days"/> is that longest wait, to be shown as
/// "more than X", never as X.
/// </summary>
/// <param name="Days">The wait in days, or the lower bound when <paramref name="MoreThan"/> is true.</param>
/// <param name="MoreThan">True when the value is only known to exceed <paramref name="Days"/>.</param>
public sealed record WaitQuantile(int Days, bool MoreThan)
{
    /// <summary>An exactly known wait.</summary>
    public static WaitQuantile Exactly(int days) => new(days, false);

    /// <summary>A wait known only to exceed <paramref name="days"/>.</summary>
    public static WaitQuantile Exceeds(int days) => new(days, true);

    /// <inheritdoc />
    public override string ToString() => WaitText.Format(this);
}
