using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Nexus.Domain.Cases;
using Nexus.Domain.Moderation;
using Nexus.Domain.Storage;
using Nexus.Domain.Tests.Support;

namespace Nexus.Domain.Tests.Storage;

/// <summary>
/// The SQL Server retry pipeline over real storage (SQLite behind the SQL Server shape), with the one failure a
/// retry can make worse: the connection drops after the commit, so the first attempt is saved but reads as failed.
/// </summary>
public sealed class IdempotentRetryTests : IAsyncLifetime
{
    private const ulong Guild = 41;
    private static readonly DateTimeOffset Noon = new(2025, 6, 15, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeClock _time = new();
    private SqlServerShapedDatabase _database = null!;
    private CaseRepository _cases = null!;

    public async Task InitializeAsync()
    {
        _database = await SqlServerShapedDatabase.CreateAsync();
        _cases = new CaseRepository(_database, NullLogger<CaseRepository>.Instance);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_case_without_an_owner_repeated_after_a_lost_commit_is_saved_once_and_the_first_comes_back()
    {
        var repository = new RetryingCaseRepository(_cases, SqlServerRetry.Create(_time, NullLogger.Instance));
        LoseTheFirstCommit();

        var insert = repository.InsertAsync(Draft(), [], CancellationToken.None);
        var saved = await AfterPausesAsync(insert);

        Assert.NotNull(saved);
        Assert.NotNull(saved.ImportKey);
        Assert.Equal([saved.Id], await CaseIdsAsync());
        Assert.Equal(saved, await _cases.FindByNumberAsync(Guild, saved.CaseNumber, CancellationToken.None));
    }

    [Fact]
    public async Task An_import_repeated_after_a_lost_commit_keeps_one_copy_and_returns_the_first_action()
    {
        var moderation = new ModerationRepository(_database, _cases);
        var repository = new RetryingModerationRepository(moderation, SqlServerRetry.Create(_time, NullLogger.Instance));
        var record = new ModerationRecord(Guild, 7, ModerationAction.Import, "3 of 3 rows", null, Noon);
        var drafts = Enumerable.Range(2, 3).Select(row => (Draft() with { ImportKey = $"import:test:{row}" }, (IReadOnlyList<CaseHistoryEntry>)[])).ToList();
        LoseTheFirstCommit();

        var (actionId, saved) = await AfterPausesAsync(repository.ImportAsync(record, drafts, null, CancellationToken.None));

        Assert.Equal(saved.Select(c => c.Id).Order(), await CaseIdsAsync());
        Assert.Equal(3, saved.Count);
        var (entries, total) = await moderation.GetLogAsync(Guild, 0, 10, CancellationToken.None);
        Assert.Equal(1, total);
        Assert.Equal(actionId, entries[0].Id);
        Assert.Equal(saved, entries[0].Cases);
    }

    private void LoseTheFirstCommit()
    {
        var commits = 0;
        // -1: SqlClient's "server not found or not reachable", transient.
        _database.AfterCommit = () => Interlocked.Increment(ref commits) == 1 ? SqlErrors.Create(-1, 20) : null;
    }

    // Moves the fake clock through the retry's pauses until the operation ends.
    private async Task<T> AfterPausesAsync<T>(Task<T> operation)
    {
        while (!operation.IsCompleted)
        {
            await WaitFor.UntilAsync(() => operation.IsCompleted || _time.ActiveTimers > 0, "the retry's pause");
            _time.Advance(SqlServerRetry.MaxDelay);
        }

        return await operation;
    }

    private async Task<List<long>> CaseIdsAsync()
    {
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        return [.. await connection.QueryAsync<long>(new CommandDefinition("SELECT id FROM cases WHERE guild_id = @Guild ORDER BY id", new { Guild = (long)Guild }))];
    }

    private static Case Draft() => new()
    {
        GuildId = Guild,
        OwnerId = null,
        Type = ApplicationType.Initial,
        ApplicantStatus = ApplicantStatus.CaCitizen,
        Timeline = new Timeline(new DateOnly(2025, 1, 10)),
        CreatedAt = Noon,
        UpdatedAt = Noon,
    };
}
