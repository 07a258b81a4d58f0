using Nexus.Domain.Cases;
using Nexus.Domain.Statistics;

namespace Nexus.Domain.Tests.Statistics;

public sealed class CaseTableTests
{
    private static readonly CaseDays Days = CaseDays.From(new Timeline(new DateOnly(2024, 1, 10)));

    private static StatsCaseRow Row(long id, string? centre = "us-wa-blaine", ApplicationType type = ApplicationType.Initial) =>
        new(id, type, ApplicantStatus.CaCitizen, centre, Days);

    [Fact]
    public void Cases_are_kept_in_id_order_whatever_order_they_come_in()
    {
        var table = new CaseTable();
        foreach (var id in new long[] { 5, 9, 2, 7, 1 })
        {
            table.Upsert(Row(id));
        }

        Assert.Equal([1, 2, 5, 7, 9], table.Rows.Select(r => r.Id));
    }

    [Fact]
    public void An_upsert_of_a_held_id_replaces_the_case()
    {
        var table = new CaseTable();
        table.Upsert(Row(1));
        table.Upsert(Row(1, centre: null, type: ApplicationType.Renewal));

        var row = Assert.Single(table.Rows);
        Assert.Equal(ApplicationType.Renewal, row.Type);
        Assert.Null(row.CentreCode);
    }

    [Fact]
    public void Removed_cases_are_gone_and_may_come_back()
    {
        var table = new CaseTable();
        for (var id = 1; id <= 1000; id++)
        {
            table.Upsert(Row(id));
        }

        // Enough removals to squeeze the holes out at least once.
        for (var id = 1; id <= 1000; id += 2)
        {
            table.Remove(id);
        }

        table.Remove(1);      // already gone
        table.Remove(5000);   // never held
        table.Upsert(Row(3)); // back again

        Assert.Equal(501, table.Count);
        Assert.Equal([2, 3, 4, 6, 8], table.Rows.Take(5).Select(r => r.Id));
        Assert.Equal(501, table.Rows.Count());
    }

    [Fact]
    public void Clear_forgets_every_case_and_centre()
    {
        var table = new CaseTable();
        table.Upsert(Row(1, centre: "ca-on-fort-erie"));
        table.Clear(0);
        table.Upsert(Row(2, centre: "us-ny-champlain"));

        Assert.Equal("us-ny-champlain", Assert.Single(table.Rows).CentreCode);
    }

    [Fact]
    public void Statistics_over_the_table_skip_removed_cases_and_match_centres_ignoring_case()
    {
        var today = new DateOnly(2024, 6, 1);
        var table = new CaseTable();
        for (var id = 1; id <= 6; id++)
        {
            table.Upsert(new StatsCaseRow(id, ApplicationType.Initial, ApplicantStatus.CaCitizen, "US-WA-Blaine ",
                CaseDays.From(new Timeline(new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 1).AddDays(30)))));
        }

        table.Remove(6);
        var report = StatsCalculator.Compute(table, new StatsFilter(CentreCode: "us-wa-blaine"), today);

        Assert.Equal(5, report.For(Stage.AppliedToConditional).Finished);
        Assert.Equal(WaitQuantile.Exactly(30), report.For(Stage.AppliedToConditional).Median);
    }
}
