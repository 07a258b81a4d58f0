-- 0001: cases with their milestones and history, moderation log, per-server settings and counters.
-- Conventions: Discord ids are INTEGER (snowflakes fit in a signed 64-bit integer); calendar dates are
-- ISO text 'yyyy-MM-dd' (sorts as a date); instants are INTEGER Unix milliseconds UTC; flags are 0/1.
-- Enum columns hold the domain enums' numeric values (Nexus.Domain/Cases/Enums.cs), which never change.

CREATE TABLE cases (
    id               INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, -- AUTOINCREMENT: ids of deleted cases are never reused
    guild_id         INTEGER NOT NULL,
    owner_id         INTEGER NULL,                                -- NULL: an imported community case nobody owns yet
    case_number      INTEGER NOT NULL,                            -- "Case #123", per server, never reused
    application_type INTEGER NOT NULL CHECK (application_type IN (0, 1)),
    applicant_status INTEGER NOT NULL CHECK (applicant_status BETWEEN 0 AND 4),
    applicants       INTEGER NOT NULL CHECK (applicants BETWEEN 1 AND 10),
    centre_code      TEXT NULL,
    applied_on       TEXT NOT NULL,                               -- the 'applied' milestone, kept here for the stats index
    visible          INTEGER NOT NULL DEFAULT 0 CHECK (visible IN (0, 1)),
    excluded         INTEGER NOT NULL DEFAULT 0 CHECK (excluded IN (0, 1)),
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1
);

CREATE UNIQUE INDEX ux_cases_guild_number ON cases (guild_id, case_number);
-- One case per member per server; imported cases without an owner are exempt.
CREATE UNIQUE INDEX ux_cases_guild_owner ON cases (guild_id, owner_id) WHERE owner_id IS NOT NULL;
-- Statistics load a server's cases in id order.
CREATE INDEX ix_cases_guild ON cases (guild_id, id);
-- Filters by type, applicant status and application date within a server.
CREATE INDEX ix_cases_guild_type_status_applied ON cases (guild_id, application_type, applicant_status, applied_on);

-- One row per recorded milestone other than 'applied' (Milestone enum values 1..6).
CREATE TABLE case_milestones (
    case_id   INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    milestone INTEGER NOT NULL CHECK (milestone BETWEEN 1 AND 6),
    date      TEXT NOT NULL,
    PRIMARY KEY (case_id, milestone)
);

CREATE TABLE case_history (
    id         INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    case_id    INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    field      TEXT NOT NULL,  -- milestone wire name ('interview-ca') or field name ('visible')
    old_value  TEXT NULL,
    new_value  TEXT NULL,
    changed_at INTEGER NOT NULL,
    actor_id   INTEGER NOT NULL
);

CREATE INDEX ix_case_history_case ON case_history (case_id, id);

-- Moderator actions; payload is JSON text naming the affected cases, so an action can be undone.
CREATE TABLE moderation_log (
    id         INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    guild_id   INTEGER NOT NULL,
    actor_id   INTEGER NOT NULL,
    action     TEXT NOT NULL,
    reason     TEXT NULL,
    payload    TEXT NULL,
    created_at INTEGER NOT NULL,
    undone_at  INTEGER NULL
);

CREATE INDEX ix_moderation_log_guild ON moderation_log (guild_id, id);

CREATE TABLE guild_settings (
    guild_id          INTEGER NOT NULL PRIMARY KEY,
    moderator_role_id INTEGER NULL,
    feed_channel_id   INTEGER NULL,
    updated_at        INTEGER NOT NULL
);

-- Bumped in the same transaction as every write to a server's cases, so any instance can tell cheaply
-- whether its cached statistics are stale.
CREATE TABLE guild_versions (
    guild_id INTEGER NOT NULL PRIMARY KEY,
    version  INTEGER NOT NULL
);

-- Allocates case numbers; a counter (not MAX + 1) so a deleted case's number is never handed out again.
CREATE TABLE guild_case_counters (
    guild_id         INTEGER NOT NULL PRIMARY KEY,
    last_case_number INTEGER NOT NULL
);
