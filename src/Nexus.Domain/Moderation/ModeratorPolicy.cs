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

    /// <summary>No case with that number (or of that member) in this server.</summary>
    public const string CaseNotFound = "moderation.case_not_found";

    /// <summary>Excluding an excluded case, or including one that is not excluded.</summary>
    public const string AlreadyInState = "moderation.already";

    /// <summary>The case changed while the action ran; nothing was saved.</summary>
    public const string Conflict = "moderation.conflict";

    /// <summary>No such action, or none left to undo.</summary>
    public const string ActionNotFound = "moderation.action_not_found";

    /// <summary>The action was already undone, or is of a kind that cannot be undone.</summary>
    public const string NotUndoable = "moderation.not_undoable";

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
}
