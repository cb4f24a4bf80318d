-- The aggregator's write path, leaner (issue 16's ingestion target).
--
-- raw_events becomes an ordinary rowid table keyed by its 16-byte event id (a UNIQUE index) instead
-- of a WITHOUT ROWID table keyed by the 36-character text: rows now land at the end of the table in
-- arrival order, and only the small id index takes random inserts. Keyed by the random UUID, every
-- whole row (about 200 bytes) went to a random leaf of a tree that outgrows the page cache within
-- days of data, so each batch dirtied a page per event.
CREATE TABLE raw_events_v4 (
    -- The client's event id as its 16 bytes (a text id from before that is not a UUID keeps its text).
    id          BLOB   NOT NULL UNIQUE,
    event_type  TEXT   NOT NULL CHECK (event_type IN ('view', 'click', 'share', 'like', 'comment', 'conversion',
                                                      'signup', 'purchase', 'custom')),
    content_id  TEXT   NOT NULL,
    user_id     TEXT,
    visitor     TEXT   NOT NULL,
    source      TEXT   NOT NULL,
    medium      TEXT,
    campaign    TEXT,
    referrer    TEXT,
    device      TEXT   NOT NULL,
    browser     TEXT   NOT NULL,
    os          TEXT   NOT NULL,
    country     TEXT   NOT NULL,
    event_value TEXT   NOT NULL DEFAULT '{}',
    occurred_at BIGINT NOT NULL,
    received_at BIGINT NOT NULL
);
INSERT INTO raw_events_v4 (id, event_type, content_id, user_id, visitor, source, medium, campaign, referrer, device,
                           browser, os, country, event_value, occurred_at, received_at)
SELECT coalesce(unhex(replace(id, '-', '')), CAST(id AS BLOB)), event_type, content_id, user_id, visitor, source,
       medium, campaign, referrer, device, browser, os, country, event_value, occurred_at, received_at
FROM raw_events ORDER BY received_at;
DROP TABLE raw_events;
ALTER TABLE raw_events_v4 RENAME TO raw_events;
CREATE INDEX idx_raw_events_occurred ON raw_events (occurred_at);
CREATE INDEX idx_raw_events_user ON raw_events (user_id) WHERE user_id IS NOT NULL;

-- Trending reads recent hours only: day rows need no entry (one index write fewer per day row).
DROP INDEX idx_rollups_recent;
CREATE INDEX idx_rollups_recent ON rollups (bucket) WHERE granularity = 'hour';

-- Erasure looks visitors up by a signed-in user's hash ('u:...'); an anonymous visitor's daily hash
-- is never looked up, so its rows (most of them) need no entry.
DROP INDEX idx_visitors_visitor;
CREATE INDEX idx_visitors_user ON visitors (visitor) WHERE substr(visitor, 1, 2) = 'u:';
