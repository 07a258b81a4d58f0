using Nexus.Domain.Statistics;

namespace Nexus.Domain.Moderation;

/// <summary>Which review findings a prune takes out of statistics.</summary>
public enum PruneRule
{
    /// <summary>Cases with a statistical outlier wait (<c>outliers</c>).</summary>
    Outliers = 0,

    /// <summary>Stale cases: unfinished and unchanged for 18 months (<c>stale</c>).</summary>
    Stale = 1,

    /// <summary>Cases that break a timeline rule or have an impossible wait (<c>invalid</c>).</summary>
    Invalid = 2,
}

/// <summary>Wire names of <see cref="PruneRule"/>.</summary>
public static class PruneRules
{
    /// <summary>Every rule with its wire name, for command choices.</summary>
    public static IReadOnlyList<(PruneRule Value, string Name)> All { get; } =
        [(PruneRule.Outliers, "outliers"), (PruneRule.Stale, "stale"), (PruneRule.Invalid, "invalid")];

    /// <summary>The wire name, e.g. <c>outliers</c>.</summary>
    public static string Name(this PruneRule rule) => All.First(r => r.Value == rule).Name;

    /// <summary>Parses a wire name, case-insensitively.</summary>
    public static bool TryParse(string? text, out PruneRule rule)
    {
        foreach (var (value, name) in All)
        {
            if (string.Equals(name, text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                rule = value;
                return true;
            }
        }

        rule = default;
        return false;
    }

    /// <summary>
    /// What the rule excludes of a matching entry: the stages of its outlier or impossible-wait findings, or the
    /// whole case (<see cref="StageSet.None"/>) for a broken timeline or a stale case.
    /// </summary>
    public static StageSet Targets(this PruneRule rule, ReviewEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return rule switch
        {
            PruneRule.Outliers => entry.Offending(ReviewReason.Outlier),
            PruneRule.Invalid => entry.Offending(ReviewReason.Invalid, ReviewReason.ImpossibleWait),
            _ => StageSet.None,
        };
    }

    /// <summary>The reason a prune records in the log (and a member is told), in plain words.</summary>
    public static string Reason(this PruneRule rule) => rule switch
    {
        PruneRule.Outliers => "a wait far from this server's usual ones (outliers rule)",
        PruneRule.Stale => "unfinished and unchanged for a long time (stale rule)",
        _ => "dates that break the timeline rules (invalid rule)",
    };

    /// <summary>True when the review entry is one the rule prunes.</summary>
    public static bool Matches(this PruneRule rule, ReviewEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return rule switch
        {
            PruneRule.Outliers => entry.Has(ReviewReason.Outlier),
            PruneRule.Stale => entry.Has(ReviewReason.Stale),
            PruneRule.Invalid => entry.Has(ReviewReason.Invalid) || entry.Has(ReviewReason.ImpossibleWait),
            _ => false,
        };
    }
}

/// <summary>How one stage's <c>/stats</c> median moves if the prune is applied.</summary>
/// <param name="Stage">The stage.</param>
/// <param name="Before">The median now (null: not enough data).</param>
/// <param name="After">The median without the pruned cases (null: not enough data).</param>
/// <param name="FinishedBefore">Finished waits of the stage counted now.</param>
/// <param name="FinishedAfter">Finished waits of the stage counted after the prune.</param>
public sealed record MedianChange(Stage Stage, WaitQuantile? Before, WaitQuantile? After, int FinishedBefore, int FinishedAfter);

/// <summary>What a prune would do, shown before the moderator confirms.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Count">How many cases it would exclude.</param>
/// <param name="Sample">Up to 10 of them, with their reasons.</param>
/// <param name="Medians">The default <c>/stats</c> medians, before and after, of the stages the prune changes and of the whole process.</param>
/// <param name="DataVersion">The server's data version the preview was computed from; confirming is refused once it moved.</param>
public sealed record PrunePreview(PruneRule Rule, int Count, IReadOnlyList<ReviewEntry> Sample, IReadOnlyList<MedianChange> Medians, long DataVersion);

/// <summary>A prune that was applied.</summary>
/// <param name="Action">The audit-log entry (its id undoes the prune).</param>
/// <param name="Count">How many cases were excluded.</param>
public sealed record PruneResult(ModerationLogEntry Action, int Count);
