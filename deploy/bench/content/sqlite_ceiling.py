"""The machine's ceiling for a create's storage work, without the service: one writer commits, one
transaction each, what a create writes at least (a content row and its outbox row) into a fresh
SQLite file with content-service's schema (copied from the bench's database) and its connection
settings (WAL, synchronous=FULL). Prints commits per second over SECONDS.

    python3 sqlite_ceiling.py BENCH_DB SCRATCH_DB [SECONDS]
"""
import os, sqlite3, sys, time, uuid

src, path = sys.argv[1], sys.argv[2]
seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 5
for suffix in ("", "-wal", "-shm"):
    if os.path.exists(path + suffix):
        os.remove(path + suffix)
schema = [r[0] for r in sqlite3.connect(src).execute(
    "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND name IN "
    "('content','outbox','idx_content_author_created','idx_content_workspace_status','idx_content_published',"
    "'idx_content_due','ux_content_slug','idx_outbox_unsent')")]
db = sqlite3.connect(path, isolation_level=None)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=FULL")
for sql in schema:
    db.execute(sql)
author = str(uuid.uuid4())
n, start = 0, time.monotonic()
while time.monotonic() - start < seconds:
    cid, now = str(uuid.uuid4()), int(time.time() * 1000)
    db.execute("BEGIN IMMEDIATE")
    db.execute("INSERT INTO content (id, workspace_id, author_id, format, title, body, status, ethics_status, slug,"
               " version, created_at, updated_at) VALUES (?,?,?,'text',?,?,'draft','passed',?,1,?,?)",
               (cid, author, author, "Bench %d" % n, "Notes on growing herbs on a windowsill, entry %d." % n,
                "bench-%d" % n, now, now))
    db.execute("INSERT INTO outbox (event_id, topic, event_type, subject, payload, occurred_at) VALUES (?,?,?,?,?,?)",
               (str(uuid.uuid4()), "content.events", "content.created", cid, '{"id":"%s"}' % cid, now))
    db.execute("COMMIT")
    n += 1
elapsed = time.monotonic() - start
print("%.0f commits/s (%d in %.1f s, %.2f ms each)" % (n / elapsed, n, elapsed, 1000 * elapsed / n))
