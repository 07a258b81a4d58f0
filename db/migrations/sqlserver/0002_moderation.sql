-- 0002: moderation. Soft deletion of cases, the audit log's undo columns, and review dismissals.
-- Same meaning as sqlite/0002_moderation.sql. One batch, no GO.

-- A removed case keeps its row (and milestones, history) for 30 days so /mod undo can bring it back;
-- after that the purge deletes it. delete_action_id names the moderation_log row that removed it.
ALTER TABLE dbo.cases ADD
    deleted_at       BIGINT NULL,
    deleted_by       BIGINT NULL,
    delete_action_id BIGINT NULL;

ALTER TABLE dbo.moderation_log ADD
    detail    NVARCHAR(200) NULL,  -- the command's argument (a prune rule, a setting)
    undone_by BIGINT NULL,         -- who undid it
    undo_of   BIGINT NULL;         -- for an 'undo' row, the action it undid

-- While a case is removed its owner may start a new one, so the one-case-per-member index ignores
-- removed cases. The statements that name the new columns run through EXEC: SQL Server compiles a
-- batch before running it, and the columns do not exist yet at that moment.
DROP INDEX ux_cases_guild_owner ON dbo.cases;
EXEC (N'CREATE UNIQUE INDEX ux_cases_guild_owner ON dbo.cases (guild_id, owner_id) WHERE owner_id IS NOT NULL AND deleted_at IS NULL;');
-- The purge looks for removed cases older than 30 days.
EXEC (N'CREATE INDEX ix_cases_deleted ON dbo.cases (deleted_at) WHERE deleted_at IS NOT NULL;');

-- A dismissed review entry stays hidden while the case keeps the version it had when dismissed.
CREATE TABLE dbo.review_dismissals (
    case_id      BIGINT NOT NULL CONSTRAINT pk_review_dismissals PRIMARY KEY
                 CONSTRAINT fk_review_dismissals_case REFERENCES dbo.cases (id) ON DELETE CASCADE,
    guild_id     BIGINT NOT NULL,
    case_version BIGINT NOT NULL,
    dismissed_at BIGINT NOT NULL,
    dismissed_by BIGINT NOT NULL
);

CREATE INDEX ix_review_dismissals_guild ON dbo.review_dismissals (guild_id);
