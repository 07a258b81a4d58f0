-- 0007: a key for each case saved without an owner (an imported row, a demo case), unique in its server, so an
-- insert repeated after a lost acknowledgement finds the first one instead of saving the case twice. Same
-- meaning as sqlite/0007_case_import_keys.sql; existing cases keep NULL. One batch, no GO.
ALTER TABLE dbo.cases ADD import_key NVARCHAR(64) NULL;

-- Through EXEC: SQL Server compiles a batch before running it, and the column does not exist yet then.
EXEC (N'CREATE UNIQUE INDEX ux_cases_guild_import_key ON dbo.cases (guild_id, import_key) WHERE import_key IS NOT NULL;');

-- ix_cases_guild (guild_id, id) has the same key as ix_cases_guild_stats (0004), which answers everything it
-- did: one index to keep up on every write instead of two. SQLite keeps it (it has no covering index).
DROP INDEX ix_cases_guild ON dbo.cases;
