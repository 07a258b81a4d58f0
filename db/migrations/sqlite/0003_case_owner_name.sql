-- 0003: the name a member shares with their case. Set only while the case is visible (by /mycase privacy
-- visible:true, from the member's display name at that moment) and cleared when it is hidden again, so
-- listings can name shared cases without asking Discord. Goes with the case when it is deleted.
-- Numbered 0003 because 0002 is the moderation migration on its own branch.
ALTER TABLE cases ADD COLUMN owner_name TEXT NULL;
