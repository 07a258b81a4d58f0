-- 0002: moderation. Soft deletion of cases, the audit log's undo columns, and review dismissals.
-- Same conventions as 0001 (ids INTEGER, instants INTEGER Unix milliseconds UTC, flags 0/1).

-- A removed case keeps its row (and milestones, history) for 30 days so /mod undo can bring it back;
-- after that the purge deletes it. delete_action_id names the moderation_log row that removed it.
ALTER TABLE cases ADD COLUMN deleted_at INTEGER NULL;
ALTER TABLE cases ADD COLUMN deleted_by INTEGER NULL;
ALTER TABLE cases ADD COLUMN delete_action_id INTEGER NULL;

-- While a case is removed its owner may start a new one, so the one-case-per-member index ignores
-- removed cases. Undoing the removal is then refused rather than leaving two cases for one member.
DROP INDEX ux_cases_guild_owner;
CREATE UNIQUE INDEX ux_cases_guild_owner ON cases (guild_id, owner_id) WHERE owner_id IS NOT NULL AND deleted_at IS NULL;
-- The purge looks for removed cases older than 30 days.
CREATE INDEX ix_cases_deleted ON cases (deleted_at) WHERE deleted_at IS NOT NULL;

-- detail: the command's argument (a prune rule, a setting); undone_by: who undid it; undo_of: for an
-- 'undo' row, the action it undid. The log is append-only apart from undone_at/undone_by.
ALTER TABLE moderation_log ADD COLUMN detail TEXT NULL;
ALTER TABLE moderation_log ADD COLUMN undone_by INTEGER NULL;
ALTER TABLE moderation_log ADD COLUMN undo_of INTEGER NULL;

-- A dismissed review entry stays hidden while the case keeps the version it had when dismissed.
CREATE TABLE review_dismissals (
    case_id      INTEGER NOT NULL PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
    guild_id     INTEGER NOT NULL,
    case_version INTEGER NOT NULL,
    dismissed_at INTEGER NOT NULL,
    dismissed_by INTEGER NOT NULL
);

CREATE INDEX ix_review_dismissals_guild ON review_dismissals (guild_id);
