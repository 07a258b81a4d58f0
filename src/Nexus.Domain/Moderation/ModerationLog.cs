using Nexus.Domain.Statistics;

namespace Nexus.Domain.Moderation;

/// <summary>What a moderator did; stored in the audit log by its wire name.</summary>
public enum ModerationAction
{
    /// <summary>Took a case out of statistics (<c>exclude</c>).</summary>
    Exclude = 0,

    /// <summary>Put an excluded case back into statistics (<c>include</c>).</summary>
    Include = 1,

    /// <summary>Removed a case (soft delete, undoable for 30 days) (<c>remove</c>).</summary>
    Remove = 2,

    /// <summary>Excluded every case matching a prune rule at once (<c>prune</c>).</summary>
    Prune = 3,

    /// <summary>Imported cases from a CSV file (<c>import</c>).</summary>
    Import = 4,

    /// <summary>Hid a review-queue entry until the case changes (<c>dismiss</c>).</summary>
    Dismiss = 5,

    /// <summary>Undid an earlier action (<c>undo</c>).</summary>
    Undo = 6,

    /// <summary>Changed a server setting (<c>config</c>).</summary>
    Config = 7,
}

/// <summary>Wire names of <see cref="ModerationAction"/> and which actions can be undone.</summary>
public static class ModerationActions
{
    private static readonly (ModerationAction Value, string Name)[] Table =
    [
        (ModerationAction.Exclude, "exclude"),
        (ModerationAction.Include, "include"),
        (ModerationAction.Remove, "remove"),
        (ModerationAction.Prune, "prune"),
        (ModerationAction.Import, "import"),
        (ModerationAction.Dismiss, "dismiss"),
        (ModerationAction.Undo, "undo"),
        (ModerationAction.Config, "config"),
    ];

    /// <summary>The wire name, e.g. <c>prune</c>.</summary>
    public static string Name(this ModerationAction action)
    {
        foreach (var row in Table)
        {
            if (row.Value == action)
            {
                return row.Name;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(action), action, "Not a defined action.");
    }

    /// <summary>Parses a wire name, case-insensitively.</summary>
    public static bool TryParse(string? text, out ModerationAction action)
    {
        foreach (var row in Table)
        {
            if (string.Equals(row.Name, text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                action = row.Value;
                return true;
            }
        }

        action = default;
        return false;
    }

    /// <summary>
    /// True for the actions <c>/mod undo</c> reverts: exclude, include, remove, prune and import. A dismissal
    /// ends by itself when the case changes, a setting is changed back with <c>/config</c>, and an undo is final.
    /// </summary>
    public static bool IsUndoable(this ModerationAction action) =>
        action is ModerationAction.Exclude or ModerationAction.Include or ModerationAction.Remove or ModerationAction.Prune or ModerationAction.Import;
}

/// <summary>A case named by its storage id and its per-server number, and what of it an action touched.</summary>
/// <param name="Id">The storage id.</param>
/// <param name="Number">The per-server case number.</param>
/// <param name="Stages">
/// For an exclusion or inclusion, the stages it left out or put back; <see cref="StageSet.None"/> for the whole case.
/// </param>
public readonly record struct CaseRef(long Id, long Number, StageSet Stages = default);

/// <summary>The audit-log facts of an action about to be written.</summary>
/// <param name="GuildId">The server.</param>
/// <param name="ActorId">The moderator.</param>
/// <param name="Action">What was done.</param>
/// <param name="Detail">The command's argument, e.g. the prune rule or the setting changed.</param>
/// <param name="Reason">The moderator's reason, when given.</param>
/// <param name="At">When.</param>
public sealed record ModerationRecord(ulong GuildId, ulong ActorId, ModerationAction Action, string? Detail, string? Reason, DateTimeOffset At);

/// <summary>
/// One row of the audit log. The log is append-only: nothing edits or deletes an entry, except that
/// undoing it sets <see cref="UndoneAt"/> and <see cref="UndoneBy"/>.
/// </summary>
/// <param name="Id">The action id, as <c>/mod undo action</c> takes it.</param>
/// <param name="GuildId">The server.</param>
/// <param name="ActorId">The moderator who acted.</param>
/// <param name="Action">What was done.</param>
/// <param name="Detail">The command's argument (prune rule, setting), when there is one.</param>
/// <param name="Reason">The moderator's reason, when given.</param>
/// <param name="Cases">The cases affected.</param>
/// <param name="At">When.</param>
/// <param name="UndoneAt">When it was undone, or null.</param>
/// <param name="UndoneBy">Who undid it, or null.</param>
/// <param name="UndoOf">For an <see cref="ModerationAction.Undo"/> entry, the action it undid.</param>
public sealed record ModerationLogEntry(
    long Id,
    ulong GuildId,
    ulong ActorId,
    ModerationAction Action,
    string? Detail,
    string? Reason,
    IReadOnlyList<CaseRef> Cases,
    DateTimeOffset At,
    DateTimeOffset? UndoneAt,
    ulong? UndoneBy,
    long? UndoOf);
