using Nexus.Domain.Cases;

namespace Nexus.Domain.Tests.Statistics;

/// <summary>Small builders for test cases, so each test shows only the dates it is about.</summary>
internal static class StatsCases
{
    private static long s_next = 1;

    public static CaseFacts Case(
        Timeline timeline,
        ApplicationType type = ApplicationType.Initial,
        ApplicantStatus status = ApplicantStatus.CaCitizen,
        string? centre = null) =>
        new(Interlocked.Increment(ref s_next), type, status, centre, timeline);

    /// <summary>An initial application that got conditional approval <paramref name="wait"/> days after applying.</summary>
    public static CaseFacts FinishedCa(DateOnly applied, int wait, ApplicantStatus status = ApplicantStatus.CaCitizen, ApplicationType type = ApplicationType.Initial, string? centre = null) =>
        Case(new Timeline(applied, Conditional: applied.AddDays(wait)), type, status, centre);

    /// <summary>An application still waiting for conditional approval.</summary>
    public static CaseFacts Pending(DateOnly applied, ApplicantStatus status = ApplicantStatus.CaCitizen, ApplicationType type = ApplicationType.Initial, string? centre = null) =>
        Case(new Timeline(applied), type, status, centre);
}
