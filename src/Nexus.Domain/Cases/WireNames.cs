namespace Nexus.Domain.Cases;

/// <summary>
/// The stable lowercase names of the domain's enums, as members type them, as commands offer them
/// as choices, and as CSV and JSON output write them. One table each, so parsing and printing agree.
/// </summary>
public static class WireNames
{
    private static readonly (ApplicationType Value, string Name, string Display)[] Types =
    [
        (ApplicationType.Initial, "initial", "Initial application"),
        (ApplicationType.Renewal, "renewal", "Renewal"),
    ];

    private static readonly (ApplicantStatus Value, string Name, string Display)[] Statuses =
    [
        (ApplicantStatus.UsCitizen, "us-citizen", "U.S. citizen"),
        (ApplicantStatus.CaCitizen, "ca-citizen", "Canadian citizen"),
        (ApplicantStatus.UsPermanentResident, "us-pr", "U.S. permanent resident"),
        (ApplicantStatus.CaPermanentResident, "ca-pr", "Canadian permanent resident"),
        (ApplicantStatus.MexicanNational, "mx-national", "Mexican national (Viajero Confiable)"),
    ];

    private static readonly (Milestone Value, string Name, string Display)[] Milestones =
    [
        (Milestone.Applied, "applied", "Applied"),
        (Milestone.Conditional, "conditional", "Conditional approval"),
        (Milestone.InterviewCa, "interview-ca", "Interview (Canadian half)"),
        (Milestone.InterviewUs, "interview-us", "Interview (U.S. half)"),
        (Milestone.Approved, "approved", "Approved"),
        (Milestone.Card, "card", "Card received"),
        (Milestone.Denied, "denied", "Denied"),
    ];

    private static readonly (MilestoneInput Value, string Name, string Display)[] Inputs =
    [
        (MilestoneInput.Conditional, "conditional", "Conditional approval"),
        (MilestoneInput.Interview, "interview", "Interview (joint, both halves)"),
        (MilestoneInput.InterviewCa, "interview-ca", "Interview, Canadian half"),
        (MilestoneInput.InterviewUs, "interview-us", "Interview, U.S. half"),
        (MilestoneInput.Approved, "approved", "Approved"),
        (MilestoneInput.Card, "card", "Card received"),
        (MilestoneInput.Denied, "denied", "Denied"),
    ];

    private static readonly (CaseStatus Value, string Name, string Display)[] CaseStatuses =
    [
        (CaseStatus.PendingReview, "pending-review", "Pending review"),
        (CaseStatus.ConditionallyApproved, "conditionally-approved", "Conditionally approved"),
        (CaseStatus.InterviewScheduled, "interview-scheduled", "Interview scheduled"),
        (CaseStatus.Interviewed, "interviewed", "Interviewed, awaiting decision"),
        (CaseStatus.Approved, "approved", "Approved"),
        (CaseStatus.CardReceived, "card-received", "Card received"),
        (CaseStatus.Denied, "denied", "Denied"),
    ];

    /// <summary>Every application type with its wire name and display name, in definition order.</summary>
    public static IReadOnlyList<(ApplicationType Value, string Name, string Display)> AllTypes => Types;

    /// <summary>Every applicant status with its wire name and display name, in definition order.</summary>
    public static IReadOnlyList<(ApplicantStatus Value, string Name, string Display)> AllStatuses => Statuses;

    /// <summary>Every stored milestone with its wire name and display name, in timeline order.</summary>
    public static IReadOnlyList<(Milestone Value, string Name, string Display)> AllMilestones => Milestones;

    /// <summary>Every milestone a member may update or clear, with wire and display names.</summary>
    public static IReadOnlyList<(MilestoneInput Value, string Name, string Display)> AllMilestoneInputs => Inputs;

    /// <summary>Every case status with its wire and display names.</summary>
    public static IReadOnlyList<(CaseStatus Value, string Name, string Display)> AllCaseStatuses => CaseStatuses;

    /// <summary>The wire name, e.g. <c>renewal</c>.</summary>
    public static string Name(this ApplicationType value) => Find(Types, value).Name;

    /// <summary>The wire name, e.g. <c>us-pr</c>.</summary>
    public static string Name(this ApplicantStatus value) => Find(Statuses, value).Name;

    /// <summary>The wire name, e.g. <c>interview-ca</c>.</summary>
    public static string Name(this Milestone value) => Find(Milestones, value).Name;

    /// <summary>The wire name, e.g. <c>interview</c>.</summary>
    public static string Name(this MilestoneInput value) => Find(Inputs, value).Name;

    /// <summary>The wire name, e.g. <c>pending-review</c>.</summary>
    public static string Name(this CaseStatus value) => Find(CaseStatuses, value).Name;

    /// <summary>The display name, e.g. <c>Renewal</c>.</summary>
    public static string Display(this ApplicationType value) => Find(Types, value).Display;

    /// <summary>The display name, e.g. <c>U.S. permanent resident</c>.</summary>
    public static string Display(this ApplicantStatus value) => Find(Statuses, value).Display;

    /// <summary>The display name, e.g. <c>Conditional approval</c>.</summary>
    public static string Display(this Milestone value) => Find(Milestones, value).Display;

    /// <summary>The display name of a milestone input.</summary>
    public static string Display(this MilestoneInput value) => Find(Inputs, value).Display;

    /// <summary>The display name, e.g. <c>Pending review</c>.</summary>
    public static string Display(this CaseStatus value) => Find(CaseStatuses, value).Display;

    /// <summary>Parses a wire name or display name, case-insensitively.</summary>
    public static bool TryParseType(string? text, out ApplicationType value) => TryParse(Types, text, out value);

    /// <summary>Parses a wire name or display name, case-insensitively.</summary>
    public static bool TryParseStatus(string? text, out ApplicantStatus value) => TryParse(Statuses, text, out value);

    /// <summary>Parses a wire name or display name, case-insensitively.</summary>
    public static bool TryParseMilestoneInput(string? text, out MilestoneInput value) => TryParse(Inputs, text, out value);

    private static (T Value, string Name, string Display) Find<T>((T Value, string Name, string Display)[] table, T value)
        where T : struct, Enum
    {
        foreach (var row in table)
        {
            if (EqualityComparer<T>.Default.Equals(row.Value, value))
            {
                return row;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(value), value, "Not a defined value.");
    }

    private static bool TryParse<T>((T Value, string Name, string Display)[] table, string? text, out T value)
        where T : struct, Enum
    {
        var trimmed = text?.Trim();
        foreach (var row in table)
        {
            if (string.Equals(row.Name, trimmed, StringComparison.OrdinalIgnoreCase)
                || string.Equals(row.Display, trimmed, StringComparison.OrdinalIgnoreCase))
            {
                value = row.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}
