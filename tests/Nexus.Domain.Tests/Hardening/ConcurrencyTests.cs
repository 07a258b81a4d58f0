using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Nexus.Domain.Cases;
using Nexus.Domain.Storage;
using Nexus.Domain.Tests.Support;

namespace Nexus.Domain.Tests.Hardening;

/// <summary>
/// 64 writers at once through the real case service and repository on a SQLite file: races to start the
/// same cases, then 10,000 updates across 100 members, a tenth of them crowding onto 8 shared cases.
/// </summary>
public sealed class ConcurrencyTests : IAsyncLifetime
{
    private const ulong Guild = 981346340044800001;
    private const ulong FirstMember = 700_000_000_000_000_000;
    private const int Writers = 64;
    private const int Members = 100;
    private const int SharedCases = 8;
    private const int Updates = 10_000;
    private static readonly DateOnly Applied = new(2019, 1, 1);
    private static readonly DateOnly Today = new(2026, 6, 1);

    private SqliteDatabase _database = null!;
    private CaseService _cases = null!;

    public async Task InitializeAsync()
    {
        _database = await SqliteDatabase.CreateAsync();
        var repository = new CaseRepository(_database.Factory, NullLogger<CaseRepository>.Instance);
        _cases = new CaseService(repository, EnrolmentCentres.Default, FakeTimeProvider.OnDay(Today));
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Sixty_four_writers_lose_no_update_create_no_duplicate_and_history_replays_to_the_stored_state()
    {
        // Phase 1: every writer tries to start every member's case; exactly one start per member wins.
        var started = new ConcurrentBag<ulong>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Writers), new ParallelOptions { MaxDegreeOfParallelism = Writers }, async (writer, token) =>
        {
            foreach (var member in Enumerable.Range(0, Members).Select(i => (i + writer) % Members))
            {
                var result = await _cases.StartAsync(
                    new StartCaseRequest(Guild, FirstMember + (ulong)member, Applied, ApplicationType.Renewal, ApplicantStatus.CaCitizen), token);
                if (result.IsSuccess)
                {
                    started.Add(FirstMember + (ulong)member);
                }
                else
                {
                    Assert.Equal(CaseErrorCodes.Exists, result.Error!.Code);
                }
            }
        });
        Assert.Equal(Members, started.Count);
        Assert.Equal(Members, started.Distinct().Count());

        // Phase 2: 10,000 updates. Each conditional-approval update sets a date no other update of that case
        // uses, so every accepted update must be findable in the history: none can hide behind another.
        var nextDay = new int[Members];
        var accepted = new ConcurrentBag<(int Member, string Date)>();
        var busy = new ConcurrentBag<int>();
        var attempts = 0;
        var perWriter = Updates / Writers;
        var extra = Updates % Writers;
        await Parallel.ForEachAsync(Enumerable.Range(0, Writers), new ParallelOptions { MaxDegreeOfParallelism = Writers }, async (writer, token) =>
        {
            var random = new Random(1000 + writer);
            var count = perWriter + (writer < extra ? 1 : 0);
            for (var i = 0; i < count; i++)
            {
                var member = random.Next(10) == 0 ? random.Next(SharedCases) : random.Next(Members);
                var user = FirstMember + (ulong)member;
                Interlocked.Increment(ref attempts);
                if (random.Next(10) == 0)
                {
                    var visibility = await _cases.SetVisibilityAsync(Guild, user, random.Next(2) == 0, "member " + member, token);
                    AssertAcceptedOrBusy(visibility, busy, member);
                    continue;
                }

                var date = Applied.AddDays(1 + Interlocked.Increment(ref nextDay[member]));
                var updated = await _cases.UpdateMilestoneAsync(Guild, user, MilestoneInput.Conditional, date, token);
                if (AssertAcceptedOrBusy(updated, busy, member))
                {
                    accepted.Add((member, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
                }
            }
        });

        var (violations, stored) = await StoredCaseAudit.ReadAsync(_database.Path, Today);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        Assert.Equal(Members, stored.Count);
        Assert.Equal(Updates, attempts);

        var conditional = Milestone.Conditional.Name();
        foreach (var group in accepted.GroupBy(a => a.Member))
        {
            var storedCase = Assert.Single(stored, c => c.OwnerId == FirstMember + (ulong)group.Key);
            var written = storedCase.History.Where(h => h.Field == conditional).Select(h => h.To!).ToList();
            // Every accepted update is in the history exactly once, and nothing else is.
            Assert.Equal(group.Select(a => a.Date).Order(StringComparer.Ordinal), written.Order(StringComparer.Ordinal));
        }

        // The crowd on the shared cases really raced (some changes were reapplied), yet lost nothing.
        Assert.True(busy.Count < Updates / 100, $"{busy.Count} updates gave up after {CaseService.MaxAttempts} attempts");
    }

    private static bool AssertAcceptedOrBusy(Nexus.Domain.Common.Result<Case> result, ConcurrentBag<int> busy, int member)
    {
        if (result.IsSuccess)
        {
            return true;
        }

        // The only refusal allowed under contention is "please try again": nothing was saved.
        Assert.Equal(CaseErrorCodes.Busy, result.Error!.Code);
        busy.Add(member);
        return false;
    }
}
