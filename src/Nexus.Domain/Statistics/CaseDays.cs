using Nexus.Domain.Cases;

namespace Nexus.Domain.Statistics;

/// <summary>
/// A timeline as day numbers (<see cref="DateOnly.DayNumber"/>), with <see cref="None"/> for a milestone not
/// recorded: 28 bytes and no references, so a server's million cases sit in one array the garbage
/// collector never has to trace, and the statistics compare integers rather than nullable dates.
/// </summary>
/// <param name="Applied">Application day (always set).</param>
/// <param name="Conditional">Conditional approval, or <see cref="None"/>.</param>
/// <param name="InterviewCa">Canadian half of the interview, or <see cref="None"/>.</param>
/// <param name="InterviewUs">U.S. half of the interview, or <see cref="None"/>.</param>
/// <param name="Approved">Approval, or <see cref="None"/>.</param>
/// <param name="Card">Card received, or <see cref="None"/>.</param>
/// <param name="Denied">Denial, or <see cref="None"/>.</param>
public readonly record struct CaseDays(int Applied, int Conditional, int InterviewCa, int InterviewUs, int Approved, int Card, int Denied)
{
    /// <summary>A milestone not recorded. Day numbers start at 0 (1 January of year 1), so no date is negative.</summary>
    public const int None = -1;

    /// <summary>
    /// The day both halves of the interview were done (the later one), or <see cref="None"/> while either
    /// half is missing; the same rule as <see cref="Timeline.InterviewCompleted"/>.
    /// </summary>
    public int InterviewCompleted => InterviewCa != None && InterviewUs != None ? Math.Max(InterviewCa, InterviewUs) : None;

    /// <summary>The day numbers of <paramref name="timeline"/>.</summary>
    public static CaseDays From(Timeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        return new(
            timeline.Applied.DayNumber,
            Day(timeline.Conditional),
            Day(timeline.InterviewCa),
            Day(timeline.InterviewUs),
            Day(timeline.Approved),
            Day(timeline.Card),
            Day(timeline.Denied));
    }

    /// <summary>A day number, or <see cref="None"/> for no date.</summary>
    public static int Day(DateOnly? date) => date is { } d ? d.DayNumber : None;
}
