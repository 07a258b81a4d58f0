-- 0010: a moderator can leave one stage of a case out of statistics, and a member is told once what a
-- moderator did to their case. Same meaning as sqlite/0010_stage_exclusions_and_notices.sql. One batch, no GO.

-- Bit (int)stage set = that stage's wait is left out of statistics. Only moderator actions write it.
ALTER TABLE dbo.cases ADD excluded_stages INT NOT NULL CONSTRAINT df_cases_excluded_stages DEFAULT 0;

-- What a member is told on their next /mycase show or start, once; withdrawn when the action is undone unseen.
CREATE TABLE dbo.member_notices (
    id          BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_member_notices PRIMARY KEY,
    guild_id    BIGINT NOT NULL,
    member_id   BIGINT NOT NULL,
    action_id   BIGINT NOT NULL,
    action      NVARCHAR(20) NOT NULL,
    case_number BIGINT NOT NULL,
    stages      INT NOT NULL CONSTRAINT df_member_notices_stages DEFAULT 0,
    reason      NVARCHAR(1000) NULL,
    created_at  BIGINT NOT NULL,
    shown_at    BIGINT NULL
);

CREATE INDEX ix_member_notices_member ON dbo.member_notices (guild_id, member_id, shown_at);
CREATE INDEX ix_member_notices_action ON dbo.member_notices (action_id);
