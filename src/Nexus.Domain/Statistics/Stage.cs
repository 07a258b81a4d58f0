namespace Nexus.Domain.Statistics;

/// <summary>
/// A stretch of the process whose wait the statistics measure, from the day a case reaches the
/// stage's start to the day it reaches the stage's end.
/// </summary>
public enum Stage
{
    /// <summary>From the application date to conditional approval (<c>applied-conditional</c>).</summary>
    AppliedToConditional = 0,

    /// <summary>From conditional approval to the day both interview halves are done (<c>conditional-interview</c>).</summary>
    ConditionalToInterview = 1,

    /// <summary>From the completed interview to approval (<c>interview-approved</c>).</summary>
    InterviewToApproved = 2,

    /// <summary>From approval to the card in hand (<c>approved-card</c>).</summary>
    ApprovedToCard = 3,

    /// <summary>The whole process, from the application date to the card in hand (<c>applied-card</c>).</summary>
    AppliedToCard = 4,
}

/// <summary>Stable wire names and display names of <see cref="Stage"/>, as JSON output and embeds write them.</summary>
public static class StageNames
{
    private static readonly (Stage Value, string Name, string Display, string End)[] Table =
    [
        (Stage.AppliedToConditional, "applied-conditional", "Applied → conditional approval", "conditional approval"),
        (Stage.ConditionalToInterview, "conditional-interview", "Conditional approval → interview done", "interview"),
        (Stage.InterviewToApproved, "interview-approved", "Interview → approved", "approval"),
        (Stage.ApprovedToCard, "approved-card", "Approved → card received", "card"),
        (Stage.AppliedToCard, "applied-card", "Applied → card received (whole process)", "card"),
    ];

    /// <summary>Every stage in process order (the whole process last), which is also the order of the enum's values: arrays indexed by <c>(int)stage</c> line up with it.</summary>
    public static IReadOnlyList<Stage> All { get; } = [.. Table.Select(row => row.Value)];

    /// <summary>The wire name, e.g. <c>applied-conditional</c>.</summary>
    public static string Name(this Stage stage) => Find(stage).Name;

    /// <summary>The display name, e.g. <c>Applied → conditional approval</c>.</summary>
    public static string Display(this Stage stage) => Find(stage).Display;

    /// <summary>What the member waits for in this stage, in lower case, e.g. <c>conditional approval</c>.</summary>
    public static string EndDisplay(this Stage stage) => Find(stage).End;

    /// <summary>Parses a wire name, case-insensitively.</summary>
    public static bool TryParse(string? text, out Stage stage)
    {
        var trimmed = text?.Trim();
        foreach (var row in Table)
        {
            if (string.Equals(row.Name, trimmed, StringComparison.OrdinalIgnoreCase))
            {
                stage = row.Value;
                return true;
            }
        }

        stage = default;
        return false;
    }

    private static (Stage Value, string Name, string Display, string End) Find(Stage stage)
    {
        foreach (var row in Table)
        {
            if (row.Value == stage)
            {
                return row;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(stage), stage, "Not a defined stage.");
    }
}
