-- 0009: the requests (Discord interactions) that have written, so a replayed request changes nothing even when
-- it reaches an instance that has not seen it (another bot sharing the database, or this one after a restart).
-- The first write transaction of a request to commit inserts the request's id here, in that transaction; a
-- replay's insert then fails on the primary key (or waits for the first one's commit, then fails) and its
-- transaction is rolled back. Rows older than a day are pruned by the writes themselves (recorded_at is Unix
-- milliseconds UTC). No existing row changes.
CREATE TABLE dbo.request_writes (
    request_id  BIGINT NOT NULL CONSTRAINT pk_request_writes PRIMARY KEY,
    recorded_at BIGINT NOT NULL
);

CREATE INDEX ix_request_writes_recorded_at ON dbo.request_writes (recorded_at);
