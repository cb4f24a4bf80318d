-- analytics-service owns raw engagement events, hourly and daily rollups and per-content stats.
-- Times are epoch milliseconds (BIGINT); buckets are the epoch millisecond of the hour/day start (UTC).

-- Events as clients sent them; the client's event id makes a retried batch a no-op.
CREATE TABLE raw_events (
    id          TEXT   PRIMARY KEY,
    event_type  TEXT   NOT NULL CHECK (event_type IN ('view', 'click', 'share', 'like', 'comment', 'conversion')),
    content_id  TEXT   NOT NULL,
    user_id     TEXT,
    session_id  TEXT,
    properties  TEXT   NOT NULL DEFAULT '{}',
    occurred_at BIGINT NOT NULL,
    received_at BIGINT NOT NULL
);
CREATE INDEX idx_raw_events_content_time ON raw_events (content_id, occurred_at);
CREATE INDEX idx_raw_events_received ON raw_events (received_at);
CREATE INDEX idx_raw_events_user ON raw_events (user_id) WHERE user_id IS NOT NULL;

CREATE TABLE hourly_rollups (
    content_id  TEXT    NOT NULL,
    bucket      BIGINT  NOT NULL,
    event_type  TEXT    NOT NULL,
    count       INTEGER NOT NULL DEFAULT 0,
    unique_users INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (content_id, bucket, event_type)
);
CREATE INDEX idx_hourly_rollups_bucket ON hourly_rollups (bucket, event_type);

CREATE TABLE daily_rollups (
    content_id  TEXT    NOT NULL,
    bucket      BIGINT  NOT NULL,
    event_type  TEXT    NOT NULL,
    count       INTEGER NOT NULL DEFAULT 0,
    unique_users INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (content_id, bucket, event_type)
);
CREATE INDEX idx_daily_rollups_bucket ON daily_rollups (bucket, event_type);

-- Totals per content, and its owner (from content.published) for dashboards and erasure.
CREATE TABLE content_stats (
    content_id   TEXT    PRIMARY KEY,
    author_id    TEXT,
    published_at BIGINT,
    views        INTEGER NOT NULL DEFAULT 0,
    clicks       INTEGER NOT NULL DEFAULT 0,
    shares       INTEGER NOT NULL DEFAULT 0,
    likes        INTEGER NOT NULL DEFAULT 0,
    comments     INTEGER NOT NULL DEFAULT 0,
    conversions  INTEGER NOT NULL DEFAULT 0,
    updated_at   BIGINT  NOT NULL
);
CREATE INDEX idx_content_stats_author ON content_stats (author_id) WHERE author_id IS NOT NULL;

-- outbox and processed_events: the platform's shared migrations (db/platform).
