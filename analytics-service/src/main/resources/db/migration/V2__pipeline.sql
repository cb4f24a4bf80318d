-- The pipeline (issue 16): raw events as the aggregator stored them from analytics.raw, rollups by
-- content x hour|day x source x device x country, exact unique visitors, what content.events said is
-- published, consents withdrawn, the daily visitor salts. Times are epoch milliseconds (UTC).

-- V1's raw events were never rolled up; they are carried over with what they had.
CREATE TABLE raw_events_v2 (
    id          TEXT   PRIMARY KEY,
    event_type  TEXT   NOT NULL CHECK (event_type IN ('view', 'click', 'share', 'like', 'comment', 'conversion',
                                                      'signup', 'purchase', 'custom')),
    content_id  TEXT   NOT NULL,
    -- The signed-in user (null when anonymous or when the user withdrew the analytics consent).
    user_id     TEXT,
    -- Who counts as one unique visitor: a hash of the user id, or the day's salted hash of address and agent.
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
) WITHOUT ROWID;
INSERT INTO raw_events_v2 (id, event_type, content_id, user_id, visitor, source, device, browser, os, country,
                           event_value, occurred_at, received_at)
SELECT id, event_type, content_id, user_id, coalesce(session_id, id), 'direct', 'unknown', 'unknown', 'unknown',
       'unknown', properties, occurred_at, received_at
FROM raw_events;
DROP TABLE raw_events;
ALTER TABLE raw_events_v2 RENAME TO raw_events;
-- Retention and the recompute check read by time; erasure by user.
CREATE INDEX idx_raw_events_occurred ON raw_events (occurred_at);
CREATE INDEX idx_raw_events_user ON raw_events (user_id) WHERE user_id IS NOT NULL;

-- One table for both granularities: the same code adds to and takes from both.
DROP TABLE hourly_rollups;
DROP TABLE daily_rollups;
CREATE TABLE rollups (
    content_id  TEXT    NOT NULL,
    granularity TEXT    NOT NULL CHECK (granularity IN ('hour', 'day')),
    bucket      BIGINT  NOT NULL,
    source      TEXT    NOT NULL,
    device      TEXT    NOT NULL,
    country     TEXT    NOT NULL,
    views       INTEGER NOT NULL DEFAULT 0,
    clicks      INTEGER NOT NULL DEFAULT 0,
    shares      INTEGER NOT NULL DEFAULT 0,
    likes       INTEGER NOT NULL DEFAULT 0,
    comments    INTEGER NOT NULL DEFAULT 0,
    conversions INTEGER NOT NULL DEFAULT 0,
    signups     INTEGER NOT NULL DEFAULT 0,
    purchases   INTEGER NOT NULL DEFAULT 0,
    customs     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (content_id, granularity, bucket, source, device, country)
) WITHOUT ROWID;
-- Trending reads the recent hours of every content.
CREATE INDEX idx_rollups_recent ON rollups (granularity, bucket);

-- Exact unique visitors: one row per visitor per content and bucket (counted at read time).
CREATE TABLE visitors (
    content_id  TEXT   NOT NULL,
    granularity TEXT   NOT NULL,
    bucket      BIGINT NOT NULL,
    visitor     TEXT   NOT NULL,
    PRIMARY KEY (content_id, granularity, bucket, visitor)
) WITHOUT ROWID;
CREATE INDEX idx_visitors_visitor ON visitors (visitor);

-- content_stats: a row per content content.events said is published (events for any other are refused),
-- its all-time totals, and what analytics.engagement was last told.
ALTER TABLE content_stats ADD COLUMN archived_at BIGINT;
ALTER TABLE content_stats ADD COLUMN signups INTEGER NOT NULL DEFAULT 0;
ALTER TABLE content_stats ADD COLUMN purchases INTEGER NOT NULL DEFAULT 0;
ALTER TABLE content_stats ADD COLUMN customs INTEGER NOT NULL DEFAULT 0;
ALTER TABLE content_stats ADD COLUMN sent_views INTEGER NOT NULL DEFAULT 0;
ALTER TABLE content_stats ADD COLUMN sent_likes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE content_stats ADD COLUMN sent_shares INTEGER NOT NULL DEFAULT 0;
ALTER TABLE content_stats ADD COLUMN sent_comments INTEGER NOT NULL DEFAULT 0;
ALTER TABLE content_stats ADD COLUMN sent_at BIGINT;
CREATE INDEX idx_content_stats_unsent ON content_stats (content_id)
    WHERE views != sent_views OR likes != sent_likes OR shares != sent_shares OR comments != sent_comments;
CREATE INDEX idx_content_stats_author_updated ON content_stats (author_id, updated_at);

-- Users who withdrew the analytics consent (consent.changed): counted only anonymously.
CREATE TABLE analytics_opt_outs (
    user_id    TEXT   PRIMARY KEY,
    changed_at BIGINT NOT NULL
);

-- The salt of each day's anonymous visitor hash; a day's salt is deleted after it, so that no hash
-- can be linked back to an address (as Plausible does).
CREATE TABLE visitor_salts (
    day  BIGINT PRIMARY KEY,
    salt TEXT   NOT NULL
);

-- Known bots: dropped at the door, counted per day.
CREATE TABLE bot_events (
    day   BIGINT PRIMARY KEY,
    count INTEGER NOT NULL
);

-- Users erased (user.deleted): their events are never stored again, even when a copy of one is
-- still travelling on analytics.raw.
CREATE TABLE erased_users (
    user_id   TEXT   PRIMARY KEY,
    erased_at BIGINT NOT NULL
);
