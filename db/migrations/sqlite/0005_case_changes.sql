-- 0005: a log of which cases each version of a server changed, so the statistics, which keep a server's cases
-- in memory, read only the cases written since the version they hold instead of the whole server. Every write
-- transaction that bumps guild_versions adds one row per case it touched (deleted cases included, which is
-- why there is no foreign key to cases). Old rows are pruned; changes_from is the oldest version whose rows
-- are all still here, so a reader further behind than that reads the whole server again.
CREATE TABLE case_changes (
    guild_id INTEGER NOT NULL,
    version  INTEGER NOT NULL,
    case_id  INTEGER NOT NULL,
    PRIMARY KEY (guild_id, version, case_id)
) WITHOUT ROWID;

-- A server's first write creates its row at version 1, whose changes are logged: DEFAULT 1. Servers that
-- already have versions have no logged changes yet: their log starts with their next version.
ALTER TABLE guild_versions ADD COLUMN changes_from INTEGER NOT NULL DEFAULT 1;
UPDATE guild_versions SET changes_from = version + 1;
