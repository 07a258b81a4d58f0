using Nexus.Bot.Localization;
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
            return Text.Format(Strings.Change_AlreadyRecorded, Names.Of(milestone), Words.Date(date));
        }

        var replaced = targets
            .Where(m => before.Get(m) is { } old && old != date)
            .Select(m => (Milestone: m, Date: before.Get(m)!.Value))
            .ToList();
        if (replaced.Count == 0)
        {
            return Text.Format(Strings.Change_Recorded, Names.Of(milestone), Words.Date(date));
        }

        // Both halves replaced by one date: name each old date only when they differed.
        var from = replaced.Select(r => r.Date).Distinct().Count() == 1 && replaced.Count == targets.Count
            ? Words.Date(replaced[0].Date)
            : string.Join(Strings.Change_And, replaced.Select(r => Text.Format(Strings.Change_DateOfHalf, Words.Date(r.Date), Half(r.Milestone))));
        return Text.Format(Strings.Change_Changed, Names.Of(milestone), from, Words.Date(date));
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
            changes.Add(Text.Format(Strings.Edit_Applied, Words.Date(before.Timeline.Applied), Words.Date(after.Timeline.Applied)));
        }

        if (before.Type != after.Type)
        {
            changes.Add(Text.Format(Strings.Edit_Type, Names.Of(before.Type), Names.Of(after.Type)));
        }

        if (before.ApplicantStatus != after.ApplicantStatus)
        {
            changes.Add(Text.Format(Strings.Edit_Status, Names.Of(before.ApplicantStatus), Names.Of(after.ApplicantStatus)));
        }

        if (before.Applicants != after.Applicants)
        {
            changes.Add(Text.Format(Strings.Edit_Applicants, before.Applicants, after.Applicants));
        }

        if (!string.Equals(before.CentreCode, after.CentreCode, StringComparison.Ordinal))
        {
            changes.Add(Text.Format(Strings.Edit_Centre, Centre(before.CentreCode, centres), Centre(after.CentreCode, centres)));
        }

        return changes.Count == 0
            ? Strings.Edit_Nothing
            : Text.Format(Strings.Edit_Changed, string.Join("; ", changes));
    }

    private static string Centre(string? code, EnrolmentCentres centres) =>
        code is null ? Strings.Edit_NoCentre : centres.Find(code) is { } centre ? $"{Names.Of(centre)} ({centre.City})" : code;

    private static string Half(Milestone milestone) => milestone == Milestone.InterviewCa ? Strings.Change_HalfCa : Strings.Change_HalfUs;
}
