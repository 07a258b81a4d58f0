namespace Nexus.Domain.Cases;

/// <summary>Whether the case is a first application or the renewal of a membership.</summary>
public enum ApplicationType
{
    /// <summary>A first application (wire value <c>initial</c>).</summary>
    Initial = 0,

    /// <summary>A renewal (wire value <c>renewal</c>). Renewals may skip conditional approval and the interview.</summary>
    Renewal = 1,
}

/// <summary>The applicant's coarse status; no finer personal data is ever asked.</summary>
public enum ApplicantStatus
{
    /// <summary>U.S. citizen (<c>us-citizen</c>).</summary>
    UsCitizen = 0,

    /// <summary>Canadian citizen (<c>ca-citizen</c>).</summary>
    CaCitizen = 1,

    /// <summary>U.S. lawful permanent resident (<c>us-pr</c>).</summary>
    UsPermanentResident = 2,

    /// <summary>Canadian permanent resident (<c>ca-pr</c>).</summary>
    CaPermanentResident = 3,

    /// <summary>Mexican national in Viajero Confiable (<c>mx-national</c>).</summary>
    MexicanNational = 4,
}

/// <summary>
/// A stored milestone of a case. The joint interview is not a milestone of its own: the input
/// <c>interview</c> sets both halves to the same date (see <see cref="MilestoneInput"/>).
/// </summary>
public enum Milestone
{
    /// <summary>Application submitted and paid (<c>applied</c>).</summary>
    Applied = 0,

    /// <summary>Conditional approval (<c>conditional</c>).</summary>
    Conditional = 1,

    /// <summary>The Canadian (CBSA) half of the interview (<c>interview-ca</c>).</summary>
    InterviewCa = 2,

    /// <summary>The U.S. (CBP) half of the interview (<c>interview-us</c>).</summary>
    InterviewUs = 3,

    /// <summary>Approved (<c>approved</c>).</summary>
    Approved = 4,

    /// <summary>Card received (<c>card</c>).</summary>
    Card = 5,

    /// <summary>Denied (<c>denied</c>); terminal.</summary>
    Denied = 6,
}

/// <summary>What a member may name in <c>/mycase update</c> and <c>/mycase clear</c>.</summary>
public enum MilestoneInput
{
    /// <summary><c>conditional</c></summary>
    Conditional = 0,

    /// <summary><c>interview</c>: a joint interview, which sets both halves.</summary>
    Interview = 1,

    /// <summary><c>interview-ca</c></summary>
    InterviewCa = 2,

    /// <summary><c>interview-us</c></summary>
    InterviewUs = 3,

    /// <summary><c>approved</c></summary>
    Approved = 4,

    /// <summary><c>card</c></summary>
    Card = 5,

    /// <summary><c>denied</c></summary>
    Denied = 6,
}

/// <summary>The status of a case, always derived from its milestones and never stored apart from them.</summary>
public enum CaseStatus
{
    /// <summary>Applied, waiting for conditional approval.</summary>
    PendingReview = 0,

    /// <summary>Conditionally approved, interview not (fully) booked or done.</summary>
    ConditionallyApproved = 1,

    /// <summary>An interview half is dated in the future.</summary>
    InterviewScheduled = 2,

    /// <summary>Both interview halves done, waiting for the decision.</summary>
    Interviewed = 3,

    /// <summary>Approved, card not yet received.</summary>
    Approved = 4,

    /// <summary>Card received.</summary>
    CardReceived = 5,

    /// <summary>Denied; terminal.</summary>
    Denied = 6,
}
