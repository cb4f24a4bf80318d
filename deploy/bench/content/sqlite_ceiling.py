"""The machine's ceiling for a create's storage work, without the service, one writer, one transaction
per create (or GROUP of them), in fresh SQLite files with content-service's schema (copied from the
bench's database):

  minimal  what a create writes at least (a content row and its outbox row), synchronous=FULL
           (an fsync per commit): the figure of earlier sessions.
  full     everything a create writes: the content row with V20/V21's triggers (FTS5 with prefix
           indexes, search_documents, vector_jobs, media links), its revision, two tags (linked,
           created when missing), and the content.created outbox row; synchronous=FULL.
  full-nosync  the same with synchronous=OFF, no fsync at all: the CPU ceiling of SQLite's own
           work for a create on this machine when each create is its own transaction.
  full-grouped the full write set, GROUP creates to a transaction (default 32, the bench's connections:
           at most that many creates wait for the writer at once), fsync per commit: what the service's
           shared transactions do (SharedTransactions), so the peer doing the same work. A transaction
           of many creates costs less per create than one of one (FTS5 writes a segment per transaction
           and merges segments; the commit writes each dirty page once).

Prints one line: "<label> N commits/s (... ms each, ... ms CPU)" per case (CPU: this process's, which
the machine's load moves less than the rate), separated by "; ".

    python3 sqlite_ceiling.py BENCH_DB SCRATCH_DB [SECONDS] [GROUP]
"""
import os, sqlite3, sys, time, uuid

src, path = sys.argv[1], sys.argv[2]
seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 5
group = int(sys.argv[4]) if len(sys.argv) > 4 else 32
source = sqlite3.connect(src)
MINIMAL = ("content", "outbox", "idx_content_author_created", "idx_content_workspace_status", "idx_content_published",
           "idx_content_due", "ux_content_slug", "idx_outbox_unsent")


def schema(full):
    rows = source.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' "
                          "AND name NOT LIKE 'flyway%' AND NOT (type = 'table' AND name GLOB 'content_fts_*')").fetchall()
    order = {"table": 0, "index": 1, "trigger": 2}
    return [sql for kind, name, sql in sorted(rows, key=lambda r: order.get(r[0], 3))
            if kind in order and (full or name in MINIMAL)]


def fresh(full, sync):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=" + sync)
    db.execute("PRAGMA foreign_keys=ON")
    for sql in schema(full):
        db.execute(sql)
    return db


def create(db, full, author, n):
    cid, now = str(uuid.uuid4()), int(time.time() * 1000)
    title, body = "Bench %d" % n, "Notes on growing herbs on a windowsill: light, water and patience, entry %d." % n
    db.execute("INSERT INTO content (id, workspace_id, author_id, type, format, visibility, title, body, slug, metadata,"
               " media_ids, status, ethics_status, ethics_score, ethics_flags, ethics_thresholds, version, created_at,"
               " updated_at) VALUES (?,?,?,'blog_post','text','public',?,?,?,'{}','[]','draft','passed',0,'[]','{}',1,?,?)",
               (cid, author, author, title, body, "bench-%d" % n, now, now))
    if full:
        db.execute("INSERT INTO content_revisions VALUES (?,1,?,?,?,?)",
                   (cid, author, '["created"]', '{"title":"%s","body":"%s","tags":["bench","herbs"]}' % (title, body), now))
        for slug in ("bench", "herbs"):  # as TagRepository: the link first, the tag created only when missing
            link = ("INSERT INTO content_tags (content_id, tag_id, tagged_at) SELECT ?, id, ? FROM tags WHERE slug = ?",
                    (cid, now, slug))
            if db.execute(*link).rowcount == 0:
                db.execute("INSERT INTO tags (id, name, slug, usage_count, created_at) VALUES (?,?,?,0,?) "
                           "ON CONFLICT (slug) DO NOTHING", (str(uuid.uuid4()), slug, slug, now))
                db.execute(*link)
    db.execute("INSERT INTO outbox (event_id, topic, event_type, subject, payload, occurred_at) VALUES (?,?,?,?,?,?)",
               (str(uuid.uuid4()), "content.events", "content.created", cid, '{"id":"%s"}' % cid, now))


results = []
for label, full, sync, per in (("minimal", False, "FULL", 1), ("full", True, "FULL", 1), ("full-nosync", True, "OFF", 1),
                               ("full-grouped", True, "FULL", group)):
    db = fresh(full, sync)
    author = str(uuid.uuid4())
    n, start, cpu = 0, time.monotonic(), time.process_time()
    while time.monotonic() - start < seconds:
        db.execute("BEGIN IMMEDIATE")
        for _ in range(per):
            create(db, full, author, n)
            n += 1
        db.execute("COMMIT")
    elapsed, cpu = time.monotonic() - start, time.process_time() - cpu
    db.close()
    unit = "commits/s" if per == 1 else "creates/s, %d a commit" % per
    results.append("%s %.0f %s (%d in %.1f s, %.2f ms each, %.2f ms CPU)"
                   % (label, n / elapsed, unit, n, elapsed, 1000 * elapsed / n, 1000 * cpu / n))
print("; ".join(results))
