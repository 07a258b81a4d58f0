using System.Globalization;
using Nexus.Domain.Cases;
using Nexus.Domain.Common;
using Nexus.Domain.Settings;
using Nexus.Domain.Statistics;

namespace Nexus.Domain.Moderation;

/// <summary>One page of the audit log, newest first.</summary>
/// <param name="Entries">The entries on this page.</param>
/// <param name="Page">The page number, from 1.</param>
/// <param name="TotalPages">How many pages there are (at least 1).</param>
/// <param name="TotalEntries">How many entries in all.</param>
public sealed record LogPage(IReadOnlyList<ModerationLogEntry> Entries, int Page, int TotalPages, int TotalEntries);

/// <summary>Whether an import only checks the file or also saves it.</summary>
public enum ImportMode
{
    /// <summary>Report row errors; change nothing (<c>validate</c>).</summary>
    Validate = 0,

    /// <summary>Import every valid row in one transaction (<c>apply</c>).</summary>
    Apply = 1,
}

/// <summary>Which part of an import is running.</summary>
public enum ImportPhase
{
    /// <summary>Reading and checking rows.</summary>
    Reading = 0,

    /// <summary>Saving the valid rows.</summary>
    Saving = 1,
}

/// <summary>How far an import has got, for a progress message.</summary>
/// <param name="Phase">Reading or saving.</param>
/// <param name="Done">Rows read, or cases saved, so far.</param>
/// <param name="Total">Rows to save (0 while reading: the total is not known yet).</param>
public sealed record ImportProgress(ImportPhase Phase, int Done, int Total);

/// <summary>What an import found and did.</summary>
/// <param name="Mode">Validate or apply.</param>
/// <param name="Rows">Case rows in the file.</param>
/// <param name="Valid">Rows that obey every rule.</param>
/// <param name="Errors">The refused rows, with row numbers and the rule's message.</param>
/// <param name="Action">The audit-log entry of an applied import (undo it by its id); null when nothing was saved.</param>
/// <param name="NewCaseNumbers">The numbers given to the imported cases, in file order.</param>
public sealed record ImportReport(ImportMode Mode, int Rows, int Valid, IReadOnlyList<CsvRowError> Errors, ModerationLogEntry? Action, IReadOnlyList<long> NewCaseNumbers);

/// <summary>An action that was undone.</summary>
/// <param name="Target">The action, as it was before the undo.</param>
/// <param name="UndoActionId">The audit-log id of the undo itself.</param>
public sealed record UndoResult(ModerationLogEntry Target, long UndoActionId);

/// <summary>
/// What moderators do to a server's cases: the review queue, exclude and include, remove, prune, undo, the
/// audit log, export and import. Every operation takes a <see cref="Moderator"/> (see
/// <see cref="ModeratorPolicy"/>) and works only on that moderator's server. Every change is one transaction
/// with its audit-log row. Removed cases older than the undo window are purged before each write.
/// "Today" (the waits of unfinished stages, the future-date rule, stale cases, the CSV's status column) is the
/// server's date (<see cref="ServerCalendar"/>), the same day its members' commands and <c>/stats</c> use.
/// </summary>
public sealed class ModerationService(
    IModerationRepository repository,
    IStatsSource stats,
    EnrolmentCentres centres,
    ModerationOptions options,
    TimeProvider time,
    IMemberNoticeObserver? notices = null,
    ServerCalendar? calendar = null)
{
    private readonly ServerCalendar _calendar = calendar ?? new ServerCalendar(null, time);

    /// <summary>How many cases a prune preview names.</summary>
    public const int PruneSampleSize = 10;

    private static readonly TimeSpan BurstWindow = TimeSpan.FromHours(1);

    /// <summary>A page (from 1) of the server's review queue; dismissed entries are hidden until their case changes.</summary>
    public async Task<ReviewPage> ReviewAsync(Moderator moderator, int page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        var queue = await QueueAsync(moderator.GuildId, cancellationToken);
        var (skip, number, pages) = Paging(page, queue.Count, options.PageSize);
        return new ReviewPage([.. queue.Skip(skip).Take(options.PageSize)], number, pages, queue.Count);
    }

    /// <summary>Hides a case's review entry until the case changes.</summary>
    public async Task<Result<ModerationLogEntry>> DismissAsync(Moderator moderator, long caseNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        var found = await FindCaseAsync(moderator, caseNumber, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var c = found.Value;
        var id = await repository.DismissAsync(Record(moderator, ModerationAction.Dismiss, null, null), Ref(c), c.Version, cancellationToken);
        return await EntryAsync(moderator, id, cancellationToken);
    }

    /// <summary>The case with this number in the moderator's server.</summary>
    public async Task<Result<Case>> FindCaseAsync(Moderator moderator, long caseNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        return await repository.FindAsync(moderator.GuildId, caseNumber, cancellationToken) is { } found
            ? found
            : DomainError.Of(ModerationErrorCodes.CaseNotFound, $"There is no case #{caseNumber} in this server.", caseNumber);
    }

    /// <summary>The member's case in the moderator's server.</summary>
    public async Task<Result<Case>> FindMemberCaseAsync(Moderator moderator, ulong memberId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        return await repository.FindByOwnerAsync(moderator.GuildId, memberId, cancellationToken) is { } found
            ? found
            : new DomainError(ModerationErrorCodes.CaseNotFound, "That member has no case in this server.") { Key = ModerationErrorCodes.CaseNotFoundMember };
    }

    /// <summary>
    /// Takes a case out of statistics without deleting it: the whole case, or only the waits of
    /// <paramref name="stages"/> (one wrong date spoils one or two waits, and the rest of the case still counts).
    /// </summary>
    public Task<Result<ModerationLogEntry>> ExcludeAsync(Moderator moderator, long caseNumber, StageSet stages, string? reason, CancellationToken cancellationToken) =>
        SetExcludedAsync(moderator, caseNumber, stages, excluded: true, reason, cancellationToken);

    /// <summary>Puts an excluded case, or the excluded <paramref name="stages"/> of it, back into statistics.</summary>
    public Task<Result<ModerationLogEntry>> IncludeAsync(Moderator moderator, long caseNumber, StageSet stages, string? reason, CancellationToken cancellationToken) =>
        SetExcludedAsync(moderator, caseNumber, stages, excluded: false, reason, cancellationToken);

    /// <summary>
    /// The review queue's Exclude: leaves out what the case's review entry is about, the offending stages, or the
    /// whole case when a finding is about the whole case (a broken timeline, a burst, a stale case).
    /// </summary>
    /// <param name="moderator">The moderator.</param>
    /// <param name="caseNumber">The case.</param>
    /// <param name="reason">
    /// The reason logged (and told to the member) for the entry's first finding: the application words it, in
    /// the moderator's language as a typed reason would be.
    /// </param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public async Task<Result<ModerationLogEntry>> ExcludeReviewedAsync(Moderator moderator, long caseNumber, Func<ReviewFinding, string> reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        ArgumentNullException.ThrowIfNull(reason);
        var entry = (await QueueAsync(moderator.GuildId, cancellationToken)).FirstOrDefault(e => e.Case.CaseNumber == caseNumber);
        if (entry is null)
        {
            return DomainError.Keyed(ModerationErrorCodes.CaseNotFound, $"Case #{caseNumber} is no longer in the review queue; nothing was changed.", ModerationErrorCodes.CaseNotFoundQueue, caseNumber);
        }

        return await ExcludeAsync(moderator, caseNumber, entry.Offending(), reason(entry.Findings[0]), cancellationToken);
    }

    /// <summary>
    /// One case as a moderator reviews it: the case, its review findings (as the queue would list them, dismissed
    /// or not), its history of changes and the moderator actions that touched it, oldest first.
    /// </summary>
    public async Task<Result<CaseReview>> GetCaseAsync(Moderator moderator, long caseNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        var cases = await repository.LoadCasesAsync(moderator.GuildId, cancellationToken);
        var c = cases.FirstOrDefault(x => x.CaseNumber == caseNumber);
        if (c is null)
        {
            return DomainError.Of(ModerationErrorCodes.CaseNotFound, $"There is no case #{caseNumber} in this server.", caseNumber);
        }

        var bursts = await repository.BusiestWindowAsync(moderator.GuildId, BurstWindow, cancellationToken);
        var zone = await _calendar.TimeZoneAsync(moderator.GuildId, cancellationToken);
        var now = time.GetUtcNow();
        var findings = ReviewRules.Evaluate(cases, bursts, options, now, zone).FirstOrDefault(e => e.Case.Id == c.Id)?.Findings ?? [];
        var history = await repository.GetHistoryAsync(c.Id, cancellationToken);
        var actions = await repository.GetCaseActionsAsync(moderator.GuildId, c.Id, cancellationToken);
        return new CaseReview(c, findings, history, actions, ServerCalendar.DayOf(now, zone));
    }

    /// <summary>
    /// Removes the case with this number: it disappears from statistics, listings and its owner's
    /// <c>/mycase</c> (who may then start a new case), and can be brought back with undo for 30 days.
    /// </summary>
    public async Task<Result<ModerationLogEntry>> RemoveAsync(Moderator moderator, long caseNumber, string? reason, CancellationToken cancellationToken)
    {
        var found = await FindCaseAsync(moderator, caseNumber, cancellationToken);
        return found.IsSuccess ? await RemoveAsync(moderator, found.Value, reason, cancellationToken) : found.Error!;
    }

    /// <summary>Removes the member's case in the moderator's server (see <see cref="RemoveAsync(Moderator, long, string?, CancellationToken)"/>).</summary>
    public async Task<Result<ModerationLogEntry>> RemoveMemberCaseAsync(Moderator moderator, ulong memberId, string? reason, CancellationToken cancellationToken)
    {
        var found = await FindMemberCaseAsync(moderator, memberId, cancellationToken);
        return found.IsSuccess ? await RemoveAsync(moderator, found.Value, reason, cancellationToken) : found.Error!;
    }

    /// <summary>What pruning by <paramref name="rule"/> would do: the count, a sample, and the effect on the default <c>/stats</c> medians.</summary>
    public async Task<PrunePreview> PreviewPruneAsync(Moderator moderator, PruneRule rule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moderator);

        // The version is read first: a write between the two reads only makes the preview look older.
        var version = await stats.GetGuildVersionAsync(moderator.GuildId, cancellationToken);
        var cases = await repository.LoadCasesAsync(moderator.GuildId, cancellationToken);
        var matched = (await QueueAsync(moderator.GuildId, cases, cancellationToken)).Where(e => rule.Matches(e)).ToList();
        var today = await TodayAsync(moderator.GuildId, cancellationToken);
        var counted = cases.Where(c => !c.Excluded).ToList();
        var targets = matched.ToDictionary(e => e.Case.Id, e => rule.Targets(e));

        // After the prune: a whole-case target leaves, a stage target keeps the case with those stages left out.
        var after = new List<CaseFacts>(counted.Count);
        foreach (var c in counted)
        {
            if (!targets.TryGetValue(c.Id, out var stages))
            {
                after.Add(c.ToFacts());
            }
            else if (!stages.IsEmpty)
            {
                after.Add(c.ToFacts() with { ExcludedStages = c.ExcludedStages.With(stages) });
            }
        }

        var beforeStats = StatsCalculator.Compute([.. counted.Select(c => c.ToFacts())], StatsFilter.Default, today);
        var afterStats = StatsCalculator.Compute(after, StatsFilter.Default, today);

        // The stages the prune changes, and the whole process whatever it changes: the harm of leaving a case out
        // shows there, where every excluded case takes its whole wait with it.
        var changed = targets.Values.Any(t => t.IsEmpty) ? StageSet.Of(StageNames.All) : StageSet.Of(targets.Values.SelectMany(t => t));
        var medians = StageNames.All
            .Where(s => changed.Contains(s) || s == Stage.AppliedToCard)
            .Select(s => new MedianChange(s, beforeStats.For(s).Median, afterStats.For(s).Median, beforeStats.For(s).Finished, afterStats.For(s).Finished))
            .ToList();
        return new PrunePreview(rule, matched.Count, [.. matched.Take(PruneSampleSize)], medians, version);
    }

    /// <summary>
    /// Applies a previewed prune: excludes every matching case in one transaction, as one undoable action.
    /// Refused when the server's data changed since the preview (<paramref name="previewVersion"/>).
    /// </summary>
    public async Task<Result<PruneResult>> PruneAsync(Moderator moderator, PruneRule rule, long previewVersion, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        await PurgeExpiredAsync(moderator.GuildId, cancellationToken);
        if (await stats.GetGuildVersionAsync(moderator.GuildId, cancellationToken) != previewVersion)
        {
            return new DomainError(ModerationErrorCodes.StalePreview, "Cases changed since the preview; run the prune again to see what it would do now.");
        }

        var matched = (await QueueAsync(moderator.GuildId, cancellationToken)).Where(e => rule.Matches(e)).Select(e => Ref(e.Case) with { Stages = rule.Targets(e) }).ToList();
        if (matched.Count == 0)
        {
            return DomainError.Of(ModerationErrorCodes.NothingToPrune, $"No case matches the {rule.Name()} rule; nothing was changed.", rule.Name());
        }

        var id = await repository.SetExcludedAsync(Record(moderator, ModerationAction.Prune, rule.Name(), reason ?? rule.Reason()), matched, excluded: true, cancellationToken);
        if (id is not { } actionId)
        {
            return Conflict();
        }

        var entry = await TellAsync(moderator, actionId, cancellationToken);
        return entry.IsSuccess ? new PruneResult(entry.Value, matched.Count) : entry.Error!;
    }

    /// <summary>
    /// Undoes the server's last undoable action, or the one with <paramref name="actionId"/>: an exclude, an
    /// include, a removal (within 30 days), a prune or an import. Refused when the action was already undone,
    /// or when a later action that is still in force touched one of its cases (undo that one first), so an undo
    /// never overwrites a newer decision.
    /// </summary>
    public async Task<Result<UndoResult>> UndoAsync(Moderator moderator, long? actionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        await PurgeExpiredAsync(moderator.GuildId, cancellationToken);
        var target = actionId is { } id
            ? await repository.GetEntryAsync(moderator.GuildId, id, cancellationToken)
            : await repository.GetLastUndoableAsync(moderator.GuildId, cancellationToken);
        if (target is null)
        {
            return actionId is { } missing
                ? DomainError.Of(ModerationErrorCodes.ActionNotFound, $"There is no action #{missing} in this server's log.", missing)
                : new DomainError(ModerationErrorCodes.ActionNotFound, "There is no action left to undo in this server.") { Key = ModerationErrorCodes.ActionNotFoundNone };
        }

        if (!target.Action.IsUndoable())
        {
            return DomainError.Of(ModerationErrorCodes.NotUndoable, $"Action #{target.Id} ({target.Action.Name()}) can't be undone.", target.Id, target.Action);
        }

        if (target.UndoneAt is { } undoneAt)
        {
            var undoneOn = ServerCalendar.DayOf(undoneAt, await _calendar.TimeZoneAsync(moderator.GuildId, cancellationToken));
            return DomainError.Keyed(ModerationErrorCodes.NotUndoable, $"Action #{target.Id} was already undone on {WaitText.Date(undoneOn)}.", ModerationErrorCodes.NotUndoableAlready, target.Id, undoneOn);
        }

        if (target.Action == ModerationAction.Remove && target.At.AddDays(options.UndoRemovalDays) <= time.GetUtcNow())
        {
            return DomainError.Of(
                ModerationErrorCodes.Purged,
                $"Action #{target.Id} removed its case more than {options.UndoRemovalDays} days ago; the case has been purged and can't be brought back.",
                target.Id,
                options.UndoRemovalDays);
        }

        var touched = target.Cases.Select(c => c.Id).ToHashSet();
        foreach (var later in await repository.GetLiveActionsAfterAsync(moderator.GuildId, target.Id, cancellationToken))
        {
            if (later.Cases.FirstOrDefault(c => touched.Contains(c.Id)) is { Id: not 0 } shared)
            {
                return DomainError.Of(
                    ModerationErrorCodes.LaterAction,
                    $"Action #{later.Id} ({later.Action.Name()}) changed case #{shared.Number} since; undo #{later.Id} first.",
                    later.Id,
                    later.Action,
                    shared.Number);
            }
        }

        var (result, undoId) = await repository.UndoAsync(
            Record(moderator, ModerationAction.Undo, target.Id.ToString(CultureInfo.InvariantCulture), null), target, cancellationToken);
        return result switch
        {
            UndoStoreResult.Done => new UndoResult(target, undoId!.Value),
            UndoStoreResult.OwnerHasNewCase => DomainError.Of(
                ModerationErrorCodes.OwnerHasNewCase,
                $"The member whose case action #{target.Id} removed has started a new case since; remove that one first if the old one should come back.",
                target.Id),
            UndoStoreResult.AlreadyUndone => DomainError.Keyed(ModerationErrorCodes.NotUndoable, $"Action #{target.Id} was undone by someone else just now.", ModerationErrorCodes.NotUndoableJustNow, target.Id),
            _ => Conflict(),
        };
    }

    /// <summary>A page (from 1) of the server's audit log, newest first.</summary>
    public async Task<LogPage> GetLogAsync(Moderator moderator, int page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        var size = options.LogPageSize;
        var requested = Math.Max(1, page);
        var (entries, total) = await repository.GetLogAsync(moderator.GuildId, (requested - 1) * size, size, cancellationToken);
        var (_, number, pages) = Paging(page, total, size);
        if (number != requested)
        {
            (entries, total) = await repository.GetLogAsync(moderator.GuildId, (number - 1) * size, size, cancellationToken);
        }

        return new LogPage(entries, number, pages, total);
    }

    /// <summary>Records a settings change (e.g. <c>feed-channel=123</c>) in the audit log.</summary>
    public async Task<Result<ModerationLogEntry>> RecordConfigAsync(Moderator moderator, string detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        var id = await repository.LogAsync(Record(moderator, ModerationAction.Config, detail, null), cancellationToken);
        return await EntryAsync(moderator, id, cancellationToken);
    }

    /// <summary>Writes the anonymised CSV of the server's cases (removed cases left out) in case-number order.</summary>
    public async Task ExportAsync(Moderator moderator, TextWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        var cases = await repository.LoadCasesAsync(moderator.GuildId, cancellationToken);
        CaseCsv.Write(cases, writer, await TodayAsync(moderator.GuildId, cancellationToken));
    }

    /// <summary>
    /// Reads a CSV (export or spreadsheet format). <see cref="ImportMode.Validate"/> reports the row errors and
    /// changes nothing; <see cref="ImportMode.Apply"/> also saves every valid row as an unassigned community case
    /// with a new number, all in one transaction, as one undoable action, and reports the rows it skipped.
    /// </summary>
    public async Task<Result<ImportReport>> ImportAsync(
        Moderator moderator, Stream file, ImportMode mode, string? reason, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        var today = await TodayAsync(moderator.GuildId, cancellationToken);
        var read = await CaseCsv.ReadAsync(
            file, today, centres, progress is null ? null : new Progress(n => progress.Report(new ImportProgress(ImportPhase.Reading, n, 0))), cancellationToken);
        if (!read.IsSuccess)
        {
            return read.Error!;
        }

        var csv = read.Value;
        if (mode == ImportMode.Validate || csv.Valid.Count == 0)
        {
            return new ImportReport(mode, csv.Rows, csv.Valid.Count, csv.Errors, null, []);
        }

        await PurgeExpiredAsync(moderator.GuildId, cancellationToken);
        var now = time.GetUtcNow();
        // One key per row under one key per import: a repeat of this import (a retry after a lost acknowledgement)
        // meets them and gets the first attempt's cases, never a second copy.
        var batch = Guid.NewGuid();
        var drafts = csv.Valid.Select(row => Draft(moderator, row, now, string.Create(CultureInfo.InvariantCulture, $"import:{batch:N}:{row.Row}"))).ToList();
        var record = Record(moderator, ModerationAction.Import, string.Create(CultureInfo.InvariantCulture, $"{csv.Valid.Count} of {csv.Rows} rows"), reason);
        var total = drafts.Count;
        var (actionId, saved) = await repository.ImportAsync(
            record, drafts, progress is null ? null : new Progress(n => progress.Report(new ImportProgress(ImportPhase.Saving, n, total))), cancellationToken);
        var entry = await EntryAsync(moderator, actionId, cancellationToken);
        return entry.IsSuccess
            ? new ImportReport(mode, csv.Rows, csv.Valid.Count, csv.Errors, entry.Value, [.. saved.Select(c => c.Number)])
            : entry.Error!;
    }

    /// <summary>Deletes for good the cases of every server removed longer ago than the undo window. Returns how many.</summary>
    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken) => PurgeExpiredAsync(null, cancellationToken);

    /// <summary>
    /// Deletes for good the cases of <paramref name="guildId"/> (of every server when null) removed longer ago
    /// than the undo window. A moderator's action purges its own server only, before it runs. Returns how many.
    /// </summary>
    public Task<int> PurgeExpiredAsync(ulong? guildId, CancellationToken cancellationToken) =>
        repository.PurgeAsync(guildId, time.GetUtcNow().AddDays(-options.UndoRemovalDays), cancellationToken);

    private async Task<Result<ModerationLogEntry>> SetExcludedAsync(
        Moderator moderator, long caseNumber, StageSet stages, bool excluded, string? reason, CancellationToken cancellationToken)
    {
        await PurgeExpiredAsync(moderator.GuildId, cancellationToken);
        var found = await FindCaseAsync(moderator, caseNumber, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var c = found.Value;
        if (ExclusionConflict(c, stages, excluded) is { } refusal)
        {
            return refusal;
        }

        var action = excluded ? ModerationAction.Exclude : ModerationAction.Include;
        var id = await repository.SetExcludedAsync(Record(moderator, action, null, reason), [Ref(c) with { Stages = stages }], excluded, cancellationToken);
        return id is { } actionId ? await TellAsync(moderator, actionId, cancellationToken) : Conflict();
    }

    // Why excluding or including this is not a change, with what to do instead; null when it is one. The
    // arguments are the case number and the stages (a StageSet the application names in its language).
    private static DomainError? ExclusionConflict(Case c, StageSet stages, bool excluded)
    {
        var n = c.CaseNumber;
        if (stages.IsEmpty)
        {
            return (excluded, c.Excluded, c.ExcludedStages.IsEmpty) switch
            {
                (true, true, _) => Already(ModerationErrorCodes.AlreadyExcluded, $"Case #{n} is already excluded from statistics.", n),
                (false, false, true) => Already(ModerationErrorCodes.AlreadyCounts, $"Case #{n} is not excluded; it already counts in statistics.", n),
                (false, false, false) => Already(
                    ModerationErrorCodes.AlreadyCountsExcept,
                    $"Case #{n} counts in statistics except for {c.ExcludedStages.Display()}: include that stage to count it again.",
                    n,
                    c.ExcludedStages),
                _ => null,
            };
        }

        if (c.Excluded)
        {
            return excluded
                ? Already(ModerationErrorCodes.AlreadyExcludedWhole, $"Case #{n} is already excluded from statistics as a whole.", n)
                : Already(ModerationErrorCodes.AlreadyExcludedIncludeWhole, $"Case #{n} is excluded as a whole: include the whole case to count it again.", n);
        }

        if (excluded && c.ExcludedStages.Overlaps(stages))
        {
            return Already(ModerationErrorCodes.AlreadyStagesExcluded, $"{Capitalised(stages.Display())} of case #{n} is already left out of statistics.", n, stages);
        }

        return !excluded && !c.ExcludedStages.ContainsAll(stages)
            ? Already(ModerationErrorCodes.AlreadyStagesCount, $"{Capitalised(stages.Display())} of case #{n} is not excluded; it already counts in statistics.", n, stages)
            : null;
    }

    private static DomainError Already(string key, FormattableString message, params object[] arguments) =>
        DomainError.Keyed(ModerationErrorCodes.AlreadyInState, message.ToString(CultureInfo.InvariantCulture), key, arguments);

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private async Task<Result<ModerationLogEntry>> RemoveAsync(Moderator moderator, Case c, string? reason, CancellationToken cancellationToken)
    {
        await PurgeExpiredAsync(moderator.GuildId, cancellationToken);
        var id = await repository.RemoveAsync(Record(moderator, ModerationAction.Remove, null, reason), Ref(c), cancellationToken);
        return id is { } actionId ? await TellAsync(moderator, actionId, cancellationToken) : Conflict();
    }

    private async Task<List<ReviewEntry>> QueueAsync(ulong guildId, CancellationToken cancellationToken) =>
        await QueueAsync(guildId, await repository.LoadCasesAsync(guildId, cancellationToken), cancellationToken);

    private async Task<List<ReviewEntry>> QueueAsync(ulong guildId, IReadOnlyList<Case> cases, CancellationToken cancellationToken)
    {
        var bursts = await repository.BusiestWindowAsync(guildId, BurstWindow, cancellationToken);
        var dismissed = await repository.LoadDismissalsAsync(guildId, cancellationToken);
        var zone = await _calendar.TimeZoneAsync(guildId, cancellationToken);
        return [.. ReviewRules.Evaluate(cases, bursts, options, time.GetUtcNow(), zone)
            .Where(e => !(dismissed.TryGetValue(e.Case.Id, out var version) && version == e.Case.Version))];
    }

    /// <summary>
    /// The member's notices not shown yet in this server (what moderators did to their case), each returned once:
    /// <c>/mycase show</c> and <c>/mycase start</c> show them.
    /// </summary>
    public Task<IReadOnlyList<MemberNotice>> TakeNoticesAsync(ulong guildId, ulong memberId, CancellationToken cancellationToken) =>
        repository.TakeNoticesAsync(guildId, memberId, time.GetUtcNow(), cancellationToken);

    // The saved action's log entry, after handing the notices it left for members to the observer (direct messages).
    private async Task<Result<ModerationLogEntry>> TellAsync(Moderator moderator, long actionId, CancellationToken cancellationToken)
    {
        if (notices is not null && await repository.GetNoticesAsync(moderator.GuildId, actionId, cancellationToken) is { Count: > 0 } created)
        {
            await notices.NoticesCreatedAsync(created, cancellationToken);
        }

        return await EntryAsync(moderator, actionId, cancellationToken);
    }

    private async Task<Result<ModerationLogEntry>> EntryAsync(Moderator moderator, long id, CancellationToken cancellationToken) =>
        await repository.GetEntryAsync(moderator.GuildId, id, cancellationToken) is { } entry
            ? entry
            : throw new InvalidOperationException($"Audit-log entry {id} was written but can't be read back.");

    private static (int Skip, int Page, int Pages) Paging(int page, int total, int size)
    {
        var pages = Math.Max(1, (total + size - 1) / size);
        var number = Math.Clamp(page, 1, pages);
        return ((number - 1) * size, number, pages);
    }

    private static (Case, IReadOnlyList<CaseHistoryEntry>) Draft(Moderator moderator, CsvCase row, DateTimeOffset now, string importKey)
    {
        var draft = new Case
        {
            GuildId = moderator.GuildId,
            OwnerId = null,
            ImportKey = importKey,
            Type = row.Type,
            ApplicantStatus = row.ApplicantStatus,
            Applicants = row.Applicants,
            CentreCode = row.CentreCode,
            Timeline = row.Timeline,
            Excluded = row.Excluded,
            ExcludedStages = row.ExcludedStages,
            CreatedAt = now,
            UpdatedAt = now,
        };

        // The history says the case came from an import by this moderator, field by field as a start would.
        var history = new List<CaseHistoryEntry>
        {
            new(CaseFields.Type, null, row.Type.Name(), now, moderator.UserId),
            new(CaseFields.ApplicantStatus, null, row.ApplicantStatus.Name(), now, moderator.UserId),
            new(CaseFields.Applicants, null, row.Applicants.ToString(CultureInfo.InvariantCulture), now, moderator.UserId),
        };
        if (row.CentreCode is not null)
        {
            history.Add(new(CaseFields.Centre, null, row.CentreCode, now, moderator.UserId));
        }

        foreach (var (milestone, name, _) in WireNames.AllMilestones)
        {
            if (row.Timeline.Get(milestone) is { } date)
            {
                history.Add(new(name, null, CaseRules.Iso(date), now, moderator.UserId));
            }
        }

        return (draft, history);
    }

    private ModerationRecord Record(Moderator moderator, ModerationAction action, string? detail, string? reason) =>
        new(moderator.GuildId, moderator.UserId, action, detail, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), time.GetUtcNow());

    private static CaseRef Ref(Case c) => new(c.Id, c.CaseNumber);

    private static DomainError Conflict() =>
        new(ModerationErrorCodes.Conflict, "The case changed while this ran; nothing was saved, please try again.");

    /// <summary>Today in the moderator's server, as its members' commands and <c>/stats</c> see it.</summary>
    public ValueTask<DateOnly> TodayAsync(ulong guildId, CancellationToken cancellationToken) => _calendar.TodayAsync(guildId, cancellationToken);

    // IProgress<T> without a synchronisation context: reports run inline, in order, on the caller's thread.
    private sealed class Progress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
