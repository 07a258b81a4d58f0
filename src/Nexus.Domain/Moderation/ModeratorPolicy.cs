using Nexus.Domain.Common;

namespace Nexus.Domain.Moderation;

/// <summary>
/// A member allowed to moderate, in the one server the command came from. Every moderation operation
/// takes this value and scopes each read and write by <see cref="GuildId"/>, so a moderator of one
/// server can never reach another server's cases, even by guessing a case number.
/// </summary>
/// <param name="GuildId">The server the command came from.</param>
/// <param name="UserId">The moderator.</param>
public sealed record Moderator(ulong GuildId, ulong UserId);

/// <summary>
/// Who is a moderator. Discord's <c>default_member_permissions</c> is only a hint to its client, so the
/// bot decides again on every interaction: a member with the Manage Server permission, or with the
/// server's moderator role. Nobody moderates from a direct message.
/// </summary>
public static class ModeratorPolicy
{
    /// <summary>
    /// The moderator, or why not. <paramref name="guildId"/> is null in a direct message;
    /// <paramref name="hasManageServer"/> is the Manage Server bit of the member's permissions in that server;
    /// <paramref name="roleIds"/> are the member's roles there; <paramref name="moderatorRoleId"/> is the role
    /// set with <c>/config moderator-role</c>, if any.
    /// </summary>
    public static Result<Moderator> Authorize(ulong? guildId, ulong userId, bool hasManageServer, IReadOnlyCollection<ulong> roleIds, ulong? moderatorRoleId)
    {
        ArgumentNullException.ThrowIfNull(roleIds);
        if (guildId is not { } guild)
        {
            return new DomainError(ModerationErrorCodes.DirectMessage, "Moderator commands work only in a server, not in direct messages.");
        }

        if (hasManageServer || (moderatorRoleId is { } role && roleIds.Contains(role)))
        {
            return new Moderator(guild, userId);
        }

        return new DomainError(
            ModerationErrorCodes.NotModerator,
            "Only moderators can do this: members with the Manage Server permission or the server's moderator role.");
    }
}

/// <summary>The stable codes of moderation errors.</summary>
public static class ModerationErrorCodes
{
    /// <summary>A moderator command in a direct message.</summary>
    public const string DirectMessage = "moderation.dm";

    /// <summary>The member is not a moderator of this server.</summary>
    public const string NotModerator = "moderation.not_moderator";

    /// <summary>Key of <see cref="NotModerator"/>: a button used by another moderator than the one who ran the command.</summary>
    public const string NotModeratorAsker = "moderation.not_moderator.asker";

    /// <summary>Key of <see cref="NotModerator"/>: the moderator role changed by someone without Manage Server.</summary>
    public const string NotModeratorManageServer = "moderation.not_moderator.manage_server";

    /// <summary>No case with that number (or of that member) in this server.</summary>
    public const string CaseNotFound = "moderation.case_not_found";

    /// <summary>Key of <see cref="CaseNotFound"/>: the member named has no case.</summary>
    public const string CaseNotFoundMember = "moderation.case_not_found.member";

    /// <summary>Key of <see cref="CaseNotFound"/>: the case left the review queue before its button was used.</summary>
    public const string CaseNotFoundQueue = "moderation.case_not_found.queue";

    /// <summary>Excluding an excluded case, or including one that is not excluded.</summary>
    public const string AlreadyInState = "moderation.already";

    /// <summary>Key of <see cref="AlreadyInState"/>: excluding a case already excluded.</summary>
    public const string AlreadyExcluded = "moderation.already.excluded";

    /// <summary>Key of <see cref="AlreadyInState"/>: including a case that counts in full.</summary>
    public const string AlreadyCounts = "moderation.already.counts";

    /// <summary>Key of <see cref="AlreadyInState"/>: including a whole case of which only stages are excluded.</summary>
    public const string AlreadyCountsExcept = "moderation.already.counts_except";

    /// <summary>Key of <see cref="AlreadyInState"/>: excluding stages of a case excluded as a whole.</summary>
    public const string AlreadyExcludedWhole = "moderation.already.excluded_whole";

    /// <summary>Key of <see cref="AlreadyInState"/>: including stages of a case excluded as a whole.</summary>
    public const string AlreadyExcludedIncludeWhole = "moderation.already.include_whole";

    /// <summary>Key of <see cref="AlreadyInState"/>: excluding stages already excluded.</summary>
    public const string AlreadyStagesExcluded = "moderation.already.stages_excluded";

    /// <summary>Key of <see cref="AlreadyInState"/>: including stages that are not excluded.</summary>
    public const string AlreadyStagesCount = "moderation.already.stages_count";

    /// <summary>The case changed while the action ran; nothing was saved.</summary>
    public const string Conflict = "moderation.conflict";

    /// <summary>No such action, or none left to undo.</summary>
    public const string ActionNotFound = "moderation.action_not_found";

    /// <summary>Key of <see cref="ActionNotFound"/>: no action is left to undo.</summary>
    public const string ActionNotFoundNone = "moderation.action_not_found.none";

    /// <summary>The action was already undone, or is of a kind that cannot be undone.</summary>
    public const string NotUndoable = "moderation.not_undoable";

    /// <summary>Key of <see cref="NotUndoable"/>: the action was undone before.</summary>
    public const string NotUndoableAlready = "moderation.not_undoable.already";

    /// <summary>Key of <see cref="NotUndoable"/>: another moderator undid it at the same moment.</summary>
    public const string NotUndoableJustNow = "moderation.not_undoable.just_now";

    /// <summary>A later action touched the same cases; undo that first.</summary>
    public const string LaterAction = "moderation.later_action";

    /// <summary>The removed case was purged after 30 days.</summary>
    public const string Purged = "moderation.purged";

    /// <summary>The member started a new case since the removal.</summary>
    public const string OwnerHasNewCase = "moderation.owner_has_new_case";

    /// <summary>A prune preview is out of date.</summary>
    public const string StalePreview = "moderation.stale_preview";

    /// <summary>Nothing matched the prune rule.</summary>
    public const string NothingToPrune = "moderation.nothing_to_prune";

    /// <summary>A CSV file too large, empty, or without the required columns.</summary>
    public const string CsvFile = "moderation.csv_file";

    /// <summary>Key of <see cref="CsvFile"/>: larger than <see cref="CaseCsv.MaxBytes"/> (argument: the limit in MB).</summary>
    public const string CsvTooLarge = "moderation.csv_file.too_large";

    /// <summary>Key of <see cref="CsvFile"/>: no header row.</summary>
    public const string CsvEmpty = "moderation.csv_file.empty";

    /// <summary>Key of <see cref="CsvFile"/>: a column name neither format knows (arguments: the name, the export's names).</summary>
    public const string CsvUnknownColumn = "moderation.csv_file.unknown_column";

    /// <summary>Key of <see cref="CsvFile"/>: a column given twice (argument: its name).</summary>
    public const string CsvDuplicateColumn = "moderation.csv_file.duplicate_column";

    /// <summary>Key of <see cref="CsvFile"/>: a required column missing (argument: its export name).</summary>
    public const string CsvMissingColumn = "moderation.csv_file.missing_column";

    /// <summary>Key of <see cref="CsvFile"/>: more than <see cref="CaseCsv.MaxRows"/> rows (argument: the limit).</summary>
    public const string CsvTooManyRows = "moderation.csv_file.too_many_rows";

    /// <summary>A CSV row that can't be imported (besides the date and rule errors a member would get).</summary>
    public const string CsvRow = "moderation.csv_file.row";

    /// <summary>Key of <see cref="CsvRow"/>: the type is missing or unknown.</summary>
    public const string CsvRowType = "moderation.csv_file.row.type";

    /// <summary>Key of <see cref="CsvRow"/>: the applicant status is missing or unknown (argument: the valid names).</summary>
    public const string CsvRowApplicantStatus = "moderation.csv_file.row.applicant_status";

    /// <summary>Key of <see cref="CsvRow"/>: the applicants column is not a number (argument: the text).</summary>
    public const string CsvRowApplicants = "moderation.csv_file.row.applicants";

    /// <summary>Key of <see cref="CsvRow"/>: no application date.</summary>
    public const string CsvRowApplied = "moderation.csv_file.row.applied";

    /// <summary>Key of <see cref="CsvRow"/>: the excluded column is not yes or no (argument: the text).</summary>
    public const string CsvRowExcluded = "moderation.csv_file.row.excluded";

    /// <summary>Key of <see cref="CsvRow"/>: the excluded_stages column names an unknown stage (argument: the text).</summary>
    public const string CsvRowExcludedStages = "moderation.csv_file.row.excluded_stages";
}
