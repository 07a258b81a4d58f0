using Nexus.Domain.Storage;
using Nexus.Domain.Tests.Support;

namespace Nexus.Domain.Tests.Storage;

/// <summary>
/// The storage contract on SQL Server, against the database named by <c>NEXUS_TEST_SQLSERVER</c>
/// (migrated here with the shipped scripts). Each test overrides the contract only to mark it
/// <see cref="SqlServerFactAttribute"/>, so without that variable every test shows as skipped with the reason.
/// </summary>
[Collection(SqlServerCollection.Name)]
public sealed class SqlServerStorageContractTests : StorageContract
{
    protected override Task<IDbConnectionFactory> OpenDatabaseAsync() => SqlServerDatabase.OpenMigratedAsync();

    protected override Task CloseDatabaseAsync() => Task.CompletedTask;

    [SqlServerFact]
    public override Task Every_write_reads_back_the_same_through_the_case_reader_and_the_stats_load() =>
        base.Every_write_reads_back_the_same_through_the_case_reader_and_the_stats_load();

    [SqlServerFact]
    public override Task The_listing_puts_the_latest_milestone_up_to_today_first_and_filters_by_state_and_application_dates() =>
        base.The_listing_puts_the_latest_milestone_up_to_today_first_and_filters_by_state_and_application_dates();

    [SqlServerFact]
    public override Task Every_milestone_keeps_its_own_date_from_the_first_day_to_the_last() =>
        base.Every_milestone_keeps_its_own_date_from_the_first_day_to_the_last();

    [SqlServerFact]
    public override Task Insert_assigns_id_number_and_version_and_everything_round_trips() => base.Insert_assigns_id_number_and_version_and_everything_round_trips();

    [SqlServerFact]
    public override Task Case_numbers_count_per_server_and_are_never_reused() => base.Case_numbers_count_per_server_and_are_never_reused();

    [SqlServerFact]
    public override Task A_second_case_for_one_member_in_one_server_is_refused_but_unowned_cases_are_not_limited() =>
        base.A_second_case_for_one_member_in_one_server_is_refused_but_unowned_cases_are_not_limited();

    [SqlServerFact]
    public override Task Update_replaces_and_clears_milestones_and_appends_history() => base.Update_replaces_and_clears_milestones_and_appends_history();

    [SqlServerFact]
    public override Task Update_with_a_stale_version_saves_nothing() => base.Update_with_a_stale_version_saves_nothing();

    [SqlServerFact]
    public override Task Delete_removes_the_case_and_its_history() => base.Delete_removes_the_case_and_its_history();

    [SqlServerFact]
    public override Task Guild_version_moves_with_every_write_to_that_server_only() => base.Guild_version_moves_with_every_write_to_that_server_only();

    [SqlServerFact]
    public override Task Stats_load_every_counted_case_of_the_server_in_case_order_with_its_version() =>
        base.Stats_load_every_counted_case_of_the_server_in_case_order_with_its_version();

    [SqlServerFact]
    public override Task Reading_the_changes_since_a_version_brings_held_cases_to_what_a_whole_read_gives() =>
        base.Reading_the_changes_since_a_version_brings_held_cases_to_what_a_whole_read_gives();

    [SqlServerFact]
    public override Task A_reader_behind_the_kept_changes_reads_the_whole_server() =>
        base.A_reader_behind_the_kept_changes_reads_the_whole_server();

    [SqlServerFact]
    public override Task A_database_behind_the_version_held_is_read_whole() =>
        base.A_database_behind_the_version_held_is_read_whole();

    [SqlServerFact]
    public override Task The_change_log_keeps_only_the_last_versions_and_says_from_where() =>
        base.The_change_log_keeps_only_the_last_versions_and_says_from_where();

    [SqlServerFact]
    public override Task Settings_are_saved_replaced_and_read_back() => base.Settings_are_saved_replaced_and_read_back();

    [SqlServerFact]
    public override Task Milestones_are_stored_as_day_numbers_and_DateOnly_parameters_round_trip() =>
        base.Milestones_are_stored_as_day_numbers_and_DateOnly_parameters_round_trip();

    [SqlServerFact]
    public override Task Parallel_writers_lose_no_update() => base.Parallel_writers_lose_no_update();
}
