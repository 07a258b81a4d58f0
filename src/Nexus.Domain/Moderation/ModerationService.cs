using System.Globalization;
using Nexus.Domain.Cases;
using Nexus.Domain.Common;
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
/// </summary>
public sealed class ModerationService(
    IModerationRepository repository, IStatsSource stats, EnrolmentCentres centres, ModerationOptions options, TimeProvider time)
{
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
            : new DomainError(ModerationErrorCodes.CaseNotFound, $"There is no case #{caseNumber} in this server.");
    }

    /// <summary>The member's case in the moderator's server.</summary>
    public async Task<Result<Case>> FindMemberCaseAsync(Moderator moderator, ulong memberId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        return await repository.FindByOwnerAsync(moderator.GuildId, memberId, cancellationToken) is { } found
            ? found
            : new DomainError(ModerationErrorCodes.CaseNotFound, "That member has no case in this server.");
    }

    /// <summary>Takes a case out of statistics without deleting it.</summary>
    public Task<Result<ModerationLogEntry>> ExcludeAsync(Moderator moderator, long caseNumber, string? reason, CancellationToken cancellationToken) =>
        SetExcludedAsync(moderator, caseNumber, excluded: true, reason, cancellationToken);

    /// <summary>Puts an excluded case back into statistics.</summary>
    public Task<Result<ModerationLogEntry>> IncludeAsync(Moderator moderator, long caseNumber, string? reason, CancellationToken cancellationToken) =>
        SetExcludedAsync(moderator, caseNumber, excluded: false, reason, cancellationToken);

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
        var today = Today();
        var counted = cases.Where(c => !c.Excluded).ToList();
        var pruned = matched.Select(e => e.Case.Id).ToHashSet();
        var before = StatsCalculator.Compute([.. counted.Select(c => c.ToFacts())], StatsFilter.Default, today);
        var after = StatsCalculator.Compute([.. counted.Where(c => !pruned.Contains(c.Id)).Select(c => c.ToFacts())], StatsFilter.Default, today);
        var medians = StageNames.All.Select(s => new MedianChange(s, before.For(s).Median, after.For(s).Median)).ToList();
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

        var matched = (await QueueAsync(moderator.GuildId, cancellationToken)).Where(e => rule.Matches(e)).Select(e => Ref(e.Case)).ToList();
        if (matched.Count == 0)
        {
            return new DomainError(ModerationErrorCodes.NothingToPrune, $"No case matches the {rule.Name()} rule; nothing was changed.");
        }

        var id = await repository.SetExcludedAsync(Record(moderator, ModerationAction.Prune, rule.Name(), reason), matched, excluded: true, cancellationToken);
        if (id is not { } actionId)
        {
            return Conflict();
        }

        var entry = await EntryAsync(moderator, actionId, cancellationToken);
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
            return new DomainError(
                ModerationErrorCodes.ActionNotFound,
                actionId is { } missing ? $"There is no action #{missing} in this server's log." : "There is no action left to undo in this server.");
        }

        if (!target.Action.IsUndoable())
        {
            return new DomainError(ModerationErrorCodes.NotUndoable, $"Action #{target.Id} ({target.Action.Name()}) can't be undone.");
        }

        if (target.UndoneAt is { } undoneAt)
        {
            return new DomainError(ModerationErrorCodes.NotUndoable, $"Action #{target.Id} was already undone on {WaitText.Date(undoneAt.UtcDay())}.");
        }

        if (target.Action == ModerationAction.Remove && target.At.AddDays(options.UndoRemovalDays) <= time.GetUtcNow())
        {
            return new DomainError(
                ModerationErrorCodes.Purged,
                $"Action #{target.Id} removed its case more than {options.UndoRemovalDays} days ago; the case has been purged and can't be brought back.");
        }

        var touched = target.Cases.Select(c => c.Id).ToHashSet();
        foreach (var later in await repository.GetLiveActionsAfterAsync(moderator.GuildId, target.Id, cancellationToken))
        {
            if (later.Cases.FirstOrDefault(c => touched.Contains(c.Id)) is { Id: not 0 } shared)
            {
                return new DomainError(
                    ModerationErrorCodes.LaterAction,
                    $"Action #{later.Id} ({later.Action.Name()}) changed case #{shared.Number} since; undo #{later.Id} first.");
            }
        }

        var (result, undoId) = await repository.UndoAsync(
            Record(moderator, ModerationAction.Undo, target.Id.ToString(CultureInfo.InvariantCulture), null), target, cancellationToken);
        return result switch
        {
            UndoStoreResult.Done => new UndoResult(target, undoId!.Value),
            UndoStoreResult.OwnerHasNewCase => new DomainError(
                ModerationErrorCodes.OwnerHasNewCase,
                $"The member whose case action #{target.Id} removed has started a new case since; remove that one first if the old one should come back."),
            UndoStoreResult.AlreadyUndone => new DomainError(ModerationErrorCodes.NotUndoable, $"Action #{target.Id} was undone by someone else just now."),
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
        CaseCsv.Write(cases, writer, Today());
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
        var today = Today();
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

    private async Task<Result<ModerationLogEntry>> SetExcludedAsync(Moderator moderator, long caseNumber, bool excluded, string? reason, CancellationToken cancellationToken)
    {
        await PurgeExpiredAsync(moderator.GuildId, cancellationToken);
        var found = await FindCaseAsync(moderator, caseNumber, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var c = found.Value;
        if (c.Excluded == excluded)
        {
            return new DomainError(
                ModerationErrorCodes.AlreadyInState,
                excluded ? $"Case #{caseNumber} is already excluded from statistics." : $"Case #{caseNumber} is not excluded; it already counts in statistics.");
        }

        var action = excluded ? ModerationAction.Exclude : ModerationAction.Include;
        var id = await repository.SetExcludedAsync(Record(moderator, action, null, reason), [Ref(c)], excluded, cancellationToken);
        return id is { } actionId ? await EntryAsync(moderator, actionId, cancellationToken) : Conflict();
    }

    private async Task<Result<ModerationLogEntry>> RemoveAsync(Moderator moderator, Case c, string? reason, CancellationToken cancellationToken)
    {
        await PurgeExpiredAsync(moderator.GuildId, cancellationToken);
        var id = await repository.RemoveAsync(Record(moderator, ModerationAction.Remove, null, reason), Ref(c), cancellationToken);
        return id is { } actionId ? await EntryAsync(moderator, actionId, cancellationToken) : Conflict();
    }

    private async Task<List<ReviewEntry>> QueueAsync(ulong guildId, CancellationToken cancellationToken) =>
        await QueueAsync(guildId, await repository.LoadCasesAsync(guildId, cancellationToken), cancellationToken);

    private async Task<List<ReviewEntry>> QueueAsync(ulong guildId, IReadOnlyList<Case> cases, CancellationToken cancellationToken)
    {
        var bursts = await repository.BusiestWindowAsync(guildId, BurstWindow, cancellationToken);
        var dismissed = await repository.LoadDismissalsAsync(guildId, cancellationToken);
        return [.. ReviewRules.Evaluate(cases, bursts, options, time.GetUtcNow())
            .Where(e => !(dismissed.TryGetValue(e.Case.Id, out var version) && version == e.Case.Version))];
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

    private DateOnly Today() => time.Today();

    // IProgress<T> without a synchronisation context: reports run inline, in order, on the caller's thread.
    private sealed class Progress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
