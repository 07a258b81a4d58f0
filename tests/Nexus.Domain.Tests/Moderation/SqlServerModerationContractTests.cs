using Nexus.Domain.Storage;
using Nexus.Domain.Tests.Support;

namespace Nexus.Domain.Tests.Moderation;

/// <summary>
/// The moderation contract on SQL Server (<c>NEXUS_TEST_SQLSERVER</c>), migrated with the shipped scripts.
/// Each test is overridden only to mark it <see cref="SqlServerFactAttribute"/>, so without the variable
/// every test shows as skipped with the reason.
/// </summary>
[Collection(SqlServerCollection.Name)]
public sealed class SqlServerModerationContractTests : ModerationContract
{
    protected override Task<IDbConnectionFactory> OpenDatabaseAsync() => SqlServerDatabase.OpenMigratedAsync();

    protected override Task CloseDatabaseAsync() => Task.CompletedTask;

    [SqlServerFact]
    public override Task A_moderator_of_another_server_cannot_touch_a_case_even_by_its_number() => base.A_moderator_of_another_server_cannot_touch_a_case_even_by_its_number();

    [SqlServerFact]
    public override Task Exclude_takes_a_case_out_of_statistics_and_include_puts_it_back() => base.Exclude_takes_a_case_out_of_statistics_and_include_puts_it_back();

    [SqlServerFact]
    public override Task A_members_edit_never_clears_a_moderators_exclusion() => base.A_members_edit_never_clears_a_moderators_exclusion();

    [SqlServerFact]
    public override Task Listings_show_every_visible_case_newest_first_with_the_excluded_mark_and_filters() => base.Listings_show_every_visible_case_newest_first_with_the_excluded_mark_and_filters();

    [SqlServerFact]
    public override Task A_removed_case_is_invisible_its_owner_may_start_again_and_undo_brings_it_back() => base.A_removed_case_is_invisible_its_owner_may_start_again_and_undo_brings_it_back();

    [SqlServerFact]
    public override Task Undoing_a_removal_is_refused_when_the_owner_started_a_new_case() => base.Undoing_a_removal_is_refused_when_the_owner_started_a_new_case();

    [SqlServerFact]
    public override Task A_removal_can_be_undone_for_30_days_then_the_case_is_purged() => base.A_removal_can_be_undone_for_30_days_then_the_case_is_purged();

    [SqlServerFact]
    public override Task Prune_preview_shows_count_sample_and_median_effect_and_changes_nothing() => base.Prune_preview_shows_count_sample_and_median_effect_and_changes_nothing();

    [SqlServerFact]
    public override Task Prune_confirm_then_undo_restores_rows_and_stats_exactly() => base.Prune_confirm_then_undo_restores_rows_and_stats_exactly();

    [SqlServerFact]
    public override Task Prune_is_refused_when_cases_changed_since_the_preview_or_nothing_matches() => base.Prune_is_refused_when_cases_changed_since_the_preview_or_nothing_matches();

    [SqlServerFact]
    public override Task Prune_invalid_and_stale_take_their_cases() => base.Prune_invalid_and_stale_take_their_cases();

    [SqlServerFact]
    public override Task Undo_refuses_an_older_action_whose_cases_a_later_action_changed() => base.Undo_refuses_an_older_action_whose_cases_a_later_action_changed();

    [SqlServerFact]
    public override Task Undo_refuses_unknown_and_final_actions() => base.Undo_refuses_unknown_and_final_actions();

    [SqlServerFact]
    public override Task Review_lists_suspicious_cases_in_pages_and_a_dismissal_hides_one_until_it_changes() => base.Review_lists_suspicious_cases_in_pages_and_a_dismissal_hides_one_until_it_changes();

    [SqlServerFact]
    public override Task A_burst_of_edits_in_the_history_puts_a_case_in_the_queue() => base.A_burst_of_edits_in_the_history_puts_a_case_in_the_queue();

    [SqlServerFact]
    public override Task The_audit_log_records_who_when_what_why_and_which_cases_newest_first() => base.The_audit_log_records_who_when_what_why_and_which_cases_newest_first();

    [SqlServerFact]
    public override Task Export_then_import_into_another_server_round_trips_every_case() => base.Export_then_import_into_another_server_round_trips_every_case();

    [SqlServerFact]
    public override Task A_csv_with_bad_rows_validate_reports_them_and_apply_keeps_only_the_good_ones_in_one_action() => base.A_csv_with_bad_rows_validate_reports_them_and_apply_keeps_only_the_good_ones_in_one_action();

    [SqlServerFact]
    public override Task Import_refuses_files_too_large_with_too_many_rows_or_unknown_columns() => base.Import_refuses_files_too_large_with_too_many_rows_or_unknown_columns();

    [SqlServerFact]
    public override Task Excluding_one_stage_leaves_only_its_wait_out_of_statistics_and_undo_restores_it_exactly() => base.Excluding_one_stage_leaves_only_its_wait_out_of_statistics_and_undo_restores_it_exactly();

    [SqlServerFact]
    public override Task Including_a_stage_puts_it_back_and_the_refusals_say_what_to_type() => base.Including_a_stage_puts_it_back_and_the_refusals_say_what_to_type();

    [SqlServerFact]
    public override Task A_stage_exclusion_survives_export_import_and_the_undo_of_the_import() => base.A_stage_exclusion_survives_export_import_and_the_undo_of_the_import();

    [SqlServerFact]
    public override Task Prune_outliers_excludes_only_the_offending_stage_and_previews_that_stage_and_the_whole_process() => base.Prune_outliers_excludes_only_the_offending_stage_and_previews_that_stage_and_the_whole_process();

    [SqlServerFact]
    public override Task The_review_queues_exclude_leaves_out_the_offending_stage() => base.The_review_queues_exclude_leaves_out_the_offending_stage();

    [SqlServerFact]
    public override Task The_case_view_has_the_findings_history_and_actions_and_is_scoped_to_the_server() => base.The_case_view_has_the_findings_history_and_actions_and_is_scoped_to_the_server();

    [SqlServerFact]
    public override Task A_member_is_told_once_and_an_undone_action_they_had_not_seen_is_not_told() => base.A_member_is_told_once_and_an_undone_action_they_had_not_seen_is_not_told();
}
