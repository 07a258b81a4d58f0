namespace Nexus.Domain.Cases;

/// <summary>
/// The milestone dates of one case: plain calendar dates, never instants. Immutable; the rules
/// produce a new timeline for every accepted change. Status and waits are derived from it.
/// </summary>
/// <param name="Applied">Application date (always set).</param>
/// <param name="Conditional">Conditional approval.</param>
/// <param name="InterviewCa">Canadian half of the interview (may be in the future).</param>
/// <param name="InterviewUs">U.S. half of the interview (may be in the future).</param>
/// <param name="Approved">Approval.</param>
/// <param name="Card">Card received.</param>
/// <param name="Denied">Denial; terminal.</param>
public sealed record Timeline(
    DateOnly Applied,
    DateOnly? Conditional = null,
    DateOnly? InterviewCa = null,
    DateOnly? InterviewUs = null,
    DateOnly? Approved = null,
    DateOnly? Card = null,
    DateOnly? Denied = null)
{
    /// <summary>The date of one milestone, or null when it has not been recorded.</summary>
    public DateOnly? Get(Milestone milestone) => milestone switch
    {
        Milestone.Applied => Applied,
        Milestone.Conditional => Conditional,
        Milestone.InterviewCa => InterviewCa,
        Milestone.InterviewUs => InterviewUs,
        Milestone.Approved => Approved,
        Milestone.Card => Card,
        Milestone.Denied => Denied,
        _ => throw new ArgumentOutOfRangeException(nameof(milestone), milestone, null),
    };

    /// <summary>A copy with one milestone set (or cleared with null). Applied cannot be cleared.</summary>
    public Timeline With(Milestone milestone, DateOnly? date) => milestone switch
    {
        Milestone.Applied => this with { Applied = date ?? throw new ArgumentNullException(nameof(date), "The application date cannot be cleared.") },
        Milestone.Conditional => this with { Conditional = date },
        Milestone.InterviewCa => this with { InterviewCa = date },
        Milestone.InterviewUs => this with { InterviewUs = date },
        Milestone.Approved => this with { Approved = date },
        Milestone.Card => this with { Card = date },
        Milestone.Denied => this with { Denied = date },
        _ => throw new ArgumentOutOfRangeException(nameof(milestone), milestone, null),
    };

    /// <summary>
    /// The day the interview was complete (the later half) when both halves are recorded, else null.
    /// Whether that day has passed is for the caller to judge against "today".
    /// </summary>
    public DateOnly? InterviewCompleted =>
        InterviewCa is { } ca && InterviewUs is { } us ? (ca > us ? ca : us) : null;
}
