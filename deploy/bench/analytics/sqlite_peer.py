#!/usr/bin/env python3
"""The machine's SQLite limit for the aggregator's write pattern, with no service: ROWS rows shaped
like raw_events inserted in transactions of BATCH rows (one per poll) into a fresh database with the
service's settings (WAL, synchronous=FULL, a UUID primary key, the same two indexes). Prints rows/s.

    python3 sqlite_peer.py DB ROWS [BATCH]
"""
import sqlite3
import sys
import time
import uuid

db, rows = sys.argv[1], int(sys.argv[2])
batch = int(sys.argv[3]) if len(sys.argv) > 3 else 5000
c = sqlite3.connect(db, isolation_level=None)
c.execute("PRAGMA journal_mode=WAL")
c.execute("PRAGMA synchronous=FULL")
c.execute("""CREATE TABLE raw_events (id TEXT PRIMARY KEY, event_type TEXT NOT NULL, content_id TEXT NOT NULL, user_id TEXT,
    visitor TEXT NOT NULL, source TEXT NOT NULL, medium TEXT, campaign TEXT, referrer TEXT, device TEXT NOT NULL,
    browser TEXT NOT NULL, os TEXT NOT NULL, country TEXT NOT NULL, event_value TEXT NOT NULL DEFAULT '{}',
    occurred_at BIGINT NOT NULL, received_at BIGINT NOT NULL) WITHOUT ROWID""")
c.execute("CREATE INDEX idx_raw_events_occurred ON raw_events (occurred_at)")
c.execute("CREATE INDEX idx_raw_events_user ON raw_events (user_id) WHERE user_id IS NOT NULL")
contents = [str(uuid.uuid4()) for _ in range(1000)]
now = int(time.time() * 1000)
pending = [[(str(uuid.uuid4()), "view", contents[i % 1000], None, "a:5f3c9b1e2d4a6c8e", "newsletter", None, None, None,
             "mobile", "Chrome", "Android", "DE", "{}", now + i, now + i) for i in range(s, min(s + batch, rows))]
           for s in range(0, rows, batch)]
t0 = time.perf_counter()
for chunk in pending:
    c.execute("BEGIN IMMEDIATE")
    c.executemany("INSERT INTO raw_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING", chunk)
    c.execute("COMMIT")
print(f"{rows / (time.perf_counter() - t0):.0f}")
