using System.Globalization;
using System.Text;
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
        InteractionResult.Failure(error?.Message ?? throw new ArgumentNullException(nameof(error)));

    /// <summary>"Case #12 · initial application · applied 1 March 2024", with "excluded" for moderators.</summary>
    public static string Label(Case c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var type = c.Type == ApplicationType.Initial ? "initial application" : "renewal";
        var excluded = c.Excluded ? " · excluded" : string.Empty;
        return $"Case #{c.CaseNumber} · {type} · applied {WaitText.Date(c.Timeline.Applied)}{excluded}";
    }

    /// <summary>A page of the review queue, with Exclude and Dismiss buttons per entry and page buttons.</summary>
    public static InteractionMessage Review(ReviewPage page, ulong askerId)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (page.TotalEntries == 0)
        {
            return InteractionMessage.Text("The review queue is empty: no case looks suspicious right now.", ephemeral: true);
        }

        var fields = page.Entries
            .Select(e => new EmbedField(Label(e.Case), Clip(string.Join("\n", e.Findings.Select(f => "• " + f.Text)), FieldLimit)))
            .ToList();
        var buttons = new List<Component>();
        foreach (var entry in page.Entries)
        {
            var number = entry.Case.CaseNumber.ToString(CultureInfo.InvariantCulture);
            buttons.Add(Component.Button($"Exclude #{number}", Id("mod:review", askerId, $"exclude:{number}:{page.Page}"), ButtonStyle.Danger));
            buttons.Add(Component.Button($"Dismiss #{number}", Id("mod:review", askerId, $"dismiss:{number}:{page.Page}")));
        }

        var rows = buttons.Chunk(4).Select(chunk => Component.ActionRow(chunk)).ToList();
        if (Paging("mod:review", askerId, page.Page, page.TotalPages) is { } nav)
        {
            rows.Add(nav);
        }

        var embed = new Embed
        {
            Title = "Review queue",
            Color = Colour,
            Fields = fields,
            Footer = new EmbedFooter(Invariant($"Page {page.Page} of {page.TotalPages} · {page.TotalEntries} case(s) · Exclude keeps the case but leaves it out of statistics; Dismiss hides it until it changes.")),
        };
        return InteractionMessage.WithEmbeds([embed], rows, ephemeral: true);
    }

    /// <summary>A page of the audit log.</summary>
    public static InteractionMessage Log(LogPage page, ulong askerId)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (page.TotalEntries == 0)
        {
            return InteractionMessage.Text("The audit log is empty: no moderator action yet.", ephemeral: true);
        }

        var fields = page.Entries.Select(e => new EmbedField(
            Invariant($"#{e.Id} · {e.Action.Name()}{(e.Detail is null ? "" : " " + e.Detail)}{(e.UndoneAt is null ? "" : " · undone")}"),
            Clip(LogLine(e), FieldLimit))).ToList();
        var embed = new Embed
        {
            Title = "Moderation log",
            Color = Colour,
            Fields = fields,
            Footer = new EmbedFooter(Invariant($"Page {page.Page} of {page.TotalPages} · {page.TotalEntries} action(s) · undo one with /mod undo action:<id>")),
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
            return InteractionMessage.Text($"No case matches the {rule} rule; there is nothing to prune.", ephemeral: true);
        }

        var sample = string.Join("\n", preview.Sample.Select(e => $"• {Label(e.Case)}: {e.Findings[0].Text}"));
        var medians = string.Join("\n", preview.Medians.Select(m => $"{m.Stage.Display()}: {Median(m.Before)} → {Median(m.After)}"));
        var embed = new Embed
        {
            Title = Invariant($"Prune {rule}: {preview.Count} case(s) would be excluded"),
            Color = Colour,
            Description = Clip(sample, DescriptionLimit),
            Fields = [new EmbedField("Effect on the /stats medians (initial applications, last 24 months)", Clip(medians, FieldLimit))],
            Footer = new EmbedFooter(dryRun
                ? "Dry run: nothing was changed."
                : "Confirm excludes them in one action (undo with /mod undo); the cases are kept."),
        };
        if (dryRun)
        {
            return InteractionMessage.WithEmbeds([embed], ephemeral: true);
        }

        var version = preview.DataVersion.ToString(CultureInfo.InvariantCulture);
        var buttons = Component.ActionRow(
            Component.Button(Invariant($"Exclude {preview.Count} case(s)"), Id("mod:prune", askerId, $"confirm:{rule}:{version}"), ButtonStyle.Danger),
            Component.Button("Cancel", Id("mod:prune", askerId, "cancel")));
        return InteractionMessage.WithEmbeds([embed], [buttons], ephemeral: true);
    }

    /// <summary>What an import found (and did), with the first row errors.</summary>
    public static InteractionMessage Import(ImportReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var skipped = report.Rows - report.Valid;
        var title = report switch
        {
            { Mode: ImportMode.Validate } => Invariant($"Checked {report.Rows} row(s): {report.Valid} valid, {skipped} with errors. Nothing was changed."),
            { Action: { } action } => Invariant($"Imported {report.Valid} case(s) as action #{action.Id}; skipped {skipped} row(s)."),
            _ => Invariant($"Nothing imported: none of the {report.Rows} row(s) is valid."),
        };
        var text = new StringBuilder();
        if (report.Action is { } applied && report.NewCaseNumbers.Count > 0)
        {
            text.Append(Invariant($"New case numbers #{report.NewCaseNumbers[0]}–#{report.NewCaseNumbers[^1]}. Undo the whole import with `/mod undo action:{applied.Id}`.\n"));
        }

        const int shown = 20;
        foreach (var error in report.Errors.Take(shown))
        {
            text.Append(Invariant($"Row {error.Row}: {error.Message}\n"));
        }

        if (report.Errors.Count > shown)
        {
            text.Append(Invariant($"…and {report.Errors.Count - shown} more row error(s)."));
        }

        var embed = new Embed { Title = Clip(title, 256), Color = Colour, Description = text.Length == 0 ? null : Clip(text.ToString(), DescriptionLimit) };
        return InteractionMessage.WithEmbeds([embed], ephemeral: true);
    }

    /// <summary>Progress of a long import, for editing the reply.</summary>
    public static InteractionMessage Progress(ImportProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var text = progress.Phase == ImportPhase.Reading
            ? Invariant($"Importing… {progress.Done:N0} row(s) read and checked.")
            : Invariant($"Importing… {progress.Done:N0} of {progress.Total:N0} case(s) saved.");
        return InteractionMessage.Text(text, ephemeral: true);
    }

    /// <summary>A custom id: the prefix, the asking moderator's id, then the state.</summary>
    public static string Id(string prefix, ulong askerId, string state) => Invariant($"{prefix}:{askerId}:{state}");

    private static Component? Paging(string prefix, ulong askerId, int page, int pages) =>
        pages <= 1
            ? null
            : Component.ActionRow(
                Component.Button("Previous", Id(prefix, askerId, Invariant($"page:{page - 1}")), disabled: page <= 1),
                Component.Button("Next", Id(prefix, askerId, Invariant($"page:{page + 1}")), disabled: page >= pages));

    private static string LogLine(ModerationLogEntry e)
    {
        var cases = e.Cases.Count switch
        {
            0 => "no case",
            <= 10 => string.Join(", ", e.Cases.Select(c => "#" + c.Number.ToString(CultureInfo.InvariantCulture))),
            _ => Invariant($"{e.Cases.Count} cases (#{e.Cases[0].Number}…#{e.Cases[^1].Number})"),
        };
        var reason = e.Reason is null ? string.Empty : $" · reason: {e.Reason}";
        var undone = e.UndoneAt is { } at ? $" · undone {MessageText.Timestamp(at)}" : string.Empty;
        var undoOf = e.UndoOf is { } target ? Invariant($" · undid #{target}") : string.Empty;

        // The moderator is shown as a mention: Discord renders the name, the bot stores no names, and
        // allowed_mentions (parse: []) means it pings nobody. The time is a <t:…:f> token: an instant, which
        // Discord shows in each reader's own time zone (the shell in the machine's).
        return Invariant($"{MessageText.Timestamp(e.At)} by <@{e.ActorId}> · {cases}{reason}{undoOf}{undone}");
    }

    private static string Median(WaitQuantile? median) => median is null ? "not enough data" : WaitText.Format(median);

    private static string Clip(string text, int limit) => text.Length <= limit ? text : text[..(limit - 1)] + "…";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
