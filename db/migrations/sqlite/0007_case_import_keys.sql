-- 0007: a key for each case saved without an owner (an imported row, a demo case), unique in its server, so an
-- insert repeated after a lost acknowledgement finds the first one instead of saving the case twice. Same
-- meaning as sqlserver/0007_case_import_keys.sql (which also drops an index that only SQL Server duplicates);
-- existing cases keep NULL.
ALTER TABLE cases ADD COLUMN import_key TEXT NULL;

CREATE UNIQUE INDEX ux_cases_guild_import_key ON cases (guild_id, import_key) WHERE import_key IS NOT NULL;
