using System.Globalization;
using System.Text;
using Nexus.Bot.Localization;
using Nexus.Bot.Commands.Common;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Models;
using Nexus.Domain.Cases;
using Nexus.Domain.Common;
using Nexus.Domain.Moderation;
using Nexus.Domain.Statistics;

namespace Nexus.Bot.Commands.Mod;

/// <summary>
/// The replies of the moderator commands: ephemeral, within Discord's embed limits (a field value holds
/// 1,024 characters, a description 4,096, a message 25 buttons in 5 rows). No member is named or mentioned.
/// </summary>
public static class ModMessages
{
    /// <summary>Amber, the colour of moderation replies.</summary>
    public const int Colour = 0xE0A526;

    private const int FieldLimit = 1024;
    private const int DescriptionLimit = 4096;

    /// <summary>A one-sentence ephemeral reply.</summary>
    public static InteractionResult Text(string text) => InteractionResult.Reply(InteractionMessage.Text(text, ephemeral: true));

    /// <summary>An expected failure, shown ephemerally.</summary>
    public static InteractionResult Failure(DomainError? error) =>
        InteractionResult.Failure(Localization.Text.Error(error ?? throw new ArgumentNullException(nameof(error))));

    /// <summary>"Case #12 · initial application · applied 1 March 2024", with "excluded" for moderators.</summary>
    public static string Label(Case c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var type = c.Type == ApplicationType.Initial ? Strings.Mod_Initial : Strings.Mod_Renewal;
        var label = Localization.Text.Format(Strings.Mod_Label, c.CaseNumber, type, Words.Date(c.Timeline.Applied));
        return c.Excluded ? label + " · " + Strings.Mod_Excluded
            : c.ExcludedStages.IsEmpty ? label
            : label + " · " + Words.Count(c.ExcludedStages.Count, Strings.Mod_StagesExcluded_One, Strings.Mod_StagesExcluded_Other);
    }

    /// <summary>What an exclusion did, with how to undo it.</summary>
    public static string Excluded(long number, StageSet stages, long actionId) => stages.IsEmpty
        ? Localization.Text.Format(Strings.Mod_CaseExcluded, number, actionId)
        : Localization.Text.Format(Strings.Mod_StagesExcludedDone, NoticeText.Stages(stages), number, actionId);

    /// <summary>What an inclusion did.</summary>
    public static string Included(long number, StageSet stages, long actionId) => stages.IsEmpty
        ? Localization.Text.Format(Strings.Mod_CaseIncluded, number, actionId)
        : Localization.Text.Format(Strings.Mod_StagesIncluded, NoticeText.Stages(stages), number, actionId);

    /// <summary>The removal question, with Remove and Cancel.</summary>
    public static InteractionMessage RemoveConfirmation(Case c, string reason, string pendingKey, ulong askerId)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new InteractionMessage
        {
            Content = Localization.Text.Format(Strings.Mod_RemoveQuestion, Label(c), reason),
            Components =
            [
                Component.ActionRow(
                    Component.Button(Strings.Mod_Remove, Id("mod:remove", askerId, "confirm:" + pendingKey), ButtonStyle.Danger),
                    Component.Button(Strings.Mod_Cancel, Id("mod:remove", askerId, "cancel"))),
            ],
            Ephemeral = true,
        };
    }

    /// <summary>
    /// One case for <c>/mod case</c>: its timeline with each wait, its flags and exclusions, its history of changes
    /// (members' and moderators'), and buttons for the actions that apply.
    /// </summary>
    public static InteractionMessage CaseView(CaseReview review, ulong askerId)
    {
        ArgumentNullException.ThrowIfNull(review);
        var c = review.Case;
        var number = c.CaseNumber.ToString(CultureInfo.InvariantCulture);
        var timeline = new StringBuilder();
        TimelineStep? previous = null;
        foreach (var step in TimelineSteps.Of(c.Timeline))
        {
            timeline.Append(Invariant($"**{step.Name}**: {Words.Date(step.Date)}"));
            if (previous is not null)
            {
                var days = step.Date.DayNumber - previous.Date.DayNumber;
                timeline.Append(days < 0 ? " (" + Localization.Text.Format(Strings.Case_Before, Words.Count(-days, Strings.Count_Day_One, Strings.Count_Day_Other), previous.Noun) + ")" : Invariant($" (+{Words.Wait(days)})"));
            }

            timeline.Append('\n');
            previous = step;
        }

        var owner = c.OwnerId is { } id ? $"<@{id.ToString(CultureInfo.InvariantCulture)}>" : Strings.Mod_NoOwner;
        var status = Names.Of(c.StatusOn(review.Today));
        var fields = new List<EmbedField>
        {
            new(Strings.Mod_Flags, Clip(review.Findings.Count == 0 ? Strings.Mod_NoFlags : string.Join("\n", review.Findings.Select(f => "• " + FindingText.Of(f))), FieldLimit)),
            new(Strings.Mod_Statistics, c.Excluded
                ? Strings.Mod_WholeExcluded
                : c.ExcludedStages.IsEmpty ? Strings.Mod_CountsInFull : Localization.Text.Format(Strings.Mod_CountsExcept, NoticeText.Stages(c.ExcludedStages))),
            new(Strings.Mod_History, Clip(History(review), FieldLimit)),
        };
        var embed = new Embed
        {
            Title = Localization.Text.Format(Strings.Mod_CaseTitle, number, status),
            Color = Colour,
            Description = Clip(Localization.Text.Format(c.Visible ? Strings.Mod_CaseLineVisible : Strings.Mod_CaseLinePrivate, Label(c), owner) + "\n" + timeline, DescriptionLimit),
            Fields = fields,
            Footer = new EmbedFooter(Strings.Mod_CaseFooter),
        };

        var buttons = new List<Component>();
        if (!c.Excluded)
        {
            var offending = review.Findings.Count == 0 ? StageSet.None : new ReviewEntry(c, review.Findings).Offending();
            buttons.Add(Component.Button(offending.IsEmpty ? Localization.Text.Format(Strings.Mod_ExcludeCase, number) : Words.Count(offending.Count, Strings.Mod_ExcludeStages_One, Strings.Mod_ExcludeStages_Other), Id("mod:case", askerId, $"exclude:{number}"), ButtonStyle.Danger));
        }

        if (c.Excluded || !c.ExcludedStages.IsEmpty)
        {
            buttons.Add(Component.Button(c.Excluded ? Localization.Text.Format(Strings.Mod_IncludeCase, number) : Words.Count(c.ExcludedStages.Count, Strings.Mod_IncludeStages_One, Strings.Mod_IncludeStages_Other), Id("mod:case", askerId, $"include:{number}"), ButtonStyle.Success));
        }

        buttons.Add(Component.Button(Localization.Text.Format(Strings.Mod_RemoveCase, number), Id("mod:case", askerId, $"remove:{number}"), ButtonStyle.Danger));
        return InteractionMessage.WithEmbeds([embed], [Component.ActionRow([.. buttons])], ephemeral: true);
    }

    // Member edits and moderator actions, oldest first, each with who, when, and old → new; the newest kept
    // when the field runs out of room (a case's own story is short; an import's history is one line per field).
    // The changes one person saved at one moment (a /mycase start sets six fields) share one line, so a phone
    // shows one timestamp per save rather than one per field.
    private static string History(CaseReview review)
    {
        var owner = review.Case.OwnerId;
        var changes = review.History
            .Select(h => (h.At, Who: h.ActorId == owner ? Strings.Mod_HistoryMember : Mention(h.ActorId), Change: h.From is null ? $"{Field(h.Field)} {h.To ?? "–"}" : $"{Field(h.Field)} {h.From} → {h.To ?? "–"}"))
            .Concat(review.Actions.Select(a => (a.At, Who: Mention(a.ActorId), Change: ActionChange(a, review.Case.Id))))
            .OrderBy(l => l.At)
            .ToList();
        var lines = new List<string>();
        for (var i = 0; i < changes.Count;)
        {
            var (at, who, _) = changes[i];
            var together = changes.Skip(i).TakeWhile(c => c.At == at && c.Who == who).Select(c => c.Change).ToList();
            lines.Add($"{MessageText.Timestamp(at)} {who}: {string.Join(" · ", together)}");
            i += together.Count;
        }
        if (lines.Count == 0)
        {
            return Strings.Mod_NoChanges;
        }

        // Keep the newest lines that fit, and say how many older ones are left out.
        var kept = new List<string>();
        var length = 0;
        for (var i = lines.Count - 1; i >= 0; i--)
        {
            if (length + lines[i].Length + 1 > FieldLimit - 40)
            {
                kept.Insert(0, Words.Count(i + 1, Strings.Count_OlderChange_One, Strings.Count_OlderChange_Other));
                break;
            }

            kept.Insert(0, lines[i]);
            length += lines[i].Length + 1;
        }

        return string.Join("\n", kept);
    }

    // A field of the case history as moderators read it: "interview-ca" stays the wire name in English, and is
    // "entrevue CA" in French; a field the resources do not know shows as stored.
    private static string Field(string field) => Localization.Text.Find(Localization.Text.ResourceName("Mod_Field", field)) ?? field;

    // A moderator action as a change of the case: "Applied → conditional approval: counts → excluded · typo · action #12".
    private static string ActionChange(ModerationLogEntry a, long caseId)
    {
        var target = a.Cases.First(c => c.Id == caseId);
        var stages = target.Stages;
        var change = a.Action switch
        {
            ModerationAction.Exclude or ModerationAction.Prune => stages.IsEmpty ? Strings.Mod_HistoryCaseExcluded : Localization.Text.Format(Strings.Mod_HistoryStagesExcluded, NoticeText.Stages(stages)),
            ModerationAction.Include => stages.IsEmpty ? Strings.Mod_HistoryCaseIncluded : Localization.Text.Format(Strings.Mod_HistoryStagesIncluded, NoticeText.Stages(stages)),
            ModerationAction.Remove => Strings.Mod_HistoryRemoved,
            ModerationAction.Import => Strings.Mod_HistoryImported,
            ModerationAction.Dismiss => Strings.Mod_HistoryDismissed,
            ModerationAction.Undo => Localization.Text.Format(Strings.Mod_HistoryUndid, a.UndoOf),
            _ => Names.Of(a.Action),
        };
        var reason = a.Reason is null ? string.Empty : " · " + a.Reason;
        return Localization.Text.Format(a.UndoneAt is null ? Strings.Mod_HistoryAction : Strings.Mod_HistoryActionUndone, change + reason, a.Id);
    }

    /// <summary>
    /// The reason logged, and told to the member, when the review queue's Exclude acts on <paramref name="finding"/>:
    /// in the moderator's language, as a reason they type would be.
    /// </summary>
    public static string QueueReason(ReviewFinding finding) => Localization.Text.Format(Strings.Mod_QueueReason, FindingText.Of(finding));

    /// <summary>A page of the review queue, with Exclude and Dismiss buttons per entry and page buttons.</summary>
    public static InteractionMessage Review(ReviewPage page, ulong askerId)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (page.TotalEntries == 0)
        {
            return InteractionMessage.Text(Strings.Mod_QueueEmpty, ephemeral: true);
        }

        var fields = page.Entries
            .Select(e => new EmbedField(Label(e.Case), Clip(string.Join("\n", e.Findings.Select(f => "• " + FindingText.Of(f))) + "\n" + ExcludeLeavesOut(e), FieldLimit)))
            .ToList();

        // View, Exclude and Dismiss per entry, five buttons to a row: six entries fill four rows, the fifth pages.
        var buttons = new List<Component>();
        foreach (var entry in page.Entries)
        {
            var number = entry.Case.CaseNumber.ToString(CultureInfo.InvariantCulture);
            buttons.Add(Component.Button(Localization.Text.Format(Strings.Mod_ViewCase, number), Id("mod:case", askerId, $"view:{number}")));
            buttons.Add(Component.Button(Localization.Text.Format(Strings.Mod_ExcludeCase, number), Id("mod:review", askerId, $"exclude:{number}:{page.Page}"), ButtonStyle.Danger));
            buttons.Add(Component.Button(Localization.Text.Format(Strings.Mod_DismissCase, number), Id("mod:review", askerId, $"dismiss:{number}:{page.Page}")));
        }

        var rows = buttons.Chunk(5).Select(chunk => Component.ActionRow(chunk)).ToList();

        if (Paging("mod:review", askerId, page.Page, page.TotalPages) is { } nav)
        {
            rows.Add(nav);
        }

        var embed = new Embed
        {
            Title = Strings.Mod_QueueTitle,
            Color = Colour,
            Fields = fields,
            Footer = new EmbedFooter(Localization.Text.Format(Strings.Mod_QueueFooter, page.Page, page.TotalPages, Words.Count(page.TotalEntries, Strings.Count_Case_One, Strings.Count_Case_Other))),
        };
        return InteractionMessage.WithEmbeds([embed], rows, ephemeral: true);
    }

    /// <summary>A page of the audit log.</summary>
    public static InteractionMessage Log(LogPage page, ulong askerId)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (page.TotalEntries == 0)
        {
            return InteractionMessage.Text(Strings.Mod_LogEmpty, ephemeral: true);
        }

        var fields = page.Entries.Select(e => new EmbedField(LogHeading(e), Clip(LogLine(e), FieldLimit))).ToList();
        var embed = new Embed
        {
            Title = Strings.Mod_LogTitle,
            Color = Colour,
            Fields = fields,
            Footer = new EmbedFooter(Localization.Text.Format(Strings.Mod_LogFooter, page.Page, page.TotalPages, Words.Count(page.TotalEntries, Strings.Count_Action_One, Strings.Count_Action_Other))),
        };
        var nav = Paging("mod:log", askerId, page.Page, page.TotalPages);
        return InteractionMessage.WithEmbeds([embed], nav is null ? null : [nav], ephemeral: true);
    }

    /// <summary>What a prune would do, with Confirm and Cancel unless it is a dry run or nothing matches.</summary>
    public static InteractionMessage Preview(PrunePreview preview, ulong askerId, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(preview);
        var rule = preview.Rule.Name();
        if (preview.Count == 0)
        {
            return InteractionMessage.Text(Localization.Text.Format(Strings.Mod_NothingToPrune, rule), ephemeral: true);
        }

        var sample = string.Join("\n", preview.Sample.Select(e => $"• {Label(e.Case)}: {FindingText.Of(e.Findings[0])} {ExcludeLeavesOut(e, preview.Rule.Targets(e))}"));
        var medians = string.Join("\n", preview.Medians.Select(m => Localization.Text.Format(
            Strings.Mod_PruneMedian,
            Names.Of(m.Stage),
            Median(m.Before),
            Median(m.After),
            Words.Count(m.FinishedBefore, Strings.Count_FinishedWait_One, Strings.Count_FinishedWait_Other),
            m.FinishedAfter)));
        var embed = new Embed
        {
            Title = Localization.Text.Format(Strings.Mod_PruneTitle, rule, Words.Count(preview.Count, Strings.Count_Case_One, Strings.Count_Case_Other)),
            Color = Colour,
            Description = Clip(sample, DescriptionLimit),
            Fields = [new EmbedField(Strings.Mod_PruneEffect, Clip(medians, FieldLimit))],
            Footer = new EmbedFooter(dryRun ? Strings.Mod_DryRun : Strings.Mod_PruneConfirmFooter),
        };
        if (dryRun)
        {
            return InteractionMessage.WithEmbeds([embed], ephemeral: true);
        }

        var version = preview.DataVersion.ToString(CultureInfo.InvariantCulture);
        var buttons = Component.ActionRow(
            Component.Button(Words.Count(preview.Count, Strings.Mod_ExcludeCases_One, Strings.Mod_ExcludeCases_Other), Id("mod:prune", askerId, $"confirm:{rule}:{version}"), ButtonStyle.Danger),
            Component.Button(Strings.Mod_Cancel, Id("mod:prune", askerId, "cancel")));
        return InteractionMessage.WithEmbeds([embed], [buttons], ephemeral: true);
    }

    /// <summary>What an import found (and did), with the first row errors.</summary>
    public static InteractionMessage Import(ImportReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var skipped = report.Rows - report.Valid;
        var rows = Words.Count(report.Rows, Strings.Count_Row_One, Strings.Count_Row_Other);
        var title = report switch
        {
            { Mode: ImportMode.Validate } => Localization.Text.Format(Strings.Mod_ImportChecked, rows, report.Valid, skipped),
            { Action: { } action } => Localization.Text.Format(
                Strings.Mod_ImportDone, Words.Count(report.Valid, Strings.Count_Case_One, Strings.Count_Case_Other), action.Id, Words.Count(skipped, Strings.Count_Row_One, Strings.Count_Row_Other)),
            _ => Localization.Text.Format(Strings.Mod_ImportNothing, rows),
        };
        var text = new StringBuilder();
        if (report.Action is { } applied && report.NewCaseNumbers.Count > 0)
        {
            text.Append(Localization.Text.Format(Strings.Mod_ImportNumbers, report.NewCaseNumbers[0], report.NewCaseNumbers[^1], applied.Id)).Append('\n');
        }

        const int shown = 20;
        foreach (var error in report.Errors.Take(shown))
        {
            text.Append(Localization.Text.Format(Strings.Mod_ImportRow, error.Row, Localization.Text.Error(error.Error))).Append('\n');
        }

        if (report.Errors.Count > shown)
        {
            text.Append(Words.Count(report.Errors.Count - shown, Strings.Count_MoreRowErrors_One, Strings.Count_MoreRowErrors_Other));
        }

        var embed = new Embed { Title = Clip(title, 256), Color = Colour, Description = text.Length == 0 ? null : Clip(text.ToString(), DescriptionLimit) };
        return InteractionMessage.WithEmbeds([embed], ephemeral: true);
    }

    /// <summary>Progress of a long import, for editing the reply.</summary>
    public static InteractionMessage Progress(ImportProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var text = progress.Phase == ImportPhase.Reading
            ? Words.Count(progress.Done, Strings.Mod_ImportReading_One, Strings.Mod_ImportReading_Other)
            : Localization.Text.Format(Strings.Mod_ImportSaving, progress.Done, Words.Count(progress.Total, Strings.Count_Case_One, Strings.Count_Case_Other));
        return InteractionMessage.Text(text, ephemeral: true);
    }

    /// <summary>A custom id: the prefix, the asking moderator's id, then the state.</summary>
    public static string Id(string prefix, ulong askerId, string state) => Invariant($"{prefix}:{askerId}:{state}");

    private static Component? Paging(string prefix, ulong askerId, int page, int pages) =>
        pages <= 1
            ? null
            : Component.ActionRow(
                Component.Button(Strings.Cases_Previous, Id(prefix, askerId, Invariant($"page:{page - 1}")), disabled: page <= 1),
                Component.Button(Strings.Cases_Next, Id(prefix, askerId, Invariant($"page:{page + 1}")), disabled: page >= pages));

    /// <summary>A case and what of it an action touched: "#12", or "#12 (Interview → approved)".</summary>
    public static string CaseAndStages(CaseRef c) => c.Stages.IsEmpty
        ? Localization.Text.Format(Strings.Mod_CaseRef, c.Number)
        : Localization.Text.Format(Strings.Mod_CaseRefStages, c.Number, NoticeText.Stages(c.Stages));

    /// <summary>A log entry's heading: "#13 · undo of #12", "#12 · exclude · undone".</summary>
    public static string LogHeading(ModerationLogEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var what = e.UndoOf is { } target ? Localization.Text.Format(Strings.Mod_LogUndoOf, target)
            : e.Action == ModerationAction.Prune && e.Detail is { } rule ? Localization.Text.Format(Strings.Mod_LogPrune, rule)
            : Names.Of(e.Action);
        return Localization.Text.Format(e.UndoneAt is null ? Strings.Mod_LogHeading : Strings.Mod_LogHeadingUndone, e.Id, what);
    }

    // What the review queue's Exclude (or a prune) leaves out of statistics for this entry.
    private static string ExcludeLeavesOut(ReviewEntry e) => ExcludeLeavesOut(e, e.Offending());

    private static string ExcludeLeavesOut(ReviewEntry e, StageSet stages) =>
        stages.IsEmpty ? Strings.Mod_LeavesOutCase : Localization.Text.Format(Strings.Mod_LeavesOutStages, NoticeText.Stages(stages), e.Case.CaseNumber);

    private static string LogLine(ModerationLogEntry e)
    {
        var cases = e.Cases.Count switch
        {
            0 => null,
            <= 10 => string.Join(", ", e.Cases.Select(CaseAndStages)),
            _ => Localization.Text.Format(Strings.Mod_LogCases, Words.Count(e.Cases.Count, Strings.Count_Case_One, Strings.Count_Case_Other), e.Cases[0].Number, e.Cases[^1].Number),
        };
        var parts = new List<string> { Localization.Text.Format(Strings.Mod_LogBy, MessageText.Timestamp(e.At), Mention(e.ActorId)) };
        if (e.Action == ModerationAction.Config && e.Detail is { } setting)
        {
            parts.Add(Setting(setting));
        }

        if (cases is not null)
        {
            parts.Add(cases);
        }

        if (e.Reason is not null)
        {
            parts.Add(Localization.Text.Format(Strings.Mod_LogReason, e.Reason));
        }

        if (e.UndoneAt is { } at)
        {
            parts.Add(e.UndoneBy is { } by
                ? Localization.Text.Format(Strings.Mod_LogUndoneBy, MessageText.Timestamp(at), Mention(by))
                : Localization.Text.Format(Strings.Mod_LogUndone, MessageText.Timestamp(at)));
        }

        // Moderators, roles and channels are mentions: Discord shows their names, the bot stores none, and
        // allowed_mentions (parse: []) means nobody is pinged. Times are <t:…:f> tokens, in each reader's zone.
        return string.Join(" · ", parts);
    }

    // A stored setting change ("moderator-role=123") as moderators read it, with the role or channel as a mention.
    private static string Setting(string detail)
    {
        var (key, value) = detail.Split('=', 2) is [var k, var v] ? (k, v) : (detail, string.Empty);
        var shown = (key, ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) switch
        {
            ("moderator-role", true) => $"<@&{id.ToString(CultureInfo.InvariantCulture)}>",
            ("feed-channel", true) => $"<#{id.ToString(CultureInfo.InvariantCulture)}>",
            ("feed-channel", false) when value == "off" => Strings.Config_Off,
            _ => value,
        };
        var name = Localization.Text.Find(Localization.Text.ResourceName("Mod_Setting", key)) ?? key.Replace('-', ' ');
        return $"{name} → {shown}";
    }

    private static string Mention(ulong userId) => $"<@{userId.ToString(CultureInfo.InvariantCulture)}>";

    private static string Median(WaitQuantile? median) => median is null ? Strings.Mod_NotEnoughData : Words.Wait(median);

    private static string Clip(string text, int limit) => text.Length <= limit ? text : text[..(limit - 1)] + "…";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
