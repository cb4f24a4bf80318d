#!/usr/bin/env python3
"""The machine's SQLite limit for the aggregator's whole write pattern, with no service: ROWS events
like AnalyticsLoad's (views, likes, shares, clicks of CONTENTS content items; 4 sources, 3 devices,
5 countries; one anonymous visitor) written as the aggregator writes a poll of BATCH events, one
transaction each: the raw_events rows, each touched rollup row (hour and day) upserted once with the
poll's sum, each visitor row (hour and day) inserted once, each content's total upserted once, each
set in key order (neighbouring keys share B-tree pages). The service's tables and indexes as its
migrations leave them (V4), so that SQLite does the same work; a fresh database (or, given an existing
one with the tables, e.g. a copy of the bench's seeded analytics.db, that one: what the data's size costs), WAL,
synchronous=FULL (one fsync per transaction, as the service's group commit gives a lone writer).
Prints events/s.
With PEER_GO set, the clock starts only once that file exists (peer_start.py, for pipeline_peer.sh).

    python3 rollup_peer.py DB ROWS CONTENTS [BATCH]
"""
import random
import sqlite3
import sys
import time
import uuid

from peer_start import wait_for_go

db, rows, contents = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
batch = int(sys.argv[4]) if len(sys.argv) > 4 else 5000
c = sqlite3.connect(db, isolation_level=None)
c.execute("PRAGMA journal_mode=WAL")
c.execute("PRAGMA synchronous=FULL")
if not c.execute("SELECT 1 FROM sqlite_master WHERE name = 'rollups'").fetchone():  # a fresh database
    c.executescript("""
    CREATE TABLE raw_events (id BLOB NOT NULL UNIQUE, event_type TEXT NOT NULL CHECK (event_type IN ('view', 'click',
        'share', 'like', 'comment', 'conversion', 'signup', 'purchase', 'custom')), content_id TEXT NOT NULL, user_id TEXT,
        visitor TEXT NOT NULL, source TEXT NOT NULL, medium TEXT, campaign TEXT, referrer TEXT, device TEXT NOT NULL,
        browser TEXT NOT NULL, os TEXT NOT NULL, country TEXT NOT NULL, event_value TEXT NOT NULL DEFAULT '{}',
        occurred_at BIGINT NOT NULL, received_at BIGINT NOT NULL);
    CREATE INDEX idx_raw_events_occurred ON raw_events (occurred_at);
    CREATE INDEX idx_raw_events_user ON raw_events (user_id) WHERE user_id IS NOT NULL;
    CREATE TABLE rollups (content_id TEXT NOT NULL, granularity TEXT NOT NULL CHECK (granularity IN ('hour', 'day')),
        bucket BIGINT NOT NULL, source TEXT NOT NULL, device TEXT NOT NULL, country TEXT NOT NULL,
        views INTEGER NOT NULL DEFAULT 0, clicks INTEGER NOT NULL DEFAULT 0, shares INTEGER NOT NULL DEFAULT 0,
        likes INTEGER NOT NULL DEFAULT 0, comments INTEGER NOT NULL DEFAULT 0, conversions INTEGER NOT NULL DEFAULT 0,
        signups INTEGER NOT NULL DEFAULT 0, purchases INTEGER NOT NULL DEFAULT 0, customs INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (content_id, granularity, bucket, source, device, country)) WITHOUT ROWID;
    CREATE INDEX idx_rollups_recent ON rollups (bucket) WHERE granularity = 'hour';
    CREATE TABLE visitors (content_id TEXT NOT NULL, granularity TEXT NOT NULL, bucket BIGINT NOT NULL, visitor TEXT NOT NULL,
        PRIMARY KEY (content_id, granularity, bucket, visitor)) WITHOUT ROWID;
    CREATE INDEX idx_visitors_user ON visitors (visitor) WHERE substr(visitor, 1, 2) = 'u:';
    CREATE TABLE content_stats (content_id TEXT PRIMARY KEY, author_id TEXT, published_at BIGINT,
        views INTEGER NOT NULL DEFAULT 0, clicks INTEGER NOT NULL DEFAULT 0, shares INTEGER NOT NULL DEFAULT 0,
        likes INTEGER NOT NULL DEFAULT 0, comments INTEGER NOT NULL DEFAULT 0, conversions INTEGER NOT NULL DEFAULT 0,
        updated_at BIGINT NOT NULL, archived_at BIGINT, signups INTEGER NOT NULL DEFAULT 0,
        purchases INTEGER NOT NULL DEFAULT 0, customs INTEGER NOT NULL DEFAULT 0, sent_views INTEGER NOT NULL DEFAULT 0,
        sent_likes INTEGER NOT NULL DEFAULT 0, sent_shares INTEGER NOT NULL DEFAULT 0, sent_comments INTEGER NOT NULL DEFAULT 0,
        sent_at BIGINT, visibility TEXT NOT NULL DEFAULT 'private');
    CREATE INDEX idx_content_stats_author ON content_stats (author_id) WHERE author_id IS NOT NULL;
    CREATE INDEX idx_content_stats_unsent ON content_stats (content_id)
        WHERE views != sent_views OR likes != sent_likes OR shares != sent_shares OR comments != sent_comments;
    CREATE INDEX idx_content_stats_author_updated ON content_stats (author_id, updated_at);
    """)
ids = [str(uuid.uuid4()) for _ in range(contents)]
now = int(time.time() * 1000)
author = str(uuid.uuid4())
c.executemany("INSERT INTO content_stats (content_id, author_id, visibility, published_at, updated_at) VALUES (?, ?, 'public', ?, ?)",
              ((i, author, now, now) for i in ids))
TYPES = ["view"] * 4 + ["like", "share", "click"]
COL = {"view": 0, "click": 1, "share": 2, "like": 3}
SRC = ["newsletter", "twitter", "google.com", "direct"]
DEV = ["mobile", "desktop", "tablet"]
GEO = ["DE", "FR", "US", "BR", "IN"]
VISITOR = "a:5f3c9b1e2d4a6c8e1234abcd"
polls = [[(uuid.uuid4().bytes, random.choice(TYPES), random.choice(ids), None, VISITOR, random.choice(SRC), None, None,
           None, random.choice(DEV), "Firefox", "Linux", random.choice(GEO), "{}", now + i, now + i)
          for i in range(s, min(s + batch, rows))] for s in range(0, rows, batch)]
wait_for_go()
t0 = time.perf_counter()
for poll in polls:
    c.execute("BEGIN IMMEDIATE")
    # Fresh ids: every event is new (the service learns which through RETURNING).
    c.executemany("""INSERT INTO raw_events (id, event_type, content_id, user_id, visitor, source, medium, campaign, referrer,
        device, browser, os, country, event_value, occurred_at, received_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""", sorted(poll))
    rollups, visits, totals = {}, set(), {}
    for e in poll:
        for gran, ms in (("hour", 3_600_000), ("day", 86_400_000)):
            key = (e[2], gran, e[14] // ms * ms, e[5], e[9], e[12])
            counters = rollups.setdefault(key, [0, 0, 0, 0])
            counters[COL[e[1]]] += 1
            visits.add((e[2], gran, e[14] // ms * ms, e[4]))
        total = totals.setdefault(e[2], [0, 0, 0, 0])
        total[COL[e[1]]] += 1
    c.executemany("""INSERT INTO rollups (content_id, granularity, bucket, source, device, country, views, clicks, shares, likes)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET views = views + excluded.views,
        clicks = clicks + excluded.clicks, shares = shares + excluded.shares, likes = likes + excluded.likes""",
                  [k + tuple(v) for k, v in sorted(rollups.items())])
    c.executemany("INSERT INTO visitors VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", sorted(visits))
    c.executemany("""INSERT INTO content_stats (content_id, views, clicks, shares, likes, updated_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (content_id) DO UPDATE SET views = views + excluded.views, clicks = clicks + excluded.clicks,
        shares = shares + excluded.shares, likes = likes + excluded.likes, updated_at = excluded.updated_at""",
                  [(k, *v, now) for k, v in sorted(totals.items())])
    c.execute("COMMIT")
print(f"{rows / (time.perf_counter() - t0):.0f}")
