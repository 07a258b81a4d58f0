using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Nexus.Domain.Cases;
using Nexus.Domain.Moderation;
using Nexus.Domain.Statistics;
using Nexus.Domain.Storage;
using Nexus.Domain.Tests.Support;

namespace Nexus.Domain.Tests.Moderation;

/// <summary>
/// Moderation through <see cref="ModerationService"/> over real storage, written once for every provider.
/// Each test uses fresh random server ids, so it also holds on a shared SQL Server database. Today is
/// 15 June 2025 on a fake clock.
/// </summary>
public abstract class ModerationContract : IAsyncLifetime
{
    protected static readonly DateOnly Today = new(2025, 6, 15);
    private const ulong ModeratorId = 777;

    protected FakeTimeProvider Clock { get; } = FakeTimeProvider.OnDay(Today);

    protected ulong Guild { get; } = NewId();

    protected Moderator Mod => new(Guild, ModeratorId);

    protected IDbConnectionFactory Factory { get; private set; } = null!;

    protected CaseRepository Cases { get; private set; } = null!;

    protected ModerationRepository Store { get; private set; } = null!;

    protected ModerationService Service { get; private set; } = null!;

    protected static ulong NewId() => (ulong)Random.Shared.NextInt64(1, long.MaxValue);

    protected abstract Task<IDbConnectionFactory> OpenDatabaseAsync();

    protected abstract Task CloseDatabaseAsync();

    public async Task InitializeAsync()
    {
        Factory = await OpenDatabaseAsync();
        Cases = new CaseRepository(Factory, NullLogger<CaseRepository>.Instance);
        Store = new ModerationRepository(Factory, Cases);
        Service = NewService(new ModerationOptions());
    }

    // Every test ends by checking that the case reader and the statistics load read the same cases, so each
    // kind of write the tests make is covered without repeating the check in each.
    public async Task DisposeAsync()
    {
        try
        {
            await CaseReaders.AssertAgreeAsync(Factory, Guild);
        }
        finally
        {
            await CloseDatabaseAsync();
        }
    }

    protected ModerationService NewService(ModerationOptions options) => new(Store, Cases, EnrolmentCentres.Default, options, Clock);

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    /// <summary>Saves a case as storage would hold it, bypassing the rules (as old or imported data does).</summary>
    protected async Task<Case> AddAsync(Timeline timeline, ulong? owner = null, ulong? guild = null, ApplicationType type = ApplicationType.Initial, DateTimeOffset? updatedAt = null)
    {
        var at = updatedAt ?? Clock.GetUtcNow();
        var draft = new Case
        {
            GuildId = guild ?? Guild,
            OwnerId = owner,
            Type = type,
            ApplicantStatus = ApplicantStatus.UsCitizen,
            Applicants = 2,
            CentreCode = "us-wa-blaine",
            Timeline = timeline,
            CreatedAt = at,
            UpdatedAt = at,
        };
        return (await Cases.InsertAsync(draft, [new(CaseFields.Type, null, "initial", at, owner ?? 1)], CancellationToken.None))!;
    }

    /// <summary>Twelve ordinary finished cases (30..41 days to conditional approval) and one far outlier (300 days).</summary>
    protected async Task<(List<Case> Usual, Case Outlier)> AddOutlierServerAsync()
    {
        var usual = new List<Case>();
        for (var days = 30; days < 42; days++)
        {
            usual.Add(await AddAsync(new Timeline(D(2025, 1, 1), D(2025, 1, 1).AddDays(days)), owner: NewId()));
        }

        return (usual, await AddAsync(new Timeline(D(2024, 6, 1), D(2024, 6, 1).AddDays(300)), owner: NewId()));
    }

    /// <summary>Every column of the server's case rows as text, to compare storage exactly.</summary>
    protected async Task<string> DumpAsync()
    {
        await using var connection = await Factory.OpenAsync(CancellationToken.None);
        var text = new StringBuilder();
        var parameters = new { GuildId = unchecked((long)Guild) };
        foreach (IDictionary<string, object?> row in await connection.QueryAsync(new CommandDefinition("SELECT * FROM cases WHERE guild_id = @GuildId ORDER BY id", parameters)))
        {
            text.AppendLine(string.Join("|", row.Select(kv => kv.Key + "=" + Convert.ToString(kv.Value, CultureInfo.InvariantCulture))));
        }

        return text.ToString();
    }

    protected async Task<StatsReport> StatsAsync()
    {
        var (_, cases) = await Cases.LoadGuildCasesAsync(Guild, CancellationToken.None);
        return StatsCalculator.Compute(cases, StatsFilter.Default, Today);
    }

    // ---- Who may act where ----

    [Fact]
    public virtual async Task A_moderator_of_another_server_cannot_touch_a_case_even_by_its_number()
    {
        var mine = await AddAsync(new Timeline(D(2025, 1, 1)), owner: 5);
        var otherGuild = NewId();
        var intruder = new Moderator(otherGuild, 999);

        Errors.AssertError(await Service.ExcludeAsync(intruder, mine.CaseNumber, StageSet.None, "spam", CancellationToken.None), ModerationErrorCodes.CaseNotFound, $"There is no case #{mine.CaseNumber} in this server.");
        Errors.AssertError(await Service.RemoveAsync(intruder, mine.CaseNumber, "spam", CancellationToken.None), ModerationErrorCodes.CaseNotFound, $"There is no case #{mine.CaseNumber} in this server.");
        Errors.AssertError(await Service.RemoveMemberCaseAsync(intruder, 5, "spam", CancellationToken.None), ModerationErrorCodes.CaseNotFound, "That member has no case in this server.");
        Errors.AssertError(await Service.DismissAsync(intruder, mine.CaseNumber, CancellationToken.None), ModerationErrorCodes.CaseNotFound, $"There is no case #{mine.CaseNumber} in this server.");
        Errors.AssertError(await Service.UndoAsync(intruder, null, CancellationToken.None), ModerationErrorCodes.ActionNotFound, "There is no action left to undo in this server.");

        // Same case number in both servers: acting in the other server changes only its own case.
        var theirs = await AddAsync(new Timeline(D(2025, 1, 1)), guild: otherGuild);
        Assert.Equal(mine.CaseNumber, theirs.CaseNumber);
        Errors.AssertOk(await Service.ExcludeAsync(intruder, theirs.CaseNumber, StageSet.None, "spam", CancellationToken.None));
        Assert.False((await Cases.FindByNumberAsync(Guild, mine.CaseNumber, CancellationToken.None))!.Excluded);
        Assert.True((await Cases.FindByNumberAsync(otherGuild, theirs.CaseNumber, CancellationToken.None))!.Excluded);
        Errors.AssertError(await Service.UndoAsync(Mod, null, CancellationToken.None), ModerationErrorCodes.ActionNotFound, "There is no action left to undo in this server.");
        Assert.Empty((await Service.GetLogAsync(Mod, 1, CancellationToken.None)).Entries);
    }

    // ---- Exclude and include ----

    [Fact]
    public virtual async Task Exclude_takes_a_case_out_of_statistics_and_include_puts_it_back()
    {
        var c = await AddAsync(new Timeline(D(2025, 1, 1)), owner: 5);

        var excluded = Errors.AssertOk(await Service.ExcludeAsync(Mod, c.CaseNumber, StageSet.None, "joke entry", CancellationToken.None));

        Assert.Empty((await Cases.LoadGuildCasesAsync(Guild, CancellationToken.None)).Cases.Rows);
        Assert.True((await Cases.FindByOwnerAsync(Guild, 5, CancellationToken.None))!.Excluded);
        Assert.Equal((ModerationAction.Exclude, "joke entry"), (excluded.Action, excluded.Reason));
        Assert.Equal([new CaseRef(c.Id, c.CaseNumber)], excluded.Cases);
        Errors.AssertError(await Service.ExcludeAsync(Mod, c.CaseNumber, StageSet.None, null, CancellationToken.None), ModerationErrorCodes.AlreadyInState, $"Case #{c.CaseNumber} is already excluded from statistics.");

        Errors.AssertOk(await Service.IncludeAsync(Mod, c.CaseNumber, StageSet.None, null, CancellationToken.None));

        Assert.Single((await Cases.LoadGuildCasesAsync(Guild, CancellationToken.None)).Cases.Rows);
        Errors.AssertError(await Service.IncludeAsync(Mod, c.CaseNumber, StageSet.None, null, CancellationToken.None), ModerationErrorCodes.AlreadyInState, $"Case #{c.CaseNumber} is not excluded; it already counts in statistics.");
    }

    [Fact]
    public virtual async Task A_members_edit_never_clears_a_moderators_exclusion()
    {
        var c = await AddAsync(new Timeline(D(2025, 1, 1)), owner: 5);
        Errors.AssertOk(await Service.ExcludeAsync(Mod, c.CaseNumber, StageSet.None, null, CancellationToken.None));

        // The member's save carries the case as read before the exclusion (Excluded = false).
        var saved = await Cases.TryUpdateAsync(c with { Timeline = c.Timeline with { Conditional = D(2025, 2, 1) } }, [], CancellationToken.None);

        Assert.NotNull(saved);
        Assert.True((await Cases.FindByOwnerAsync(Guild, 5, CancellationToken.None))!.Excluded);
    }

    [Fact]
    public virtual async Task Listings_show_every_visible_case_newest_first_with_the_excluded_mark_and_filters()
    {
        var first = await AddAsync(new Timeline(D(2025, 1, 1)), owner: 1);
        var second = await AddAsync(new Timeline(D(2025, 1, 2)), owner: 2, type: ApplicationType.Renewal);
        var third = await AddAsync(new Timeline(D(2025, 1, 3)), owner: 3);
        var removed = await AddAsync(new Timeline(D(2025, 1, 4)), owner: 4);
        await AddAsync(new Timeline(D(2025, 1, 5)), guild: NewId());
        Errors.AssertOk(await Service.ExcludeAsync(Mod, second.CaseNumber, StageSet.None, null, CancellationToken.None));
        Errors.AssertOk(await Service.RemoveAsync(Mod, removed.CaseNumber, null, CancellationToken.None));

        var page = await Cases.ListRecentAsync(Guild, CaseListFilter.None, 0, 2, CancellationToken.None);
        var rest = await Cases.ListRecentAsync(Guild, CaseListFilter.None, 2, 2, CancellationToken.None);
        var renewals = await Cases.ListRecentAsync(Guild, new CaseListFilter(Type: ApplicationType.Renewal), 0, 10, CancellationToken.None);
        // A centre typed in another case matches the stored code (compared without LOWER() on the column).
        var blaine = await Cases.ListRecentAsync(Guild, new CaseListFilter(CentreCode: " US-WA-Blaine "), 0, 10, CancellationToken.None);
        var elsewhere = await Cases.ListRecentAsync(Guild, new CaseListFilter(CentreCode: "ca-on-fort-erie"), 0, 10, CancellationToken.None);

        Assert.Equal(3, page.Total);
        Assert.Equal([(third.CaseNumber, false), (second.CaseNumber, true)], page.Cases.Select(c => (c.CaseNumber, c.Excluded)));
        Assert.Equal([first.CaseNumber], rest.Cases.Select(c => c.CaseNumber));
        Assert.Equal((1, second.CaseNumber), (renewals.Total, renewals.Cases.Single().CaseNumber));
        Assert.Equal(3, blaine.Total);
        Assert.Equal(0, elsewhere.Total);
    }

    // ---- Remove, undo, purge ----

    [Fact]
    public virtual async Task A_removed_case_is_invisible_its_owner_may_start_again_and_undo_brings_it_back()
    {
        var c = await AddAsync(new Timeline(D(2025, 1, 1), D(2025, 2, 1)), owner: 5);
        var before = await DumpAsync();

        var removal = Errors.AssertOk(await Service.RemoveMemberCaseAsync(Mod, 5, "duplicate", CancellationToken.None));

        Assert.Null(await Cases.FindByOwnerAsync(Guild, 5, CancellationToken.None));
        Assert.Null(await Cases.FindByNumberAsync(Guild, c.CaseNumber, CancellationToken.None));
        Assert.Empty((await Cases.LoadGuildCasesAsync(Guild, CancellationToken.None)).Cases.Rows);
        Assert.Equal(0, (await Cases.ListRecentAsync(Guild, CaseListFilter.None, 0, 10, CancellationToken.None)).Total);
        Errors.AssertError(await Service.RemoveAsync(Mod, c.CaseNumber, null, CancellationToken.None), ModerationErrorCodes.CaseNotFound, $"There is no case #{c.CaseNumber} in this server.");

        var undone = Errors.AssertOk(await Service.UndoAsync(Mod, null, CancellationToken.None));

        Assert.Equal(removal.Id, undone.Target.Id);
        Assert.Equal(before, await DumpAsync());
        Assert.Equal(c, await Cases.FindByOwnerAsync(Guild, 5, CancellationToken.None));
    }

    [Fact]
    public virtual async Task Undoing_a_removal_is_refused_when_the_owner_started_a_new_case()
    {
        var c = await AddAsync(new Timeline(D(2025, 1, 1)), owner: 5);
        var removal = Errors.AssertOk(await Service.RemoveAsync(Mod, c.CaseNumber, null, CancellationToken.None));
        var members = new CaseService(Cases, EnrolmentCentres.Default, Clock);
        var fresh = Errors.AssertOk(await members.StartAsync(new StartCaseRequest(Guild, 5, D(2025, 3, 1), ApplicationType.Initial, ApplicantStatus.CaCitizen), CancellationToken.None));

        Errors.AssertError(
            await Service.UndoAsync(Mod, removal.Id, CancellationToken.None),
            ModerationErrorCodes.OwnerHasNewCase,
            $"The member whose case action #{removal.Id} removed has started a new case since; remove that one first if the old one should come back.");

        Assert.Equal(fresh, await Cases.FindByOwnerAsync(Guild, 5, CancellationToken.None));
        Assert.Null((await Store.GetEntryAsync(Guild, removal.Id, CancellationToken.None))!.UndoneAt);
    }

    [Fact]
    public virtual async Task A_removal_can_be_undone_for_30_days_then_the_case_is_purged()
    {
        var kept = await AddAsync(new Timeline(D(2025, 1, 1)), owner: 5);
        var doomed = await AddAsync(new Timeline(D(2025, 1, 1)), owner: 6);
        var early = Errors.AssertOk(await Service.RemoveAsync(Mod, kept.CaseNumber, null, CancellationToken.None));
        var late = Errors.AssertOk(await Service.RemoveAsync(Mod, doomed.CaseNumber, null, CancellationToken.None));

        Clock.Advance(TimeSpan.FromDays(29));
        Errors.AssertOk(await Service.UndoAsync(Mod, early.Id, CancellationToken.None));
        Assert.Equal(0, await Service.PurgeExpiredAsync(Guild, CancellationToken.None));
        Clock.Advance(TimeSpan.FromDays(1));

        Errors.AssertError(
            await Service.UndoAsync(Mod, late.Id, CancellationToken.None),
            ModerationErrorCodes.Purged,
            $"Action #{late.Id} removed its case more than 30 days ago; the case has been purged and can't be brought back.");

        await using var connection = await Factory.OpenAsync(CancellationToken.None);
        Assert.Equal([kept.Id], await connection.QueryAsync<long>(new CommandDefinition("SELECT id FROM cases WHERE guild_id = @G", new { G = unchecked((long)Guild) })));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COUNT(*) FROM case_history WHERE case_id = @Id", new { doomed.Id })));
        Assert.NotNull(await Cases.FindByOwnerAsync(Guild, 5, CancellationToken.None));
    }

    // ---- Prune and undo ----

    [Fact]
    public virtual async Task Prune_preview_shows_count_sample_and_median_effect_and_changes_nothing()
    {
        var (_, outlier) = await AddOutlierServerAsync();
        var before = await DumpAsync();

        var preview = await Service.PreviewPruneAsync(Mod, PruneRule.Outliers, CancellationToken.None);

        Assert.Equal(1, preview.Count);
        Assert.Equal(outlier.CaseNumber, preview.Sample.Single().Case.CaseNumber);
        Assert.Contains(preview.Sample.Single().Findings, f => f.Reason == ReviewReason.Outlier);
        var applied = preview.Medians.Single(m => m.Stage == Stage.AppliedToConditional);
        // Before: 13 waits (30..41 and 300), the 7th is 36. After: 12 waits, the midpoint of 35 and 36.
        Assert.Equal((WaitQuantile.Exactly(36), WaitQuantile.Exactly(35.5)), (applied.Before, applied.After));
        Assert.Equal(await Cases.GetGuildVersionAsync(Guild, CancellationToken.None), preview.DataVersion);
        Assert.Equal(before, await DumpAsync());
    }

    [Fact]
    public virtual async Task Prune_confirm_then_undo_restores_rows_and_stats_exactly()
    {
        await AddOutlierServerAsync();
        await AddAsync(new Timeline(D(2025, 3, 1), D(2025, 2, 1)), owner: NewId());
        var rowsBefore = await DumpAsync();
        var statsBefore = await StatsAsync();
        var preview = await Service.PreviewPruneAsync(Mod, PruneRule.Outliers, CancellationToken.None);

        var pruned = Errors.AssertOk(await Service.PruneAsync(Mod, PruneRule.Outliers, preview.DataVersion, "cleanup", CancellationToken.None));

        Assert.Equal(1, pruned.Count);
        Assert.Equal((ModerationAction.Prune, "outliers", "cleanup"), (pruned.Action.Action, pruned.Action.Detail, pruned.Action.Reason));
        Assert.NotEqual(rowsBefore, await DumpAsync());
        Assert.Equal(preview.Medians.Single(m => m.Stage == Stage.AppliedToConditional).After, (await StatsAsync()).For(Stage.AppliedToConditional).Median);

        var undone = Errors.AssertOk(await Service.UndoAsync(Mod, pruned.Action.Id, CancellationToken.None));

        Assert.Equal(pruned.Action.Id, undone.Target.Id);
        Assert.Equal(rowsBefore, await DumpAsync());
        var statsAfter = await StatsAsync();
        Assert.Equal(statsBefore.Stages, statsAfter.Stages);
        Assert.Equal(statsBefore.Trend, statsAfter.Trend);
        Assert.Equal(statsBefore.NowProcessing, statsAfter.NowProcessing);
        Errors.AssertError(await Service.UndoAsync(Mod, pruned.Action.Id, CancellationToken.None), ModerationErrorCodes.NotUndoable,
            $"Action #{pruned.Action.Id} was already undone on 15 June 2025.");
    }

    [Fact]
    public virtual async Task Prune_is_refused_when_cases_changed_since_the_preview_or_nothing_matches()
    {
        await AddOutlierServerAsync();
        var preview = await Service.PreviewPruneAsync(Mod, PruneRule.Outliers, CancellationToken.None);
        await AddAsync(new Timeline(D(2025, 1, 1)), owner: NewId());

        Errors.AssertError(await Service.PruneAsync(Mod, PruneRule.Outliers, preview.DataVersion, null, CancellationToken.None), ModerationErrorCodes.StalePreview,
            "Cases changed since the preview; run the prune again to see what it would do now.");
        var stale = await Service.PreviewPruneAsync(Mod, PruneRule.Stale, CancellationToken.None);
        Errors.AssertError(await Service.PruneAsync(Mod, PruneRule.Stale, stale.DataVersion, null, CancellationToken.None), ModerationErrorCodes.NothingToPrune,
            "No case matches the stale rule; nothing was changed.");
    }

    [Fact]
    public virtual async Task Prune_invalid_and_stale_take_their_cases()
    {
        var invalid = await AddAsync(new Timeline(D(2025, 3, 1), D(2025, 2, 1)), owner: NewId());
        var impossible = await AddAsync(new Timeline(D(2020, 1, 1), D(2023, 6, 1)), owner: NewId());
        var stale = await AddAsync(new Timeline(D(2023, 1, 1)), owner: NewId(), updatedAt: Clock.GetUtcNow().AddMonths(-19));
        await AddAsync(new Timeline(D(2025, 1, 1)), owner: NewId());

        var invalidPreview = await Service.PreviewPruneAsync(Mod, PruneRule.Invalid, CancellationToken.None);
        var stalePreview = await Service.PreviewPruneAsync(Mod, PruneRule.Stale, CancellationToken.None);

        Assert.Equal([invalid.CaseNumber, impossible.CaseNumber], invalidPreview.Sample.Select(e => e.Case.CaseNumber));
        Assert.Equal([stale.CaseNumber], stalePreview.Sample.Select(e => e.Case.CaseNumber));
        var result = Errors.AssertOk(await Service.PruneAsync(Mod, PruneRule.Invalid, invalidPreview.DataVersion, null, CancellationToken.None));
        Assert.Equal([invalid.CaseNumber, impossible.CaseNumber], result.Action.Cases.Select(c => c.Number));
    }

    // ---- Undo rules ----

    [Fact]
    public virtual async Task Undo_refuses_an_older_action_whose_cases_a_later_action_changed()
    {
        var c = await AddAsync(new Timeline(D(2025, 1, 1)), owner: 5);
        var exclude = Errors.AssertOk(await Service.ExcludeAsync(Mod, c.CaseNumber, StageSet.None, null, CancellationToken.None));
        var include = Errors.AssertOk(await Service.IncludeAsync(Mod, c.CaseNumber, StageSet.None, null, CancellationToken.None));

        Errors.AssertError(await Service.UndoAsync(Mod, exclude.Id, CancellationToken.None), ModerationErrorCodes.LaterAction,
            $"Action #{include.Id} (include) changed case #{c.CaseNumber} since; undo #{include.Id} first.");

        // Undoing the later one first, then the older one, walks back in order.
        Assert.Equal(include.Id, Errors.AssertOk(await Service.UndoAsync(Mod, null, CancellationToken.None)).Target.Id);
        Assert.True((await Cases.FindByOwnerAsync(Guild, 5, CancellationToken.None))!.Excluded);
        Assert.Equal(exclude.Id, Errors.AssertOk(await Service.UndoAsync(Mod, null, CancellationToken.None)).Target.Id);
        Assert.False((await Cases.FindByOwnerAsync(Guild, 5, CancellationToken.None))!.Excluded);
        Errors.AssertError(await Service.UndoAsync(Mod, null, CancellationToken.None), ModerationErrorCodes.ActionNotFound, "There is no action left to undo in this server.");
    }

    [Fact]
    public virtual async Task Undo_refuses_unknown_and_final_actions()
    {
        var c = await AddAsync(new Timeline(D(2025, 3, 1), D(2025, 2, 1)), owner: 5);
        var dismiss = Errors.AssertOk(await Service.DismissAsync(Mod, c.CaseNumber, CancellationToken.None));

        Errors.AssertError(await Service.UndoAsync(Mod, dismiss.Id, CancellationToken.None), ModerationErrorCodes.NotUndoable, $"Action #{dismiss.Id} (dismiss) can't be undone.");
        Errors.AssertError(await Service.UndoAsync(Mod, 987654, CancellationToken.None), ModerationErrorCodes.ActionNotFound, "There is no action #987654 in this server's log.");
    }

    // ---- Review queue ----

    [Fact]
    public virtual async Task Review_lists_suspicious_cases_in_pages_and_a_dismissal_hides_one_until_it_changes()
    {
        var members = new CaseService(Cases, EnrolmentCentres.Default, Clock);
        var owner = NewId();
        var bad = await AddAsync(new Timeline(D(2025, 3, 1), D(2025, 2, 1)), owner: owner);
        await AddAsync(new Timeline(D(2025, 1, 1)), owner: NewId());
        var stale = await AddAsync(new Timeline(D(2023, 1, 1)), owner: NewId(), updatedAt: Clock.GetUtcNow().AddMonths(-19));
        var service = NewService(new ModerationOptions { PageSize = 1 });

        var first = await service.ReviewAsync(Mod, 1, CancellationToken.None);
        var last = await service.ReviewAsync(Mod, 9, CancellationToken.None);

        Assert.Equal((1, 2, 2), (first.Page, first.TotalPages, first.TotalEntries));
        Assert.Equal(bad.CaseNumber, first.Entries.Single().Case.CaseNumber);
        Assert.Equal((2, stale.CaseNumber), (last.Page, last.Entries.Single().Case.CaseNumber));

        Errors.AssertOk(await service.DismissAsync(Mod, bad.CaseNumber, CancellationToken.None));
        Assert.Equal([stale.CaseNumber], (await service.ReviewAsync(Mod, 1, CancellationToken.None)).Entries.Select(e => e.Case.CaseNumber));

        // The member fixes nothing but records another change: the case changed, so it is reviewed again.
        Errors.AssertOk(await members.SetVisibilityAsync(Guild, owner, true, CancellationToken.None));
        Assert.Equal(bad.CaseNumber, (await service.ReviewAsync(Mod, 1, CancellationToken.None)).Entries.Single().Case.CaseNumber);
    }

    [Fact]
    public virtual async Task A_burst_of_edits_in_the_history_puts_a_case_in_the_queue()
    {
        var owner = NewId();
        await AddAsync(new Timeline(D(2025, 1, 1)), owner: owner);
        var members = new CaseService(Cases, EnrolmentCentres.Default, Clock);
        // The start and ten more saves within ten minutes: eleven saves in an hour.
        for (var i = 0; i < 10; i++)
        {
            Clock.Advance(TimeSpan.FromMinutes(1));
            Errors.AssertOk(await members.SetVisibilityAsync(Guild, owner, i % 2 == 0, CancellationToken.None));
        }

        var entry = (await Service.ReviewAsync(Mod, 1, CancellationToken.None)).Entries.Single();

        Assert.Equal([new BurstFinding(11, 10)], entry.Findings);
    }

    // ---- Audit log ----

    [Fact]
    public virtual async Task The_audit_log_records_who_when_what_why_and_which_cases_newest_first()
    {
        var c = await AddAsync(new Timeline(D(2025, 1, 1)), owner: 5);
        var at = Clock.GetUtcNow();
        var exclude = Errors.AssertOk(await Service.ExcludeAsync(Mod, c.CaseNumber, StageSet.None, "  joke entry ", CancellationToken.None));
        Clock.Advance(TimeSpan.FromMinutes(5));
        var undo = Errors.AssertOk(await Service.UndoAsync(new Moderator(Guild, 888), null, CancellationToken.None));
        var config = Errors.AssertOk(await Service.RecordConfigAsync(Mod, "feed-channel=off", CancellationToken.None));

        var log = await Service.GetLogAsync(Mod, 1, CancellationToken.None);

        Assert.Equal((1, 1, 3), (log.Page, log.TotalPages, log.TotalEntries));
        Assert.Equal([config.Id, undo.UndoActionId, exclude.Id], log.Entries.Select(e => e.Id));
        var excluded = log.Entries[2];
        Assert.Equal(
            new ModerationLogEntry(exclude.Id, Guild, ModeratorId, ModerationAction.Exclude, null, "joke entry", excluded.Cases, at, at.AddMinutes(5), 888, null),
            excluded with { UndoneAt = excluded.UndoneAt });
        Assert.Equal([new CaseRef(c.Id, c.CaseNumber)], excluded.Cases);
        Assert.Equal((ModerationAction.Undo, (ulong)888, (long?)exclude.Id, exclude.Id.ToString(CultureInfo.InvariantCulture)),
            (log.Entries[1].Action, log.Entries[1].ActorId, log.Entries[1].UndoOf, log.Entries[1].Detail));
        Assert.Equal((ModerationAction.Config, "feed-channel=off"), (log.Entries[0].Action, log.Entries[0].Detail));
        Assert.DoesNotContain(typeof(IModerationRepository).GetMethods(), m => m.Name.Contains("Update", StringComparison.Ordinal) || m.Name.Contains("Delete", StringComparison.Ordinal));
    }

    // ---- Export and import ----

    [Fact]
    public virtual async Task Export_then_import_into_another_server_round_trips_every_case()
    {
        await AddOutlierServerAsync();
        var renewal = await AddAsync(new Timeline(D(2025, 1, 1), Approved: D(2025, 2, 1), Card: D(2025, 3, 1)), owner: NewId(), type: ApplicationType.Renewal);
        Errors.AssertOk(await Service.ExcludeAsync(Mod, renewal.CaseNumber, StageSet.None, null, CancellationToken.None));
        var csv = new StringWriter();
        await Service.ExportAsync(Mod, csv, CancellationToken.None);
        var target = new Moderator(NewId(), ModeratorId);
        var progress = new List<ImportProgress>();

        var report = Errors.AssertOk(await Service.ImportAsync(
            target, new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), ImportMode.Apply, "migration", new ListProgress(progress), CancellationToken.None));

        Assert.Equal((14, 14, 0), (report.Rows, report.Valid, report.Errors.Count));
        static object Shape(Case c) => (c.OwnerId, c.Type, c.ApplicantStatus, c.Applicants, c.CentreCode, c.Timeline, c.Excluded, c.Visible);
        var original = await Store.LoadCasesAsync(Guild, CancellationToken.None);
        var imported = await Store.LoadCasesAsync(target.GuildId, CancellationToken.None);
        Assert.Equal(original.Select(c => Shape(c with { OwnerId = null })), imported.Select(Shape));
        Assert.Equal(report.NewCaseNumbers, imported.Select(c => c.CaseNumber));
        Assert.Equal(ImportPhase.Saving, progress[^1].Phase);
        Assert.Equal((14, 14), (progress[^1].Done, progress[^1].Total));
        var reexport = new StringWriter();
        await Service.ExportAsync(target, reexport, CancellationToken.None);
        Assert.Equal(csv.ToString(), reexport.ToString());
        Assert.DoesNotContain(renewal.OwnerId!.Value.ToString(CultureInfo.InvariantCulture), csv.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public virtual async Task A_csv_with_bad_rows_validate_reports_them_and_apply_keeps_only_the_good_ones_in_one_action()
    {
        const string file = """
            Applied,Type,Status,Applicants,Centre,Conditional approval,Interview,Approved,Card
            2025-01-10,initial,us-citizen,2,us-wa-blaine,2025-02-20,2025-03-15,2025-03-20,2025-04-02
            2025-03-01,initial,us-citizen,1,,2025-02-01,,,
            1 May 2024,renewal,Canadian citizen,1,,,,"June 3, 2024",
            05/01/2024,initial,ca-pr,1,,,,,
            2025-01-10,initial,martian,1,,,,,
            2025-01-10,initial,us-pr,11,,,,,
            2025-01-10,initial,us-pr,1,nowhere,,,,
            """;
        var versionBefore = await Cases.GetGuildVersionAsync(Guild, CancellationToken.None);

        var validated = Errors.AssertOk(await Service.ImportAsync(Mod, Utf8(file), ImportMode.Validate, null, null, CancellationToken.None));

        Assert.Equal((7, 2), (validated.Rows, validated.Valid));
        // Each row keeps its rule's error, key and arguments, for the application to word.
        Assert.Equal(
            [
                (3, CaseErrorCodes.OrderBefore, "Conditional approval can't be before your application date (2025-03-01)."),
                (5, CaseErrorCodes.DateAmbiguous, "'05/01/2024' could be 1 May or 5 January; please write it year first, like 2024-05-01 or 2024-01-05."),
                (6, ModerationErrorCodes.CsvRowApplicantStatus, "The applicant status must be one of us-citizen, ca-citizen, us-pr, ca-pr, mx-national."),
                (7, CaseErrorCodes.Applicants, "The number of applicants must be between 1 and 10."),
                (8, CaseErrorCodes.Centre, "'nowhere' isn't a known enrolment centre; pick one from the list."),
            ],
            validated.Errors.Select(e => (e.Row, e.Error.Key, e.Error.Message)));
        Assert.Equal(["us-citizen, ca-citizen, us-pr, ca-pr, mx-national"], validated.Errors[2].Error.Arguments);
        Assert.Null(validated.Action);
        Assert.Empty(await Store.LoadCasesAsync(Guild, CancellationToken.None));
        Assert.Equal(versionBefore, await Cases.GetGuildVersionAsync(Guild, CancellationToken.None));

        var applied = Errors.AssertOk(await Service.ImportAsync(Mod, Utf8(file), ImportMode.Apply, null, null, CancellationToken.None));

        Assert.Equal(validated.Errors.Select(e => (e.Row, e.Error.Key, e.Error.Message)), applied.Errors.Select(e => (e.Row, e.Error.Key, e.Error.Message)));
        var cases = await Store.LoadCasesAsync(Guild, CancellationToken.None);
        Assert.Equal(
            [
                new Timeline(D(2025, 1, 10), D(2025, 2, 20), D(2025, 3, 15), D(2025, 3, 15), D(2025, 3, 20), D(2025, 4, 2)),
                new Timeline(D(2024, 5, 1), Approved: D(2024, 6, 3)),
            ],
            cases.Select(c => c.Timeline));
        Assert.All(cases, c => Assert.Null(c.OwnerId));
        Assert.Equal([ApplicantStatus.UsCitizen, ApplicantStatus.CaCitizen], cases.Select(c => c.ApplicantStatus));
        var log = (await Service.GetLogAsync(Mod, 1, CancellationToken.None)).Entries.Single();
        Assert.Equal((ModerationAction.Import, "2 of 7 rows"), (log.Action, log.Detail));
        Assert.Equal(cases.Select(c => c.CaseNumber), log.Cases.Select(c => c.Number));

        Errors.AssertOk(await Service.UndoAsync(Mod, log.Id, CancellationToken.None));
        Assert.Empty(await Store.LoadCasesAsync(Guild, CancellationToken.None));
    }

    [Fact]
    public virtual async Task Import_refuses_files_too_large_with_too_many_rows_or_unknown_columns()
    {
        var tooBig = new MemoryStream(new byte[CaseCsv.MaxBytes + 1]);
        var tooMany = new StringBuilder("applied,type,applicant_status\n");
        for (var i = 0; i <= CaseCsv.MaxRows; i++)
        {
            tooMany.Append("2025-01-01,initial,us-pr\n");
        }

        Errors.AssertError(await Service.ImportAsync(Mod, tooBig, ImportMode.Apply, null, null, CancellationToken.None), ModerationErrorCodes.CsvFile,
            "The file is larger than 5 MB; split it into smaller files.");
        Errors.AssertError(await Service.ImportAsync(Mod, Utf8(tooMany.ToString()), ImportMode.Apply, null, null, CancellationToken.None), ModerationErrorCodes.CsvFile,
            "The file has more than 50,000 rows; split it into smaller files.");
        Errors.AssertError(await Service.ImportAsync(Mod, Utf8("applied,type,applicant_status,colour\n"), ImportMode.Apply, null, null, CancellationToken.None), ModerationErrorCodes.CsvFile,
            "Unknown column 'colour'; use the export's column names (case_number, type, applicant_status, applicants, centre, case_status, applied, conditional, interview_ca, interview_us, approved, card, denied, excluded, excluded_stages) or the spreadsheet names in docs/moderation.md.");
        Errors.AssertError(await Service.ImportAsync(Mod, Utf8("applied,type\n"), ImportMode.Apply, null, null, CancellationToken.None), ModerationErrorCodes.CsvFile,
            "The file has no 'applicant_status' column; every row needs the application date, the type and the applicant status.");
        Errors.AssertError(await Service.ImportAsync(Mod, Utf8(""), ImportMode.Apply, null, null, CancellationToken.None), ModerationErrorCodes.CsvFile,
            "The file is empty; the first row must name the columns, like the export's.");
        Assert.Empty(await Store.LoadCasesAsync(Guild, CancellationToken.None));
    }

    private static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    // ---- Stage exclusions, the case view, member notices ----

    // Six finished initial applications, each 40 days to conditional approval, and the one given, which the tests
    // exclude a stage of.
    private async Task<Case> AddFinishedServerAsync(Timeline odd, ulong? owner = null)
    {
        for (var i = 0; i < 6; i++)
        {
            var applied = D(2025, 1, 1).AddDays(i);
            await AddAsync(new Timeline(applied, applied.AddDays(40), applied.AddDays(70), applied.AddDays(70), applied.AddDays(70), applied.AddDays(84)), owner: NewId());
        }

        return await AddAsync(odd, owner: owner ?? NewId());
    }

    [Fact]
    public virtual async Task Excluding_one_stage_leaves_only_its_wait_out_of_statistics_and_undo_restores_it_exactly()
    {
        // A card date typed a year late: only approved → card (and the whole process) are wrong.
        var typo = await AddFinishedServerAsync(new Timeline(D(2024, 1, 3), D(2024, 2, 12), D(2024, 3, 14), D(2024, 3, 14), D(2024, 3, 14), D(2025, 3, 28)));
        var rowsBefore = await DumpAsync();
        var before = await StatsAsync();

        var excluded = Errors.AssertOk(await Service.ExcludeAsync(Mod, typo.CaseNumber, StageSet.Of(Stage.ApprovedToCard), "card year typo", CancellationToken.None));

        var after = await StatsAsync();
        Assert.Equal(before.For(Stage.AppliedToConditional).Finished, after.For(Stage.AppliedToConditional).Finished);
        Assert.Equal(before.For(Stage.ApprovedToCard).Finished - 1, after.For(Stage.ApprovedToCard).Finished);
        Assert.Equal(before.For(Stage.AppliedToCard).Finished, after.For(Stage.AppliedToCard).Finished);
        Assert.Equal([new CaseRef(typo.Id, typo.CaseNumber, StageSet.Of(Stage.ApprovedToCard))], excluded.Cases);
        var stored = (await Service.FindCaseAsync(Mod, typo.CaseNumber, CancellationToken.None)).Value;
        Assert.Equal((false, StageSet.Of(Stage.ApprovedToCard)), (stored.Excluded, stored.ExcludedStages));
        Assert.Equal(excluded.Cases, (await Service.GetLogAsync(Mod, 1, CancellationToken.None)).Entries[0].Cases);

        Errors.AssertOk(await Service.UndoAsync(Mod, excluded.Id, CancellationToken.None));

        Assert.Equal(rowsBefore, await DumpAsync());
        Assert.Equal(before.Stages, (await StatsAsync()).Stages);
    }

    [Fact]
    public virtual async Task Including_a_stage_puts_it_back_and_the_refusals_say_what_to_type()
    {
        var typo = await AddFinishedServerAsync(new Timeline(D(2025, 1, 3), D(2025, 2, 12)));
        var n = typo.CaseNumber;
        Errors.AssertOk(await Service.ExcludeAsync(Mod, n, StageSet.Of(Stage.AppliedToConditional), "typo", CancellationToken.None));

        Errors.AssertError(await Service.ExcludeAsync(Mod, n, StageSet.Of(Stage.AppliedToConditional), "again", CancellationToken.None), ModerationErrorCodes.AlreadyInState,
            $"Applied → conditional approval of case #{n} is already left out of statistics.");
        Errors.AssertError(await Service.IncludeAsync(Mod, n, StageSet.None, null, CancellationToken.None), ModerationErrorCodes.AlreadyInState,
            $"Case #{n} counts in statistics except for Applied → conditional approval: include that stage to count it again.");
        Errors.AssertError(await Service.IncludeAsync(Mod, n, StageSet.Of(Stage.ApprovedToCard), null, CancellationToken.None), ModerationErrorCodes.AlreadyInState,
            $"Approved → card received of case #{n} is not excluded; it already counts in statistics.");

        var included = Errors.AssertOk(await Service.IncludeAsync(Mod, n, StageSet.Of(Stage.AppliedToConditional), null, CancellationToken.None));

        Assert.Equal(StageSet.None, (await Service.FindCaseAsync(Mod, n, CancellationToken.None)).Value.ExcludedStages);
        Assert.Equal((ModerationAction.Include, StageSet.Of(Stage.AppliedToConditional)), (included.Action, included.Cases[0].Stages));
    }

    [Fact]
    public virtual async Task A_stage_exclusion_survives_export_import_and_the_undo_of_the_import()
    {
        var typo = await AddFinishedServerAsync(new Timeline(D(2025, 1, 3), D(2025, 2, 12)));
        Errors.AssertOk(await Service.ExcludeAsync(Mod, typo.CaseNumber, StageSet.Of(Stage.AppliedToConditional), "typo", CancellationToken.None));
        var csv = new StringWriter(CultureInfo.InvariantCulture);
        await Service.ExportAsync(Mod, csv, CancellationToken.None);
        Assert.EndsWith(",false,applied-conditional", csv.ToString().TrimEnd().Split('\n').Single(l => l.StartsWith(typo.CaseNumber.ToString(CultureInfo.InvariantCulture) + ",", StringComparison.Ordinal)), StringComparison.Ordinal);

        var target = new Moderator(NewId(), ModeratorId);
        var imported = Errors.AssertOk(await Service.ImportAsync(target, new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), ImportMode.Apply, "move", null, CancellationToken.None));

        var copies = await Store.LoadCasesAsync(target.GuildId, CancellationToken.None);
        Assert.Equal(7, copies.Count);
        Assert.Equal([StageSet.Of(Stage.AppliedToConditional)], copies.Where(c => !c.ExcludedStages.IsEmpty).Select(c => c.ExcludedStages));
        var again = new StringWriter(CultureInfo.InvariantCulture);
        await Service.ExportAsync(target, again, CancellationToken.None);
        Assert.Contains(",false,applied-conditional", again.ToString(), StringComparison.Ordinal);

        // The source's exclusion is untouched by undoing the import of its copy.
        Errors.AssertOk(await Service.UndoAsync(target, imported.Action!.Id, CancellationToken.None));
        Assert.Empty(await Store.LoadCasesAsync(target.GuildId, CancellationToken.None));
        Assert.Equal(StageSet.Of(Stage.AppliedToConditional), (await Service.FindCaseAsync(Mod, typo.CaseNumber, CancellationToken.None)).Value.ExcludedStages);
    }

    [Fact]
    public virtual async Task Prune_outliers_excludes_only_the_offending_stage_and_previews_that_stage_and_the_whole_process()
    {
        var (_, outlier) = await AddOutlierServerAsync();

        var preview = await Service.PreviewPruneAsync(Mod, PruneRule.Outliers, CancellationToken.None);
        Assert.Equal([Stage.AppliedToConditional, Stage.AppliedToCard], preview.Medians.Select(m => m.Stage));
        Assert.Equal((13, 12), (preview.Medians[0].FinishedBefore, preview.Medians[0].FinishedAfter));

        var pruned = Errors.AssertOk(await Service.PruneAsync(Mod, PruneRule.Outliers, preview.DataVersion, null, CancellationToken.None));

        var stored = (await Service.FindCaseAsync(Mod, outlier.CaseNumber, CancellationToken.None)).Value;
        Assert.Equal((false, StageSet.Of(Stage.AppliedToConditional)), (stored.Excluded, stored.ExcludedStages));
        Assert.Equal("a wait far from this server's usual ones (outliers rule)", pruned.Action.Reason);
        Assert.Empty((await Service.ReviewAsync(Mod, 1, CancellationToken.None)).Entries);
    }

    [Fact]
    public virtual async Task The_review_queues_exclude_leaves_out_the_offending_stage()
    {
        var (_, outlier) = await AddOutlierServerAsync();

        ReviewFinding? worded = null;
        var done = Errors.AssertOk(await Service.ExcludeReviewedAsync(Mod, outlier.CaseNumber, f => (worded = f) is null ? "" : "worded by the application", CancellationToken.None));

        Assert.Equal(StageSet.Of(Stage.AppliedToConditional), done.Cases.Single().Stages);
        // The application words the entry's first finding as the logged reason.
        Assert.Equal((Stage.AppliedToConditional, 300), worded is OutlierWaitFinding o ? (o.Wait, o.Days) : default);
        Assert.Equal("worded by the application", done.Reason);
    }

    [Fact]
    public virtual async Task The_case_view_has_the_findings_history_and_actions_and_is_scoped_to_the_server()
    {
        var (_, outlier) = await AddOutlierServerAsync();
        var excluded = Errors.AssertOk(await Service.ExcludeAsync(Mod, outlier.CaseNumber, StageSet.Of(Stage.AppliedToConditional), "typo", CancellationToken.None));

        var review = Errors.AssertOk(await Service.GetCaseAsync(Mod, outlier.CaseNumber, CancellationToken.None));

        Assert.Equal(outlier.Id, review.Case.Id);
        Assert.Empty(review.Findings); // the excluded stage is dealt with
        Assert.Equal(CaseFields.Type, Assert.Single(review.History).Field);
        Assert.Equal(excluded.Id, Assert.Single(review.Actions).Id);
        Errors.AssertError(await Service.GetCaseAsync(new Moderator(NewId(), 999), outlier.CaseNumber, CancellationToken.None),
            ModerationErrorCodes.CaseNotFound, $"There is no case #{outlier.CaseNumber} in this server.");
    }

    [Fact]
    public virtual async Task A_member_is_told_once_and_an_undone_action_they_had_not_seen_is_not_told()
    {
        var owner = NewId();
        var typo = await AddFinishedServerAsync(new Timeline(D(2025, 1, 3), D(2025, 2, 12)), owner);
        var messaged = new List<MemberNotice>();
        var withMessages = new ModerationService(Store, Cases, EnrolmentCentres.Default, new ModerationOptions(), Clock, new RecordingNotices(messaged));
        Errors.AssertOk(await withMessages.ExcludeAsync(Mod, typo.CaseNumber, StageSet.Of(Stage.AppliedToConditional), "a typo in the year", CancellationToken.None));

        var told = await Service.TakeNoticesAsync(Guild, owner, CancellationToken.None);
        Assert.Equal(told, messaged);

        var notice = Assert.Single(told);
        Assert.Equal(
            (ModerationAction.Exclude, typo.CaseNumber, StageSet.Of(Stage.AppliedToConditional), "a typo in the year", Clock.GetUtcNow()),
            (notice.Action, notice.CaseNumber, notice.Stages, notice.Reason, notice.At));
        Assert.Empty(await Service.TakeNoticesAsync(Guild, owner, CancellationToken.None));
        Assert.Empty(await Service.TakeNoticesAsync(NewId(), owner, CancellationToken.None));

        var removed = Errors.AssertOk(await Service.RemoveAsync(Mod, typo.CaseNumber, "duplicate", CancellationToken.None));
        Errors.AssertOk(await Service.UndoAsync(Mod, removed.Id, CancellationToken.None));
        Assert.Empty(await Service.TakeNoticesAsync(Guild, owner, CancellationToken.None));

        Errors.AssertOk(await Service.RemoveAsync(Mod, typo.CaseNumber, "duplicate", CancellationToken.None));
        var removal = Assert.Single(await Service.TakeNoticesAsync(Guild, owner, CancellationToken.None));
        Assert.Equal((ModerationAction.Remove, typo.CaseNumber, "duplicate"), (removal.Action, removal.CaseNumber, removal.Reason));
    }

    private sealed class RecordingNotices(List<MemberNotice> sent) : IMemberNoticeObserver
    {
        public ValueTask NoticesCreatedAsync(IReadOnlyList<MemberNotice> notices, CancellationToken cancellationToken)
        {
            sent.AddRange(notices);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class ListProgress(List<ImportProgress> reports) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => reports.Add(value);
    }
}
