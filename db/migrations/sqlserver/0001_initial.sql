-- 0001: cases with their milestones and history, moderation log, per-server settings and counters.
-- Same meaning as sqlite/0001_initial.sql. Conventions: Discord ids are BIGINT (snowflakes fit in a
-- signed 64-bit integer); calendar dates are DATE; instants are BIGINT Unix milliseconds UTC (the same
-- values in both providers); flags are BIT. Enum columns hold the domain enums' numeric values.
-- One batch, no GO: the migrator runs the whole script in one transaction.

CREATE TABLE dbo.cases (
    id               BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_cases PRIMARY KEY,
    guild_id         BIGINT NOT NULL,
    owner_id         BIGINT NULL,           -- NULL: an imported community case nobody owns yet
    case_number      BIGINT NOT NULL,       -- "Case #123", per server, never reused
    application_type INT NOT NULL CONSTRAINT ck_cases_type CHECK (application_type IN (0, 1)),
    applicant_status INT NOT NULL CONSTRAINT ck_cases_status CHECK (applicant_status BETWEEN 0 AND 4),
    applicants       INT NOT NULL CONSTRAINT ck_cases_applicants CHECK (applicants BETWEEN 1 AND 10),
    centre_code      NVARCHAR(64) NULL,
    applied_on       DATE NOT NULL,         -- the 'applied' milestone, kept here for the stats index
    visible          BIT NOT NULL CONSTRAINT df_cases_visible DEFAULT 0,
    excluded         BIT NOT NULL CONSTRAINT df_cases_excluded DEFAULT 0,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    version          BIGINT NOT NULL CONSTRAINT df_cases_version DEFAULT 1
);

CREATE UNIQUE INDEX ux_cases_guild_number ON dbo.cases (guild_id, case_number);
-- One case per member per server; imported cases without an owner are exempt.
CREATE UNIQUE INDEX ux_cases_guild_owner ON dbo.cases (guild_id, owner_id) WHERE owner_id IS NOT NULL;
-- Statistics load a server's cases in id order.
CREATE INDEX ix_cases_guild ON dbo.cases (guild_id, id);
-- Filters by type, applicant status and application date within a server.
CREATE INDEX ix_cases_guild_type_status_applied ON dbo.cases (guild_id, application_type, applicant_status, applied_on);

-- One row per recorded milestone other than 'applied' (Milestone enum values 1..6).
CREATE TABLE dbo.case_milestones (
    case_id   BIGINT NOT NULL CONSTRAINT fk_case_milestones_case REFERENCES dbo.cases (id) ON DELETE CASCADE,
    milestone INT NOT NULL CONSTRAINT ck_case_milestones_milestone CHECK (milestone BETWEEN 1 AND 6),
    date      DATE NOT NULL,
    CONSTRAINT pk_case_milestones PRIMARY KEY (case_id, milestone)
);

CREATE TABLE dbo.case_history (
    id         BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_case_history PRIMARY KEY,
    case_id    BIGINT NOT NULL CONSTRAINT fk_case_history_case REFERENCES dbo.cases (id) ON DELETE CASCADE,
    field      NVARCHAR(64) NOT NULL,  -- milestone wire name ('interview-ca') or field name ('visible')
    old_value  NVARCHAR(200) NULL,
    new_value  NVARCHAR(200) NULL,
    changed_at BIGINT NOT NULL,
    actor_id   BIGINT NOT NULL
);

CREATE INDEX ix_case_history_case ON dbo.case_history (case_id, id);

-- Moderator actions; payload is JSON text naming the affected cases, so an action can be undone.
CREATE TABLE dbo.moderation_log (
    id         BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_moderation_log PRIMARY KEY,
    guild_id   BIGINT NOT NULL,
    actor_id   BIGINT NOT NULL,
    action     NVARCHAR(64) NOT NULL,
    reason     NVARCHAR(1000) NULL,
    payload    NVARCHAR(MAX) NULL,
    created_at BIGINT NOT NULL,
    undone_at  BIGINT NULL
);

CREATE INDEX ix_moderation_log_guild ON dbo.moderation_log (guild_id, id);

CREATE TABLE dbo.guild_settings (
    guild_id          BIGINT NOT NULL CONSTRAINT pk_guild_settings PRIMARY KEY,
    moderator_role_id BIGINT NULL,
    feed_channel_id   BIGINT NULL,
    updated_at        BIGINT NOT NULL
);

-- Bumped in the same transaction as every write to a server's cases, so any instance can tell cheaply
-- whether its cached statistics are stale.
CREATE TABLE dbo.guild_versions (
    guild_id BIGINT NOT NULL CONSTRAINT pk_guild_versions PRIMARY KEY,
    version  BIGINT NOT NULL
);

-- Allocates case numbers; a counter (not MAX + 1) so a deleted case's number is never handed out again.
CREATE TABLE dbo.guild_case_counters (
    guild_id         BIGINT NOT NULL CONSTRAINT pk_guild_case_counters PRIMARY KEY,
    last_case_number BIGINT NOT NULL
);
