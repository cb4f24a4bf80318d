#!/usr/bin/env python3
"""Seeds analytics.db with one year of data for the dashboard bench, in SQL (C speed): CONTENTS
published content items of AUTHOR, EVENTS events spread uniformly over the last 365 days (views,
likes, shares, clicks; 4 sources, 3 devices, 5 countries; visitors from a pool of 200,000), added up
into the hourly and daily rollups and visitors exactly as the aggregator would; the events of the last
90 days (the retention) also as raw events. Writes the content ids to IDS_FILE.

    python3 seed_year.py DB AUTHOR CONTENTS EVENTS IDS_FILE NOW_MS
"""
import sqlite3
import sys
import uuid

db, author, contents, events, ids_file, now = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], int(sys.argv[6])
YEAR = 365 * 86_400_000
c = sqlite3.connect(db, isolation_level=None)
c.execute("PRAGMA journal_mode=WAL")
c.execute("PRAGMA synchronous=OFF")
c.execute("PRAGMA temp_store=MEMORY")
# One transaction over millions of random-order keys: a small page cache would spill (and rewrite) pages to the WAL.
c.execute("PRAGMA cache_size=-524288")
ids = [str(uuid.uuid4()) for _ in range(contents)]
with open(ids_file, "w") as f:
    f.write("\n".join(ids) + "\n")
c.execute("BEGIN")
c.execute("CREATE TEMP TABLE ids (n INTEGER PRIMARY KEY, id TEXT NOT NULL)")
c.executemany("INSERT INTO ids VALUES (?, ?)", enumerate(ids))
c.executemany("INSERT INTO content_stats (content_id, author_id, visibility, published_at, updated_at) VALUES (?, ?, 'public', ?, ?)",
              ((i, author, now - YEAR, now) for i in ids))
c.execute(f"""CREATE TEMP TABLE ev AS
    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {events} - 1)
    SELECT i % {contents} AS c, {now} - 1 - abs(random()) % {YEAR} AS t, abs(random()) % 7 AS k,
           abs(random()) % 4 AS s, abs(random()) % 3 AS d, abs(random()) % 5 AS g, abs(random()) % 200000 AS v
    FROM n""")
SRC = "CASE s WHEN 0 THEN 'newsletter' WHEN 1 THEN 'twitter' WHEN 2 THEN 'google.com' ELSE 'direct' END"
DEV = "CASE d WHEN 0 THEN 'mobile' WHEN 1 THEN 'desktop' ELSE 'tablet' END"
GEO = "CASE g WHEN 0 THEN 'DE' WHEN 1 THEN 'FR' WHEN 2 THEN 'US' WHEN 3 THEN 'BR' ELSE 'IN' END"
TYPE = "CASE WHEN k < 4 THEN 'view' WHEN k = 4 THEN 'like' WHEN k = 5 THEN 'share' ELSE 'click' END"
for gran, ms in (("hour", 3_600_000), ("day", 86_400_000)):
    c.execute(f"""INSERT INTO rollups (content_id, granularity, bucket, source, device, country, views, likes, shares, clicks)
        SELECT ids.id, '{gran}', t / {ms} * {ms}, {SRC}, {DEV}, {GEO}, sum(k < 4), sum(k = 4), sum(k = 5), sum(k = 6)
        FROM ev JOIN ids ON ids.n = ev.c GROUP BY 1, 3, 4, 5, 6""")
    c.execute(f"""INSERT OR IGNORE INTO visitors (content_id, granularity, bucket, visitor)
        SELECT ids.id, '{gran}', t / {ms} * {ms}, 'a:' || v FROM ev JOIN ids ON ids.n = ev.c""")
c.execute(f"""UPDATE content_stats SET views = x.views, likes = x.likes, shares = x.shares, clicks = x.clicks
    FROM (SELECT ids.id AS id, sum(k < 4) AS views, sum(k = 4) AS likes, sum(k = 5) AS shares, sum(k = 6) AS clicks
          FROM ev JOIN ids ON ids.n = ev.c GROUP BY ids.id) AS x WHERE content_stats.content_id = x.id""")
# Already told to content-service: the bench's publisher has nothing to send for the seeded year.
c.execute("UPDATE content_stats SET sent_views = views, sent_likes = likes, sent_shares = shares, sent_comments = comments")
c.execute(f"""INSERT INTO raw_events (id, event_type, content_id, visitor, source, device, browser, os, country, occurred_at, received_at)
    SELECT randomblob(16), {TYPE}, ids.id, 'a:' || v, {SRC}, {DEV}, 'Firefox', 'Linux', {GEO}, t, t
    FROM ev JOIN ids ON ids.n = ev.c WHERE t >= {now} - 90 * 86400000""")
c.execute("COMMIT")
for table in ("rollups", "visitors", "raw_events", "content_stats"):
    print(table, c.execute(f"SELECT count(*) FROM {table}").fetchone()[0], file=sys.stderr)
