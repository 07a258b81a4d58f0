using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Nexus.Domain.Cases;
using Nexus.Domain.Storage;
using Nexus.Domain.Tests.Support;

namespace Nexus.Domain.Tests.Storage;

/// <summary>
/// A request (for the bot, an interaction) writes at most once: the first of its write transactions to commit
/// records its id under a unique key, so a replay of it, even on another instance with an empty memory,
/// changes nothing.
/// </summary>
public sealed class RequestReplayTests : IAsyncLifetime
{
    private const ulong Guild = 77;
    private SqliteDatabase _database = null!;
    private CaseRepository _repository = null!;

    public async Task InitializeAsync()
    {
        _database = await SqliteDatabase.CreateAsync();
        _repository = new CaseRepository(_database.Factory, NullLogger<CaseRepository>.Instance);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<long> CountAsync(string table)
    {
        await using var connection = await _database.Factory.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM {table}"));
    }

    [Fact]
    public async Task A_replayed_start_after_the_owner_deleted_the_case_is_refused_and_the_case_stays_deleted()
    {
        Case started;
        using (WriteOrigin.Begin(1001))
        {
            started = (await _repository.InsertAsync(CaseDrafts.Initial(Guild, 1), [], CancellationToken.None))!;
        }

        using (WriteOrigin.Begin(1002))
        {
            Assert.True(await _repository.DeleteAsync(Guild, started.Id, CancellationToken.None));
        }

        using (WriteOrigin.Begin(1001))
        {
            await Assert.ThrowsAsync<ReplayedRequestException>(() => _repository.InsertAsync(CaseDrafts.Initial(Guild, 1), [], CancellationToken.None));
        }

        Assert.Null(await _repository.FindByOwnerAsync(Guild, 1, CancellationToken.None));
        Assert.Equal(0, await CountAsync("cases"));
    }

    [Fact]
    public async Task A_request_may_write_several_times_and_a_rolled_back_attempt_records_nothing()
    {
        using (WriteOrigin.Begin(2001))
        {
            var saved = (await _repository.InsertAsync(CaseDrafts.Initial(Guild, 1), [], CancellationToken.None))!;

            // A lost race (a stale version) rolls back, its record with it; the next attempt and a second
            // write of the same request go through.
            Assert.Null(await _repository.TryUpdateAsync(saved with { Version = 99, Applicants = 3 }, [], CancellationToken.None));
            var updated = await _repository.TryUpdateAsync(saved with { Applicants = 2 }, [], CancellationToken.None);
            Assert.Equal(2, updated!.Applicants);
        }

        Assert.Equal(1, await CountAsync("request_writes"));

        // A request whose only write rolled back has not written: running it again is not a replay.
        var other = (await _repository.InsertAsync(CaseDrafts.Initial(Guild, 2), [], CancellationToken.None))!;
        using (WriteOrigin.Begin(2002))
        {
            Assert.Null(await _repository.TryUpdateAsync(other with { Version = 99 }, [], CancellationToken.None));
        }

        using (WriteOrigin.Begin(2002))
        {
            Assert.NotNull(await _repository.TryUpdateAsync(other with { Applicants = 4 }, [], CancellationToken.None));
        }
    }

    [Fact]
    public async Task Writes_without_a_request_record_nothing()
    {
        Assert.NotNull(await _repository.InsertAsync(CaseDrafts.Initial(Guild, 1), [], CancellationToken.None));
        Assert.NotNull(await _repository.InsertAsync(CaseDrafts.Initial(Guild, 2), [], CancellationToken.None));

        Assert.Equal(0, await CountAsync("request_writes"));
    }
}
