-- 0004: day numbers on the case row for the statistics load. Same meaning as sqlite/0004_case_day_numbers.sql:
-- denormalised copies, as DateOnly.DayNumber, of applied_on and of each case_milestones row (NULL when not
-- recorded), written by the repository in the same transaction as the rows they copy. One batch, no GO.
ALTER TABLE dbo.cases ADD
    applied_day      INT NULL,
    conditional_day  INT NULL,
    interview_ca_day INT NULL,
    interview_us_day INT NULL,
    approved_day     INT NULL,
    card_day         INT NULL,
    denied_day       INT NULL;

-- Through EXEC: SQL Server compiles a batch before running it, and the columns do not exist yet then.
-- The expression is SqlServerDialect.DayNumber. Milestone values: Nexus.Domain/Cases/Enums.cs.
EXEC (N'
UPDATE c SET
    applied_day      = DATEDIFF(day, CAST(''00010101'' AS date), c.applied_on),
    conditional_day  = (SELECT DATEDIFF(day, CAST(''00010101'' AS date), m.date) FROM dbo.case_milestones m WHERE m.case_id = c.id AND m.milestone = 1),
    interview_ca_day = (SELECT DATEDIFF(day, CAST(''00010101'' AS date), m.date) FROM dbo.case_milestones m WHERE m.case_id = c.id AND m.milestone = 2),
    interview_us_day = (SELECT DATEDIFF(day, CAST(''00010101'' AS date), m.date) FROM dbo.case_milestones m WHERE m.case_id = c.id AND m.milestone = 3),
    approved_day     = (SELECT DATEDIFF(day, CAST(''00010101'' AS date), m.date) FROM dbo.case_milestones m WHERE m.case_id = c.id AND m.milestone = 4),
    card_day         = (SELECT DATEDIFF(day, CAST(''00010101'' AS date), m.date) FROM dbo.case_milestones m WHERE m.case_id = c.id AND m.milestone = 5),
    denied_day       = (SELECT DATEDIFF(day, CAST(''00010101'' AS date), m.date) FROM dbo.case_milestones m WHERE m.case_id = c.id AND m.milestone = 6)
FROM dbo.cases c;');

-- The statistics load reads a server's live cases in id order: this index answers it without touching the
-- table (SQLite reads the table itself in id order, which is already sequential).
EXEC (N'CREATE INDEX ix_cases_guild_stats ON dbo.cases (guild_id, id)
    INCLUDE (case_number, application_type, applicant_status, centre_code, excluded, deleted_at,
             applied_day, conditional_day, interview_ca_day, interview_us_day, approved_day, card_day, denied_day);');
