-- 0006: each milestone date is stored once, on the case row, as a day number. Same meaning as
-- sqlite/0006_milestones_on_cases.sql: the *_day columns (added by 0004) hold DateOnly.DayNumber
-- (DATEDIFF(day, '00010101', date)), NULL for "not recorded"; applied_day is always written by the repository.
-- applied_on and case_milestones, which held the same dates a second time, go. One batch, no GO.

-- First the day numbers are set again from applied_on and case_milestones, the rows members have been
-- shown until now, so a copy that ever drifted (a hand repair) cannot replace what members saw.
-- Milestone values: Nexus.Domain/Cases/Enums.cs.
UPDATE c SET
    applied_day      = DATEDIFF(day, CAST('00010101' AS date), c.applied_on),
    conditional_day  = (SELECT DATEDIFF(day, CAST('00010101' AS date), m.date) FROM dbo.case_milestones m WHERE m.case_id = c.id AND m.milestone = 1),
    interview_ca_day = (SELECT DATEDIFF(day, CAST('00010101' AS date), m.date) FROM dbo.case_milestones m WHERE m.case_id = c.id AND m.milestone = 2),
    interview_us_day = (SELECT DATEDIFF(day, CAST('00010101' AS date), m.date) FROM dbo.case_milestones m WHERE m.case_id = c.id AND m.milestone = 3),
    approved_day     = (SELECT DATEDIFF(day, CAST('00010101' AS date), m.date) FROM dbo.case_milestones m WHERE m.case_id = c.id AND m.milestone = 4),
    card_day         = (SELECT DATEDIFF(day, CAST('00010101' AS date), m.date) FROM dbo.case_milestones m WHERE m.case_id = c.id AND m.milestone = 5),
    denied_day       = (SELECT DATEDIFF(day, CAST('00010101' AS date), m.date) FROM dbo.case_milestones m WHERE m.case_id = c.id AND m.milestone = 6)
FROM dbo.cases c;

-- The index on the application date moves to the day number (a column in an index cannot be dropped).
DROP INDEX ix_cases_guild_type_status_applied ON dbo.cases;
ALTER TABLE dbo.cases DROP COLUMN applied_on;
DROP TABLE dbo.case_milestones;
CREATE INDEX ix_cases_guild_type_status_applied ON dbo.cases (guild_id, application_type, applicant_status, applied_day);
