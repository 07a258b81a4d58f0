-- 0005: which cases each version of a server changed. Same meaning as sqlite/0005_case_changes.sql: the
-- statistics read only the cases written since the version they hold; rows are pruned, and changes_from is
-- the oldest version whose rows are all kept. No foreign key to cases: deletions are changes too.
CREATE TABLE dbo.case_changes (
    guild_id BIGINT NOT NULL,
    version  BIGINT NOT NULL,
    case_id  BIGINT NOT NULL,
    CONSTRAINT pk_case_changes PRIMARY KEY CLUSTERED (guild_id, version, case_id)
);

ALTER TABLE dbo.guild_versions ADD changes_from BIGINT NOT NULL CONSTRAINT df_guild_versions_changes_from DEFAULT 1;

-- Through EXEC: SQL Server compiles a batch before running it, and the column does not exist yet then.
EXEC (N'UPDATE dbo.guild_versions SET changes_from = version + 1;');
