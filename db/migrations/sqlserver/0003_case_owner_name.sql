-- 0003: the name a member shares with their case. Same meaning as sqlite/0003_case_owner_name.sql:
-- set only while the case is visible, cleared when it is hidden, deleted with the case.
ALTER TABLE cases ADD owner_name NVARCHAR(100) NULL;
