-- 0010: a moderator can leave one stage of a case out of statistics, and a member is told once what a
-- moderator did to their case. Only adds: every existing case keeps its data and counts as before.

-- Bit (int)stage set = that stage's wait is left out of statistics (0 applied-conditional, 1 conditional-interview,
-- 2 interview-approved, 3 approved-card, 4 applied-card). Only moderator actions write it; member edits keep it.
ALTER TABLE cases ADD COLUMN excluded_stages INTEGER NOT NULL DEFAULT 0;

-- What a member is told on their next /mycase show or start: one row per member and action, shown once
-- (shown_at), withdrawn (deleted) when the action is undone before the member saw it. No foreign key to
-- cases: a removed case is purged after 30 days, and the member may not have looked by then.
CREATE TABLE member_notices (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    guild_id    INTEGER NOT NULL,
    member_id   INTEGER NOT NULL,
    action_id   INTEGER NOT NULL,
    action      TEXT NOT NULL,
    case_number INTEGER NOT NULL,
    stages      INTEGER NOT NULL DEFAULT 0,
    reason      TEXT NULL,
    created_at  INTEGER NOT NULL,
    shown_at    INTEGER NULL
);

CREATE INDEX ix_member_notices_member ON member_notices (guild_id, member_id, shown_at);
CREATE INDEX ix_member_notices_action ON member_notices (action_id);
