using System.Globalization;
using Nexus.Domain.Common;

namespace Nexus.Domain.Cases;

/// <summary>
/// The rules of a NEXUS timeline and the status derived from it. Pure functions of the timeline and
/// "today": the caller reads today from <see cref="TimeProvider"/>, so tests can move the clock.
/// Every broken rule is a <see cref="DomainError"/> whose message is written for the member.
/// </summary>
public static class CaseRules
{
    /// <summary>No date may be earlier than this: NEXUS has run as a joint programme since 2002, so anything older is a typo.</summary>
    public static readonly DateOnly EarliestDate = new(2002, 1, 1);

    /// <summary>How far ahead an interview may be booked; agencies open slots about a year ahead, so 18 months leaves room.</summary>
    public const int MaxInterviewMonthsAhead = 18;

    /// <summary>The fewest applicants on one application.</summary>
    public const int MinApplicants = 1;

    /// <summary>The most applicants on one application (a large family).</summary>
    public const int MaxApplicants = 10;

    /// <summary>
    /// The status as of <paramref name="today"/>: the furthest stage reached. The interview counts as done
    /// only when both halves are recorded and neither is in the future.
    /// </summary>
    public static CaseStatus DeriveStatus(Timeline timeline, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        if (timeline.Denied is not null)
        {
            return CaseStatus.Denied;
        }

        if (timeline.Card is not null)
        {
            return CaseStatus.CardReceived;
        }

        if (timeline.Approved is not null)
        {
            return CaseStatus.Approved;
        }

        if (timeline.InterviewCa > today || timeline.InterviewUs > today)
        {
            return CaseStatus.InterviewScheduled;
        }

        if (timeline.InterviewCompleted is not null)
        {
            return CaseStatus.Interviewed;
        }

        return timeline.Conditional is not null || timeline.InterviewCa is not null || timeline.InterviewUs is not null
            ? CaseStatus.ConditionallyApproved
            : CaseStatus.PendingReview;
    }

    /// <summary>The stored milestones a member's input sets or clears: <c>interview</c> means both halves.</summary>
    public static IReadOnlyList<Milestone> Targets(MilestoneInput input) => input switch
    {
        MilestoneInput.Conditional => [Milestone.Conditional],
        MilestoneInput.Interview => [Milestone.InterviewCa, Milestone.InterviewUs],
        MilestoneInput.InterviewCa => [Milestone.InterviewCa],
        MilestoneInput.InterviewUs => [Milestone.InterviewUs],
        MilestoneInput.Approved => [Milestone.Approved],
        MilestoneInput.Card => [Milestone.Card],
        MilestoneInput.Denied => [Milestone.Denied],
        _ => throw new ArgumentOutOfRangeException(nameof(input), input, null),
    };

    /// <summary>Checks the application date of a new case: between <see cref="EarliestDate"/> and today.</summary>
    public static DomainError? CheckApplicationDate(DateOnly applied, DateOnly today) =>
        CheckRange(Subject(Milestone.Applied), applied, today, mayBeFuture: false);

    /// <summary>Checks the number of applicants (1–10).</summary>
    public static DomainError? CheckApplicants(int applicants) =>
        applicants is < MinApplicants or > MaxApplicants
            ? DomainError.Of(CaseErrorCodes.Applicants, $"The number of applicants must be between {MinApplicants} and {MaxApplicants}.", MinApplicants, MaxApplicants)
            : null;

    /// <summary>Checks that a centre code, when given, names a known enrolment centre.</summary>
    public static DomainError? CheckCentre(string? centreCode, EnrolmentCentres centres)
    {
        ArgumentNullException.ThrowIfNull(centres);
        return centreCode is null || centres.Find(centreCode) is not null
            ? null
            : DomainError.Of(CaseErrorCodes.Centre, $"'{centreCode}' isn't a known enrolment centre; pick one from the list.", centreCode);
    }

    /// <summary>
    /// Sets (or replaces) a milestone's date and returns the new timeline, or the first rule it breaks.
    /// </summary>
    public static Result<Timeline> SetMilestone(ApplicationType type, Timeline timeline, MilestoneInput input, DateOnly date, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var targets = Targets(input);
        var isInterview = input is MilestoneInput.Interview or MilestoneInput.InterviewCa or MilestoneInput.InterviewUs;
        var subject = input == MilestoneInput.Interview ? new Phrase("subject.interview", "The interview") : Subject(targets[0]);

        if (CheckRange(subject, date, today, mayBeFuture: isInterview) is { } rangeError)
        {
            return rangeError;
        }

        // Denied is terminal: a correction of a date already recorded is fine, a new stage is not.
        if (timeline.Denied is { } denied && input != MilestoneInput.Denied && targets.Any(m => timeline.Get(m) is null))
        {
            return DomainError.Of(
                CaseErrorCodes.Denied,
                $"This case was denied on {Iso(denied)}, so nothing can be added after it; clear the denial first if it was recorded by mistake.",
                Iso(denied));
        }

        // An approved case is finished: a denial after it contradicts the agencies' own decision.
        if (input == MilestoneInput.Denied && (timeline.Card, timeline.Approved) is var (card, approved) && (card ?? approved) is { } decided)
        {
            return card is not null
                ? DomainError.Keyed(
                    CaseErrorCodes.AlreadyApproved,
                    $"A denial can't follow approval: your card was received on {Iso(decided)}. If that was recorded by mistake, clear it first.",
                    CaseErrorCodes.AlreadyApprovedCard,
                    Iso(decided))
                : DomainError.Of(
                    CaseErrorCodes.AlreadyApproved,
                    $"A denial can't follow approval: this case was approved on {Iso(decided)}. If that was recorded by mistake, clear it first.",
                    Iso(decided));
        }

        var updated = timeline;
        foreach (var target in targets)
        {
            updated = updated.With(target, date);
        }

        if (MissingPrerequisite(type, updated) is { } missing)
        {
            return DomainError.Of(
                CaseErrorCodes.Prerequisite,
                $"Add your {Noun(missing.Required)} first: {Reason(missing.Dependent, missing.Required)}.",
                Noun(missing.Required),
                Reason(missing.Dependent, missing.Required));
        }

        // Name the nearest milestone the date collides with: the latest one it must follow, else the
        // earliest one it must precede ("approval" rather than "application date" for a card).
        DomainError? after = null;
        DomainError? before = null;
        var rankTarget = Rank(targets[0]);
        foreach (var other in WireNames.AllMilestones)
        {
            if (targets.Contains(other.Value) || timeline.Get(other.Value) is not { } otherDate)
            {
                continue;
            }

            var rankOther = Rank(other.Value);
            if (rankOther < rankTarget && date < otherDate)
            {
                before = DomainError.Keyed(CaseErrorCodes.Order, $"{subject} can't be before your {Noun(other.Value)} ({Iso(otherDate)}).", CaseErrorCodes.OrderBefore, subject, Noun(other.Value), Iso(otherDate));
            }
            else if (rankOther > rankTarget && date > otherDate)
            {
                after ??= DomainError.Keyed(CaseErrorCodes.Order, $"{subject} can't be after your {Noun(other.Value)} ({Iso(otherDate)}).", CaseErrorCodes.OrderAfter, subject, Noun(other.Value), Iso(otherDate));
            }
        }

        if ((before ?? after) is { } orderError)
        {
            return orderError;
        }

        return updated;
    }

    /// <summary>
    /// Corrects the application date: between <see cref="EarliestDate"/> and today, and not after any
    /// other recorded milestone.
    /// </summary>
    public static Result<Timeline> SetApplicationDate(Timeline timeline, DateOnly date, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        if (CheckApplicationDate(date, today) is { } rangeError)
        {
            return rangeError;
        }

        foreach (var (milestone, _, _) in WireNames.AllMilestones)
        {
            if (milestone != Milestone.Applied && timeline.Get(milestone) is { } other && other < date)
            {
                return DomainError.Keyed(CaseErrorCodes.Order, $"{Subject(Milestone.Applied)} can't be after your {Noun(milestone)} ({Iso(other)}).", CaseErrorCodes.OrderAfter, Subject(Milestone.Applied), Noun(milestone), Iso(other));
            }
        }

        return timeline with { Applied = date };
    }

    /// <summary>
    /// Checks that a timeline suits an application type: an initial application's approval needs conditional
    /// approval and both interview halves, which a renewal may skip. Null when it does.
    /// </summary>
    public static DomainError? CheckType(ApplicationType type, Timeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        return MissingPrerequisite(type, timeline) is { } missing
            ? DomainError.Keyed(
                CaseErrorCodes.Prerequisite,
                $"As {(type == ApplicationType.Initial ? "an initial application" : "a renewal")}, your case would need your {Noun(missing.Required)} first: {Reason(missing.Dependent, missing.Required)}.",
                type == ApplicationType.Initial ? CaseErrorCodes.PrerequisiteInitial : CaseErrorCodes.PrerequisiteRenewal,
                Noun(missing.Required),
                Reason(missing.Dependent, missing.Required))
            : null;
    }

    /// <summary>
    /// Clears a milestone and returns the new timeline; refused when nothing is recorded, or when a later
    /// milestone still depends on it.
    /// </summary>
    public static Result<Timeline> ClearMilestone(ApplicationType type, Timeline timeline, MilestoneInput input)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var targets = Targets(input);
        var noun = input == MilestoneInput.Interview ? new Phrase("noun.interview", "interview") : Noun(targets[0]);
        if (targets.All(m => timeline.Get(m) is null))
        {
            return DomainError.Of(CaseErrorCodes.NotRecorded, $"Your case has no {noun} to clear.", noun);
        }

        var updated = timeline;
        foreach (var target in targets)
        {
            updated = updated.With(target, null);
        }

        if (MissingPrerequisite(type, updated) is { } missing)
        {
            return DomainError.Of(
                CaseErrorCodes.ClearDependency,
                $"You can't clear your {noun} while your {Noun(missing.Dependent)} is recorded; clear that first.",
                noun,
                Noun(missing.Dependent));
        }

        return updated;
    }

    private static DomainError? CheckRange(Phrase subject, DateOnly date, DateOnly today, bool mayBeFuture)
    {
        if (date < EarliestDate)
        {
            return DomainError.Of(CaseErrorCodes.TooEarly, $"{subject} can't be before {Iso(EarliestDate)}.", subject, Iso(EarliestDate));
        }

        if (date <= today)
        {
            return null;
        }

        if (!mayBeFuture)
        {
            return DomainError.Of(CaseErrorCodes.Future, $"{subject} can't be in the future (today is {Iso(today)}).", subject, Iso(today));
        }

        var latest = today.AddMonths(MaxInterviewMonthsAhead);
        return date > latest
            ? DomainError.Of(CaseErrorCodes.TooFar, $"{subject} can't be more than {MaxInterviewMonthsAhead} months ahead (the latest is {Iso(latest)}).", subject, MaxInterviewMonthsAhead, Iso(latest))
            : null;
    }

    // The first milestone whose prerequisite is missing. Interviews need conditional approval for every
    // type (the agencies only book interviews after it); only initial applications need the whole chain
    // before approval, because most renewals are approved straight from review.
    private static (Milestone Dependent, Milestone Required)? MissingPrerequisite(ApplicationType type, Timeline t)
    {
        if (t.InterviewCa is not null && t.Conditional is null)
        {
            return (Milestone.InterviewCa, Milestone.Conditional);
        }

        if (t.InterviewUs is not null && t.Conditional is null)
        {
            return (Milestone.InterviewUs, Milestone.Conditional);
        }

        if (type == ApplicationType.Initial && t.Approved is not null)
        {
            if (t.Conditional is null)
            {
                return (Milestone.Approved, Milestone.Conditional);
            }

            if (t.InterviewCa is null)
            {
                return (Milestone.Approved, Milestone.InterviewCa);
            }

            if (t.InterviewUs is null)
            {
                return (Milestone.Approved, Milestone.InterviewUs);
            }
        }

        return t.Card is not null && t.Approved is null ? (Milestone.Card, Milestone.Approved) : null;
    }

    private static Phrase Reason(Milestone dependent, Milestone required) => (dependent, required) switch
    {
        (Milestone.Card, _) => new("reason.card", "the card comes after approval"),
        (Milestone.Approved, _) => new("reason.approved", "an initial application is approved only after conditional approval and both interview halves"),
        _ => new("reason.interview", "an interview comes after conditional approval"),
    };

    // Interview halves share a rank: they may happen in either order or on the same day.
    private static int Rank(Milestone milestone) => milestone switch
    {
        Milestone.Applied => 0,
        Milestone.Conditional => 1,
        Milestone.InterviewCa or Milestone.InterviewUs => 2,
        Milestone.Approved => 3,
        Milestone.Card => 4,
        Milestone.Denied => 5,
        _ => throw new ArgumentOutOfRangeException(nameof(milestone), milestone, null),
    };

    private static Phrase Subject(Milestone milestone) => new("subject." + milestone.Name(), milestone switch
    {
        Milestone.Applied => "The application date",
        Milestone.Conditional => "Conditional approval",
        Milestone.InterviewCa => "The Canadian interview",
        Milestone.InterviewUs => "The U.S. interview",
        Milestone.Approved => "Approval",
        Milestone.Card => "The card date",
        Milestone.Denied => "The denial",
        _ => throw new ArgumentOutOfRangeException(nameof(milestone), milestone, null),
    });

    private static Phrase Noun(Milestone milestone) => new("noun." + milestone.Name(), milestone switch
    {
        Milestone.Applied => "application date",
        Milestone.Conditional => "conditional approval",
        Milestone.InterviewCa => "Canadian interview",
        Milestone.InterviewUs => "U.S. interview",
        Milestone.Approved => "approval",
        Milestone.Card => "card date",
        Milestone.Denied => "denial",
        _ => throw new ArgumentOutOfRangeException(nameof(milestone), milestone, null),
    });

    /// <summary>A date as members should type it back: ISO, culture-free.</summary>
    internal static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>The stable codes of case and date errors, for tests, logs and callers that branch on them.</summary>
public static class CaseErrorCodes
{
    /// <summary>A date before <see cref="CaseRules.EarliestDate"/>.</summary>
    public const string TooEarly = "date.too_early";

    /// <summary>A date in the future where only the past is allowed.</summary>
    public const string Future = "date.future";

    /// <summary>An interview more than 18 months ahead.</summary>
    public const string TooFar = "date.too_far";

    /// <summary>A date that could not be read.</summary>
    public const string DateFormat = "date.format";

    /// <summary>A numeric date that reads two ways.</summary>
    public const string DateAmbiguous = "date.ambiguous";

    /// <summary>A date that does not exist, such as 31 February.</summary>
    public const string DateInvalid = "date.invalid";

    /// <summary>Milestones out of order.</summary>
    public const string Order = "rule.order";

    /// <summary>Key of <see cref="Order"/>: a milestone before one it must follow.</summary>
    public const string OrderBefore = "rule.order.before";

    /// <summary>Key of <see cref="Order"/>: a milestone after one it must precede.</summary>
    public const string OrderAfter = "rule.order.after";

    /// <summary>A milestone recorded before the one it depends on.</summary>
    public const string Prerequisite = "rule.prerequisite";

    /// <summary>Key of <see cref="Prerequisite"/>: what an initial application would need, when changing the type.</summary>
    public const string PrerequisiteInitial = "rule.prerequisite.initial";

    /// <summary>Key of <see cref="Prerequisite"/>: what a renewal would need, when changing the type.</summary>
    public const string PrerequisiteRenewal = "rule.prerequisite.renewal";

    /// <summary>A milestone cleared while a later one depends on it.</summary>
    public const string ClearDependency = "rule.clear_dependency";

    /// <summary>A new milestone after a denial.</summary>
    public const string Denied = "rule.denied";

    /// <summary>A denial of a case already approved (or with its card).</summary>
    public const string AlreadyApproved = "rule.approved";

    /// <summary>Key of <see cref="AlreadyApproved"/>: the card is already received.</summary>
    public const string AlreadyApprovedCard = "rule.approved.card";

    /// <summary>Clearing a milestone that is not recorded.</summary>
    public const string NotRecorded = "milestone.not_recorded";

    /// <summary>Applicants outside 1–10.</summary>
    public const string Applicants = "case.applicants";

    /// <summary>An unknown enrolment centre code.</summary>
    public const string Centre = "case.centre";

    /// <summary>An edit that names nothing to change.</summary>
    public const string NothingToEdit = "case.nothing_to_edit";

    /// <summary>A second case for the same member in the same server.</summary>
    public const string Exists = "case.exists";

    /// <summary>No case (or none the member may see).</summary>
    public const string NotFound = "case.not_found";

    /// <summary>The member has no case of their own in this server yet.</summary>
    public const string NoCase = "case.none";

    /// <summary>Concurrent changes kept winning the race; the member should try again.</summary>
    public const string Busy = "case.busy";
}
