-- 0004: day numbers on the case row for the statistics load. Each column is a denormalised copy, as
-- DateOnly.DayNumber (days since 0001-01-01), of applied_on or of one case_milestones row (NULL when the
-- milestone is not recorded). The statistics load then reads one row per case with no join; before this,
-- a million cases came back as over four million joined rows. case_milestones stays the record that history
-- and moderation use; the repository writes both in the same transaction, so they always agree.
ALTER TABLE cases ADD COLUMN applied_day INTEGER NULL;
ALTER TABLE cases ADD COLUMN conditional_day INTEGER NULL;
ALTER TABLE cases ADD COLUMN interview_ca_day INTEGER NULL;
ALTER TABLE cases ADD COLUMN interview_us_day INTEGER NULL;
ALTER TABLE cases ADD COLUMN approved_day INTEGER NULL;
ALTER TABLE cases ADD COLUMN card_day INTEGER NULL;
ALTER TABLE cases ADD COLUMN denied_day INTEGER NULL;

-- Backfill with the same expression as SqliteDialect.DayNumber: julianday of a date is x.5 (Julian days
-- begin at noon) and 0001-01-01, day number 0, is 1721425.5. Milestone values: Nexus.Domain/Cases/Enums.cs.
UPDATE cases SET
    applied_day      = CAST(julianday(applied_on) - 1721425.5 AS INTEGER),
    conditional_day  = (SELECT CAST(julianday(m.date) - 1721425.5 AS INTEGER) FROM case_milestones m WHERE m.case_id = cases.id AND m.milestone = 1),
    interview_ca_day = (SELECT CAST(julianday(m.date) - 1721425.5 AS INTEGER) FROM case_milestones m WHERE m.case_id = cases.id AND m.milestone = 2),
    interview_us_day = (SELECT CAST(julianday(m.date) - 1721425.5 AS INTEGER) FROM case_milestones m WHERE m.case_id = cases.id AND m.milestone = 3),
    approved_day     = (SELECT CAST(julianday(m.date) - 1721425.5 AS INTEGER) FROM case_milestones m WHERE m.case_id = cases.id AND m.milestone = 4),
    card_day         = (SELECT CAST(julianday(m.date) - 1721425.5 AS INTEGER) FROM case_milestones m WHERE m.case_id = cases.id AND m.milestone = 5),
    denied_day       = (SELECT CAST(julianday(m.date) - 1721425.5 AS INTEGER) FROM case_milestones m WHERE m.case_id = cases.id AND m.milestone = 6);
