using Nexus.Domain.Statistics;
using Nexus.Domain.Storage;

namespace Nexus.Domain.Tests.Support;

/// <summary>
/// The case reader and the statistics load read the same milestone columns; this checks, for one server,
/// that every case the case reader returns is, when it counts, exactly the row the statistics load returns
/// (same id, type, status, centre and day numbers), and that the statistics load returns nothing else.
/// </summary>
public static class CaseReaders
{
    /// <summary>Fails the test when the two readers disagree about any case of the server.</summary>
    public static async Task AssertAgreeAsync(IDbConnectionFactory factory, ulong guildId)
    {
        var cases = new CaseRepository(factory, Microsoft.Extensions.Logging.Abstractions.NullLogger<CaseRepository>.Instance);
        var read = await new ModerationRepository(factory, cases).LoadCasesAsync(guildId, CancellationToken.None);
        var (_, loaded) = await cases.LoadGuildCasesAsync(guildId, CancellationToken.None);

        var expected = read
            .Where(c => !c.Excluded)
            .OrderBy(c => c.Id)
            .Select(c => new StatsCaseRow(c.Id, c.Type, c.ApplicantStatus, c.CentreCode, CaseDays.From(c.Timeline), c.ExcludedStages));
        Assert.Equal(expected, loaded.Rows);
    }
}
