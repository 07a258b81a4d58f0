-- 0009: the requests (Discord interactions) that have written, so a replayed request changes nothing even when
-- it reaches an instance that has not seen it (another bot sharing the database, or this one after a restart).
-- The first write transaction of a request to commit inserts the request's id here, in that transaction; a
-- replay's insert then fails on the primary key and its transaction is rolled back. Rows older than a day are
-- pruned by the writes themselves (recorded_at is Unix milliseconds UTC). No existing row changes.
CREATE TABLE request_writes (
    request_id  INTEGER NOT NULL PRIMARY KEY,
    recorded_at INTEGER NOT NULL
);

CREATE INDEX ix_request_writes_recorded_at ON request_writes (recorded_at);
