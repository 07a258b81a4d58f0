using System.Globalization;
using Nexus.Domain.Cases;
using Nexus.Domain.Statistics;

namespace Nexus.Bot.Commands.MyCase;

/// <summary>
/// The first line of a <c>/mycase update</c> or <c>/mycase edit</c> reply: what was recorded, and when a value
/// was corrected, what it replaced ("changed from … to …"), so a slip is visible at once.
/// </summary>
public static class CaseChangeText
{
    /// <summary>The note after a milestone update.</summary>
    public static string Recorded(CaseChange change, MilestoneInput milestone, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(change);
        var targets = CaseRules.Targets(milestone);
        var before = change.Before.Timeline;
        if (targets.All(m => before.Get(m) == date))
        {
            return $"Already recorded: {milestone.Display()} on {WaitText.Date(date)}. Nothing changed.";
        }

        var replaced = targets
            .Where(m => before.Get(m) is { } old && old != date)
            .Select(m => (Milestone: m, Date: before.Get(m)!.Value))
            .ToList();
        if (replaced.Count == 0)
        {
            return $"Recorded: {milestone.Display()} on {WaitText.Date(date)}.";
        }

        // Both halves replaced by one date: name each old date only when they differed.
        var from = replaced.Select(r => r.Date).Distinct().Count() == 1 && replaced.Count == targets.Count
            ? WaitText.Date(replaced[0].Date)
            : string.Join(" and ", replaced.Select(r => $"{WaitText.Date(r.Date)} ({Half(r.Milestone)})"));
        return $"Changed: {milestone.Display()} from {from} to {WaitText.Date(date)}.";
    }

    /// <summary>The note after an edit of the case's details: each change as "from … to …".</summary>
    public static string Edited(CaseChange change, EnrolmentCentres centres)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(centres);
        var (before, after) = (change.Before, change.After);
        var changes = new List<string>();
        if (before.Timeline.Applied != after.Timeline.Applied)
        {
            changes.Add($"the application date from {WaitText.Date(before.Timeline.Applied)} to {WaitText.Date(after.Timeline.Applied)}");
        }

        if (before.Type != after.Type)
        {
            changes.Add($"the type from {before.Type.Display()} to {after.Type.Display()}");
        }

        if (before.ApplicantStatus != after.ApplicantStatus)
        {
            changes.Add($"the status from {before.ApplicantStatus.Display()} to {after.ApplicantStatus.Display()}");
        }

        if (before.Applicants != after.Applicants)
        {
            changes.Add(string.Create(CultureInfo.InvariantCulture, $"the applicants from {before.Applicants} to {after.Applicants}"));
        }

        if (!string.Equals(before.CentreCode, after.CentreCode, StringComparison.Ordinal))
        {
            changes.Add($"the centre from {Centre(before.CentreCode, centres)} to {Centre(after.CentreCode, centres)}");
        }

        return changes.Count == 0
            ? "Nothing changed: your case already says that."
            : "Changed " + string.Join("; ", changes) + ".";
    }

    private static string Centre(string? code, EnrolmentCentres centres) =>
        code is null ? "none" : centres.Find(code) is { } centre ? $"{centre.Name} ({centre.City})" : code;

    private static string Half(Milestone milestone) => milestone == Milestone.InterviewCa ? "Canadian half" : "U.S. half";
}
