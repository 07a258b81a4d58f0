-- 0006: each milestone date is stored once, on the case row, as a day number. applied_day, conditional_day,
-- interview_ca_day, interview_us_day, approved_day, card_day and denied_day (added by 0004) hold
-- DateOnly.DayNumber (days since 0001-01-01; in SQL, julianday(date) - 1721425.5); NULL is "not recorded".
-- applied_day is never NULL: the repository always writes it (SQLite cannot add NOT NULL to a column).
-- applied_on and case_milestones, which held the same dates a second time, go.

-- First the day numbers are set again from applied_on and case_milestones, the rows members have been
-- shown until now, so a copy that ever drifted (a hand repair) cannot replace what members saw.
-- Milestone values: Nexus.Domain/Cases/Enums.cs.
UPDATE cases SET
    applied_day      = CAST(julianday(applied_on) - 1721425.5 AS INTEGER),
    conditional_day  = (SELECT CAST(julianday(m.date) - 1721425.5 AS INTEGER) FROM case_milestones m WHERE m.case_id = cases.id AND m.milestone = 1),
    interview_ca_day = (SELECT CAST(julianday(m.date) - 1721425.5 AS INTEGER) FROM case_milestones m WHERE m.case_id = cases.id AND m.milestone = 2),
    interview_us_day = (SELECT CAST(julianday(m.date) - 1721425.5 AS INTEGER) FROM case_milestones m WHERE m.case_id = cases.id AND m.milestone = 3),
    approved_day     = (SELECT CAST(julianday(m.date) - 1721425.5 AS INTEGER) FROM case_milestones m WHERE m.case_id = cases.id AND m.milestone = 4),
    card_day         = (SELECT CAST(julianday(m.date) - 1721425.5 AS INTEGER) FROM case_milestones m WHERE m.case_id = cases.id AND m.milestone = 5),
    denied_day       = (SELECT CAST(julianday(m.date) - 1721425.5 AS INTEGER) FROM case_milestones m WHERE m.case_id = cases.id AND m.milestone = 6);

-- The index on the application date moves to the day number (a column in an index cannot be dropped).
DROP INDEX ix_cases_guild_type_status_applied;
CREATE INDEX ix_cases_guild_type_status_applied ON cases (guild_id, application_type, applicant_status, applied_day);
ALTER TABLE cases DROP COLUMN applied_on;
DROP TABLE case_milestones;
