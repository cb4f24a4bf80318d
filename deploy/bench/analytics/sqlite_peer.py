#!/usr/bin/env python3
"""The machine's SQLite limit for the aggregator's raw-event writes, with no service: ROWS rows shaped
like raw_events inserted in transactions of BATCH rows (one per poll) into a fresh database with the
service's settings (WAL, synchronous=FULL: one fsync per transaction, as the service's group commit
gives a lone writer; V4's table: rowid, the 16-byte event id UNIQUE, the same two indexes). Prints rows/s.
With PEER_GO set, the clock starts only once that file exists (peer_start.py, for pipeline_peer.sh).
With MODE=no-id the id is stored without its UNIQUE index and inserted without ON CONFLICT: the
difference to the default is what the exactly-once check on each event id costs in SQLite.

    python3 sqlite_peer.py DB ROWS [BATCH] [MODE]
"""
import sqlite3
import sys
import time
import uuid

from peer_start import wait_for_go

db, rows = sys.argv[1], int(sys.argv[2])
batch = int(sys.argv[3]) if len(sys.argv) > 3 else 5000
no_id = len(sys.argv) > 4 and sys.argv[4] == "no-id"
c = sqlite3.connect(db, isolation_level=None)
c.execute("PRAGMA journal_mode=WAL")
c.execute("PRAGMA synchronous=FULL")
c.execute(f"""CREATE TABLE raw_events (id BLOB NOT NULL {'' if no_id else 'UNIQUE'}, event_type TEXT NOT NULL,
    content_id TEXT NOT NULL, user_id TEXT, visitor TEXT NOT NULL, source TEXT NOT NULL, medium TEXT, campaign TEXT,
    referrer TEXT, device TEXT NOT NULL, browser TEXT NOT NULL, os TEXT NOT NULL, country TEXT NOT NULL,
    event_value TEXT NOT NULL DEFAULT '{{}}', occurred_at BIGINT NOT NULL, received_at BIGINT NOT NULL)""")
c.execute("CREATE INDEX idx_raw_events_occurred ON raw_events (occurred_at)")
c.execute("CREATE INDEX idx_raw_events_user ON raw_events (user_id) WHERE user_id IS NOT NULL")
contents = [str(uuid.uuid4()) for _ in range(1000)]
now = int(time.time() * 1000)
pending = [[(uuid.uuid4().bytes, "view", contents[i % 1000], None, "a:5f3c9b1e2d4a6c8e", "newsletter", None, None, None,
             "mobile", "Chrome", "Android", "DE", "{}", now + i, now + i) for i in range(s, min(s + batch, rows))]
           for s in range(0, rows, batch)]
sql = "INSERT INTO raw_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" + ("" if no_id else " ON CONFLICT (id) DO NOTHING")
wait_for_go()
t0 = time.perf_counter()
for chunk in pending:
    c.execute("BEGIN IMMEDIATE")
    c.executemany(sql, chunk)
    c.execute("COMMIT")
print(f"{rows / (time.perf_counter() - t0):.0f}")
