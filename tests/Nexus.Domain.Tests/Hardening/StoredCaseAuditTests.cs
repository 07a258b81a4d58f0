using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Nexus.Domain.Cases;
using Nexus.Domain.Storage;
using Nexus.Domain.Tests.Support;

namespace Nexus.Domain.Tests.Hardening;

/// <summary>The audit the hardening tests rely on finds each kind of damage it claims to (so their "no violation" means something).</summary>
public sealed class StoredCaseAuditTests : IAsyncLifetime
{
    private const ulong Guild = 981346340044800001;
    private const ulong Member = 700_000_000_000_000_001;
    private static readonly DateOnly Today = new(2024, 6, 1);
    private SqliteDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await SqliteDatabase.CreateAsync();
        var cases = new CaseService(new CaseRepository(_database.Factory, NullLogger<CaseRepository>.Instance), EnrolmentCentres.Default, FakeTimeProvider.OnDay(Today));
        Assert.True((await cases.StartAsync(new StartCaseRequest(Guild, Member, new DateOnly(2024, 1, 10), ApplicationType.Initial, ApplicantStatus.CaCitizen), CancellationToken.None)).IsSuccess);
        Assert.True((await cases.UpdateMilestoneAsync(Guild, Member, MilestoneInput.Conditional, new DateOnly(2024, 3, 1), CancellationToken.None)).IsSuccess);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_sound_database_has_no_violation() =>
        Assert.Empty(await StoredCaseAudit.FindViolationsAsync(_database.Path, Today));

    [Theory]
    [InlineData("UPDATE cases SET conditional_day = CAST(julianday('2023-01-01') - 1721425.5 AS INTEGER)", "timeline breaks a rule")]
    [InlineData("UPDATE cases SET approved_day = CAST(julianday('2024-04-01') - 1721425.5 AS INTEGER)", "timeline breaks a rule")]
    [InlineData("UPDATE cases SET conditional_day = CAST(julianday('2024-04-01') - 1721425.5 AS INTEGER)", "replaying the history gives conditional")]
    [InlineData("UPDATE cases SET applied_day = NULL", "applied_day '' is not a date")]
    [InlineData("UPDATE cases SET card_day = 3652059", "Card day 3652059 is not a date")]
    [InlineData("DELETE FROM case_history WHERE field = 'applied'", "no creation row")]
    [InlineData("INSERT INTO case_history (case_id, field, old_value, new_value, changed_at, actor_id) SELECT id, 'conditional', '2020-01-01', '2024-03-01', 0, 1 FROM cases", "changes conditional from '2020-01-01'")]
    [InlineData("UPDATE cases SET centre_code = 'nowhere'", "not a known centre code")]
    [InlineData("INSERT INTO cases (guild_id, owner_id, case_number, application_type, applicant_status, applicants, applied_day, created_at, updated_at) VALUES (981346340044800001, NULL, 2, 0, 1, 1, 738894, 0, 0)", "case id 2 (#2, guild 981346340044800001): has no creation row")]
    public async Task Each_kind_of_damage_is_found(string damage, string expected)
    {
        await using (var connection = new SqliteConnection($"Data Source={_database.Path};Pooling=False"))
        {
            await connection.ExecuteAsync(damage);
        }

        var violations = await StoredCaseAudit.FindViolationsAsync(_database.Path, Today);

        Assert.Contains(violations, v => v.Contains(expected, StringComparison.Ordinal));
    }
}
