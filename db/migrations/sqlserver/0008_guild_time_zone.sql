-- 0008: each server's time zone (an IANA name such as 'America/Vancouver'), chosen with /config timezone.
-- NULL until chosen: the bot then uses America/Toronto (ServerCalendar.DefaultTimeZoneId). "today", the
-- future-date rule and the statistics' day are dates in this zone. No existing row changes.
ALTER TABLE guild_settings ADD time_zone NVARCHAR(64) NULL;
