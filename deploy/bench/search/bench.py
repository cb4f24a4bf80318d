"""The search benchmark's steps (see run.sh). Prints a markdown report and writes target/results.md."""
import http.client, json, os, random, shutil, signal, sqlite3, struct, subprocess, sys, threading, time, urllib.parse, uuid, zlib

import numpy as np
from concurrent.futures import ThreadPoolExecutor

ITEMS = int(os.environ.get("ITEMS", "100000"))
RUNS = int(os.environ.get("RUNS", "3"))
REQUESTS = int(os.environ.get("REQUESTS", "300"))
CONCURRENCY = int(os.environ.get("CONCURRENCY", "4"))
UPLOADS = int(os.environ.get("UPLOADS", "100"))
WARMUP = int(os.environ.get("WARMUP", "1000"))   # requests per mode before the timed runs, at least
WARMUP_MOST = int(os.environ.get("WARMUP_MOST", "6000"))   # ... and at most, while the JIT still compiles
COMPILING = float(os.environ.get("COMPILING", "0.03"))   # ... more than this share of the service's CPU
# KEYWORD_ONLY=1: seed, empty the embedding queue (no model runs), time keyword search alone; SEED_DB=path: start from
# a database this script seeded before (same generator and seed) instead of seeding again.
KEYWORD_ONLY = os.environ.get("KEYWORD_ONLY") == "1"
SEED_DB = os.environ.get("SEED_DB")
# EMBED_ONLY=1: stop after the embedding step (its throughput, CPU per piece and RSS), for A/B runs of the worker.
EMBED_ONLY = os.environ.get("EMBED_ONLY") == "1"
# SEED_DATA=path: start from a whole data folder (content.db and the vectors folder) that a run of this script left
# embedded (its target/data, copied before the next run wipes it), and time the queries and recall alone: no seeding,
# no embedding, no rebuild, no uploads. For A/B runs of the query path (SEARCH_JAR in run.sh picks the jar).
SEED_DATA = os.environ.get("SEED_DATA")
PORT = int(os.environ.get("BENCH_SEARCH_PORT", "48182"))
# BENCH_SEARCH_KAFKA=host:port: a running broker (e.g. deploy/local/fleet.sh's, infra only); without it the service
# runs with none, and its Kafka clients retry in the background.
KAFKA = os.environ.get("BENCH_SEARCH_KAFKA", "127.0.0.1:1")
# The deployment's JVM (JAVA_OPTS of k8s/base/kustomization.yaml) unless told otherwise.
JAVA_OPTS = os.environ.get("SEARCH_JAVA_OPTS", "--add-modules=jdk.incubator.vector -XX:-ShrinkHeapInSteps -XX:+UseSerialGC -Xms16m -Xmx128m -XX:MinHeapFreeRatio=10 "
                           "-XX:MaxHeapFreeRatio=30 -XX:TrimNativeHeapInterval=5000 -XX:MaxRAMPercentage=50 "
                           "-XX:+ExitOnOutOfMemoryError").split()
WORK = os.path.abspath(os.environ.get("BENCH_SEARCH_DIR", "deploy/bench/search/target"))
DATA = os.path.join(WORK, "data")
DB = os.path.join(DATA, "content.db")
TICK = os.sysconf("SC_CLK_TCK")
rng = random.Random(15)

TOPICS = {
    "baking": "bread sourdough flour oven crust dough yeast loaf pastry butter croissant proof knead starter",
    "running": "marathon race pace miles training intervals shoes tempo recovery sprint trail endurance",
    "money": "savings budget invest index funds pension retirement interest debt salary compound",
    "garden": "tomatoes soil compost seeds balcony pots watering herbs harvest mulch greenhouse",
    "code": "python functions loops variables bugs testing refactor compiler api database scripts",
    "travel": "flights hostels rail pass itinerary backpack museums beaches visa budget airline",
    "pets": "puppy dog training leash treats kitten cat vet grooming walks litter",
    "video": "editing clips captions hook vertical tiktok reels transitions export thumbnail audio",
    "fitness": "squats pushups planks workout gym strength cardio stretching mobility dumbbells",
    "coffee": "espresso beans grinder brew latte roast filter crema barista milk",
    "writing": "newsletter subscribers headlines drafts editing essays audience blog hooks",
    "photo": "camera lens exposure tripod aperture night sky portraits lighting shutter",
}
OPENERS = ["How I", "Why you should", "Ten tips on", "A beginner's guide to", "What nobody tells you about",
           "The truth about", "My week of", "Lessons from", "Stop doing this with", "The best way to start with"]


def piece(topic):
    words = TOPICS[topic].split()
    title = f"{rng.choice(OPENERS)} {' '.join(rng.sample(words, 2))}"
    sentences = []
    for _ in range(4):
        w = rng.sample(words, 4)
        sentences.append(f"Think about {w[0]} and {w[1]} before you touch the {w[2]}, then the {w[3]} follows.")
    return title, " ".join(sentences)


def tokens():
    """A JWKS the service trusts and one creator's access token (deploy/bench/content/BenchTokens.java)."""
    jwks = os.path.join(WORK, "jwks.json")
    out = subprocess.run([JAVA, os.path.join(ROOT, "deploy/bench/content/BenchTokens.java"), jwks, "1"],
                         check=True, capture_output=True, text=True).stdout.split()
    return jwks, out[0]


def start(log, jwks):
    env = dict(os.environ, DATA_DIR=DATA, QUARKUS_HTTP_PORT=str(PORT), QUARKUS_HTTP_HOST="127.0.0.1",
               KAFKA_BOOTSTRAP_SERVERS=KAFKA, CONTENT_SCHEDULER_EVERY="1h", MALLOC_ARENA_MAX="2",
               MP_JWT_VERIFY_PUBLICKEY_LOCATION=jwks, MP_JWT_VERIFY_ISSUER="http://localhost:8080")
    p = subprocess.Popen([JAVA, *JAVA_OPTS, "--enable-native-access=ALL-UNNAMED", "-Ddata.dir=" + DATA, "-jar", JAR],
                         env=env, stdout=open(os.path.join(WORK, log), "w"), stderr=subprocess.STDOUT)
    t0 = time.monotonic()
    while True:
        if p.poll() is not None:
            sys.exit(f"content-service exited; see {WORK}/{log}")
        try:
            get("/api/content/feed?limit=1")
            return p, time.monotonic() - t0
        except OSError:
            time.sleep(0.2)


def stop(p):
    p.send_signal(signal.SIGTERM)
    p.wait(60)


LOCAL = threading.local()


def request(method, path, body=None, headers=None, status=200):
    conn = getattr(LOCAL, "conn", None)
    if conn is None:
        conn = LOCAL.conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        data = r.read()
    except (OSError, http.client.HTTPException):
        LOCAL.conn = None
        raise OSError("no answer")
    if r.status != status:
        raise RuntimeError(f"{method} {path}: {r.status} {data[:300]}")
    return json.loads(data)


def get(path):
    return request("GET", path)


def status(p):
    """VmRSS, RssAnon, RssFile, VmHWM in MB."""
    out = {}
    with open(f"/proc/{p.pid}/status") as f:
        for line in f:
            k = line.split(":")[0]
            if k in ("VmRSS", "RssAnon", "RssFile", "VmHWM"):
                out[k] = int(line.split()[1]) // 1024
    return out


def rss_text(p):
    s = status(p)
    return f"**{s['VmRSS']} MB** (anonymous {s['RssAnon']}, file-backed {s['RssFile']}; peak {s['VmHWM']})"


def cpu_s(p):
    with open(f"/proc/{p.pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def threads_cpu(p):
    """(CPU seconds, minor page faults) by thread name (digits and a trailing '-' or '#' dropped, so a pool's threads
    add up)."""
    out = {}
    for tid in os.listdir(f"/proc/{p.pid}/task"):
        try:
            with open(f"/proc/{p.pid}/task/{tid}/stat") as f:
                head, tail = f.read().rsplit(")", 1)
        except OSError:
            continue    # the thread ended meanwhile
        name = head.split("(", 1)[1].rstrip("0123456789").rstrip("-#_ ")
        fields = tail.split()
        cpu, faults = out.get(name, (0, 0))
        out[name] = (cpu + (int(fields[11]) + int(fields[12])) / TICK, faults + int(fields[7]))
    return out


def threads_line(before, after, pieces, what):
    """The CPU of `what` by thread, in ms per piece, the threads that took at least 1 % of it."""
    spent = {k: after[k][0] - before.get(k, (0, 0))[0] for k in after}
    faults = {k: after[k][1] - before.get(k, (0, 0))[1] for k in after}
    total = sum(spent.values())
    parts = [f"{k} {v * 1000 / pieces:.2f} ({faults[k] / pieces:.0f} minor faults)"
             for k, v in sorted(spent.items(), key=lambda kv: -kv[1]) if v >= total / 100]
    return f"- {what}, CPU by thread in ms per piece (threads over 1 %): {', '.join(parts)}"


def load():
    return os.getloadavg()[0]


def queued(db):
    return db.execute("SELECT count(*) FROM vector_jobs").fetchone()[0]


def seed():
    """ITEMS published pieces in one transaction through the triggers (FTS5, vector_jobs), as the service writes them."""
    db = sqlite3.connect(DB, timeout=30)
    db.execute("PRAGMA cache_size=-200000")
    now = int(time.time() * 1000)
    authors = [str(uuid.uuid4()) for _ in range(2000)]
    rows = []
    for i in range(ITEMS):
        topic = rng.choice(list(TOPICS))
        title, body = piece(topic)
        author = rng.choice(authors)
        at = now - rng.randint(0, 90 * 86400_000)
        rows.append((str(uuid.uuid4()), author, author, "text", title, body, "published", "blog_post", "public",
                     at, at, at, 1))
    with db:
        db.executemany("INSERT INTO content (id, workspace_id, author_id, format, title, body, status, type, visibility, "
                       "created_at, updated_at, published_at, version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    return db


def pct(lat, q):
    lat = sorted(lat)
    return lat[min(len(lat) - 1, int(len(lat) * q))]


def timed(paths, p, concurrency=1):
    """Latencies of the requests (ms), `concurrency` clients each on its own connection; p50, p99, service CPU per request."""
    lat = []
    lock = threading.Lock()
    parts = [paths[i::concurrency] for i in range(concurrency)]

    def client(part):
        mine = []
        for path in part:
            t = time.perf_counter()
            get(path)
            mine.append((time.perf_counter() - t) * 1000)
        with lock:
            lat.extend(mine)

    c0, w0 = cpu_s(p), time.perf_counter()
    threads = [threading.Thread(target=client, args=(part,)) for part in parts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - w0
    return pct(lat, 0.5), pct(lat, 0.99), (cpu_s(p) - c0) * 1000 / len(paths), len(paths) / wall


class Report(list):
    """The report's lines, each printed as soon as it is known (a long run shows its progress)."""

    def __iadd__(self, lines):
        for line in lines:
            self.append(line)
        return self

    def append(self, line):
        print(line, flush=True)
        super().append(line)


def median(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2]


def png(width, height):
    """An uncompressed RGB PNG of noise (~3 bytes a pixel): a real image the service reads the dimensions of."""
    raw = b"".join(b"\x00" + os.urandom(width * 3) for _ in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 0)) + chunk(b"IEND", b""))


def multipart(data):
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.png\"\r\n"
            f"Content-Type: image/png\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    return body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}


def uploads(p, token, report):
    images = [png(590, 590) for _ in range(min(UPLOADS, 20))]
    size = len(images[0])

    def run(n, concurrency):
        lat = []
        lock = threading.Lock()

        def client(k):
            mine = []
            for i in range(k, n, concurrency):
                body, headers = multipart(images[i % len(images)])
                headers["Authorization"] = f"Bearer {token}"
                t = time.perf_counter()
                request("POST", "/api/media", body, headers, status=201)
                mine.append((time.perf_counter() - t) * 1000)
            with lock:
                lat.extend(mine)

        c0, w0 = cpu_s(p), time.perf_counter()
        threads = [threading.Thread(target=client, args=(k,)) for k in range(concurrency)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - w0
        # The variants are made after the answer: their CPU counts only once the worker has emptied its queue.
        drained = variants_drained()
        return n / wall, pct(lat, 0.5), pct(lat, 0.99), (cpu_s(p) - c0) * 1000 / n, drained

    def variants_drained(limit=600):
        """Seconds until the media worker's queue (media_jobs) is empty."""
        t0 = time.monotonic()
        with sqlite3.connect(f"file:{DB}?mode=ro", uri=True, timeout=30) as db:
            while db.execute("SELECT count(*) FROM media_jobs").fetchone()[0] and time.monotonic() - t0 < limit:
                time.sleep(0.5)
        return time.monotonic() - t0

    run(10, 1)  # warm-up
    report.append("")
    report.append(f"Uploads of a {size / 1e6:.2f} MB PNG (`POST /api/media`, multipart, local storage; variants made off the "
                  f"request path by the media worker, whose CPU counts in the figure: it is read once the worker's queue is "
                  f"empty, that many seconds after the last answer):")
    report.append("")
    report.append("| clients | uploads/s | MB/s | p50 ms | p99 ms | service CPU ms per upload, variants included | variants done after | load |")
    report.append("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for concurrency in (1, CONCURRENCY):
        rate, p50, p99, cpu, drained = run(UPLOADS, concurrency)
        report.append(f"| {concurrency} | **{rate:.1f}** | {rate * size / 1e6:.1f} | {p50:.0f} | {p99:.0f} | {cpu:.0f} | "
                      f"{drained:.1f} s | {load():.1f} |")
    report.append(f"- RSS after the uploads: {rss_text(p)}")


def keyword_queries():
    qs = [" ".join(rng.sample(TOPICS[t].split(), 2)) for t in rng.choices(list(TOPICS), k=40)]
    return qs + [rng.choice(TOPICS[t].split())[:4] + "*" for t in rng.choices(list(TOPICS), k=10)]


def fts_terms(q):
    """The query as the service reads it (SearchQuery): each word quoted, a trailing * kept as a prefix."""
    return ['"' + w.rstrip("*") + '"' + ("*" if w.endswith("*") else "") for w in q.split()]


# KeywordSearch's ranking: FTS5 alone ranks the window (2 × limit + 32) by bm25, then the visibility of the window's
# best is checked against the content table, the page and a few more first (firstCheck), the rest only when needed.
PEER_BEST = ("SELECT rowid, bm25(content_fts, 5.0, 1.0) AS score FROM content_fts WHERE content_fts MATCH ? "
             "AND rowid BETWEEN ? AND ? ORDER BY score, rowid LIMIT ?")
PEER_VISIBLE = ("SELECT d.doc, c.id FROM search_documents d JOIN content c ON c.id = d.content_id WHERE d.doc IN ({}) "
                "AND (c.status = 'published' AND c.visibility = 'public' AND c.deleted_at IS NULL)")
PEER_SNIPPETS = ("SELECT d.content_id, snippet(content_fts, 1, char(2), char(3), '…', 24) FROM content_fts "
                 "JOIN search_documents d ON d.doc = content_fts.rowid WHERE content_fts MATCH ? AND content_fts.rowid IN "
                 "(SELECT doc FROM search_documents WHERE content_id IN ({}))")
PEER_LOAD = "SELECT * FROM content WHERE id IN ({})"
PEER_TAGS = ("SELECT ct.content_id, t.slug FROM content_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.content_id IN ({}) "
             "ORDER BY t.slug")


def window(limit):
    """KeywordSearch.window: how deep FTS5 ranks before the visibility check."""
    return 2 * limit + 32


def first_check(limit):
    """KeywordSearch.firstCheck: how many of the window's best are checked for visibility first."""
    return limit + limit // 8 + 4


def peer_rank(con, match, limit, first=-2 ** 63, last=2 ** 63 - 1):
    """KeywordSearch.rankWithin in Python: (score, doc, id) of the best `limit` visible matches in the range."""
    best = con.execute(PEER_BEST, (match, first, last, window(limit))).fetchall()
    top, checked, chunk = [], 0, first_check(limit)
    while len(top) < limit and checked < len(best):
        part = best[checked:checked + chunk]
        visible = dict(con.execute(PEER_VISIBLE.format(",".join("?" * len(part))), [d for d, _ in part]))
        top += [(score, d, visible[d]) for d, score in part if d in visible][:limit - len(top)]
        checked, chunk = checked + len(part), len(best) - checked - len(part)
    return top


def keyword_peer(queries, slices=1, depth=11):
    """The peer of keyword mode: the statements the service runs for a page of 10 (bm25 ranking to 11 within FTS5's
    best 54, KeywordSearch.window, the first 16 of them checked for visibility, first_check; the page's snippets, its
    rows and tags) through Python's sqlite3 on the same file, no HTTP and no JSON. slices=2 ranks as the service does
    when a core is free (DocumentSlices): the two halves of the document numbers at once, on two connections (sqlite3
    lets go of Python's lock while a statement runs), merged. depth=100 is hybrid's keyword leg instead (ranked 100 deep, one connection),
    without the semantic leg that runs beside it on the other core. Wall-clock p50/p99 and the CPU of this process per
    query (a warm-up pass first)."""
    peers = [sqlite3.connect(DB, timeout=30, check_same_thread=False) for _ in range(slices)]
    peer = peers[0]
    version = peer.execute("SELECT sqlite_version()").fetchone()[0]
    last = peer.execute("SELECT coalesce(max(doc), 0) FROM search_documents").fetchone()[0]
    helper = ThreadPoolExecutor(1) if slices > 1 else None

    def ranked(match):
        if slices == 1:
            return [r[2] for r in peer_rank(peer, match, depth)]
        half = last // 2
        other = helper.submit(lambda: peer_rank(peers[1], match, depth, half + 1))
        rows = peer_rank(peer, match, depth, last=half) + other.result()
        return [r[2] for r in sorted(rows)[:depth]]

    def one(q):
        terms = fts_terms(q)
        ids = ranked(" ".join(terms))[:10]
        marks = ",".join("?" * len(ids))
        peer.execute(PEER_SNIPPETS.format(marks), [" OR ".join(terms)] + ids).fetchall()
        peer.execute(PEER_LOAD.format(marks), ids).fetchall()
        peer.execute(PEER_TAGS.format(marks), ids).fetchall()

    for q in queries[:100]:
        one(q)
    lat = []
    c0 = time.process_time()
    for q in queries:
        t = time.perf_counter()
        one(q)
        lat.append((time.perf_counter() - t) * 1000)
    cpu = (time.process_time() - c0) * 1000 / len(queries)
    for c in peers:
        c.close()
    if helper:
        helper.shutdown()
    return pct(lat, 0.5), pct(lat, 0.99), cpu, version


def peer_runs(runs):
    """A peer's (p50, p99, CPU per query, ...) runs as the report gives them: medians, and each run's p99."""
    return (f"p50 {median([r[0] for r in runs]):.1f} ms, p99 **{median([r[1] for r in runs]):.1f} ms** (runs' p99 "
            f"{', '.join(f'{r[1]:.1f}' for r in runs)}), CPU {median([r[2] for r in runs]):.2f} ms per query")


def keyword_peer_line(qs, hybrid_qs=None):
    lines = []
    cases = [(qs, 1, 11), (qs, 2, 11)] + ([(hybrid_qs, 1, 100)] if hybrid_qs else [])
    for queries, slices, depth in cases:
        runs = [keyword_peer([rng.choice(queries) for _ in range(REQUESTS)], slices, depth) for _ in range(RUNS)]
        what = (f"hybrid's keyword leg alone, over hybrid's queries: bm25 ranking {depth} deep, the first "
                f"{first_check(depth)} checked for visibility, then the snippets, rows and tags of 10; ranked whole, one "
                "connection, without the semantic leg that the service runs beside it" if depth == 100 else
                "bm25 page of 10 + 1, the page's snippets, rows and tags; " +
                ("ranked whole, one connection" if slices == 1 else "ranked in two halves of the document numbers at "
                 "once on two connections, as the service when a core is free"))
        lines.append(f"- the peer, the same FTS5 statements in Python's sqlite3 {runs[0][3]} on the same file ({what}; "
                     f"no HTTP), {REQUESTS} queries per run, medians of {RUNS}: {peer_runs(runs)} (load {load():.1f})")
    lines.append(c_peer_line(qs))
    return "\n".join(lines)


def c_peer_line(qs):
    """The keyword page's statements in C (keyword_peer.c, SQLite's C API: no interpreter, no JVM, no HTTP), ranked
    whole and in two slices on two threads as the service does when a core is free: the best any client could do with
    these statements on this machine."""
    peer = os.path.join(WORK, "keyword_peer")
    built = subprocess.run(["cc", "-O2", "-o", peer, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                                   "keyword_peer.c"), "-lsqlite3", "-lpthread"],
                           capture_output=True, text=True) if shutil.which("cc") else None
    if built is None or built.returncode != 0:
        return ("- the peer in C: not run (it needs a C compiler and SQLite's headers, e.g. apt-get install gcc "
                f"libsqlite3-dev){': ' + built.stderr.strip().splitlines()[-1] if built and built.stderr.strip() else ''}")
    statements = os.path.join(WORK, "peer-statements.txt")
    with open(statements, "w") as f:    # the Python peer's own statements and limits (a page of 10 + 1), one copy
        f.write(f"11 {window(11)} {first_check(11)}\n")
        f.writelines(sql + "\n" for sql in (PEER_BEST, PEER_VISIBLE, PEER_SNIPPETS, PEER_LOAD, PEER_TAGS))
    parts = []
    for slices in (1, 2):
        runs = []
        for _ in range(RUNS):
            path = os.path.join(WORK, "peer-queries.txt")
            chosen = [rng.choice(qs) for _ in range(REQUESTS)]
            with open(path, "w") as f:
                for q in chosen[:100] + chosen:
                    terms = fts_terms(q)
                    f.write(" ".join(terms) + "\t" + " OR ".join(terms) + "\n")
            out = subprocess.run([peer, DB, path, str(slices), str(min(100, len(chosen))), statements], check=True,
                                 capture_output=True, text=True).stdout.split()
            runs.append((float(out[0]), float(out[1]), float(out[2]), out[3]))
        parts.append(f"{'ranked whole' if slices == 1 else 'in two slices on two threads'}: {peer_runs(runs)}")
    return (f"- the peer in C, the same statements through SQLite {runs[0][3]}'s C API on the same file (bm25 page of "
            f"10 + 1, the page's snippets, rows and tags; no HTTP, no interpreter), {REQUESTS} queries per run, medians "
            f"of {RUNS}: {'; '.join(parts)} (load {load():.1f})")


def settle_line(p, limit=600):
    """Waits until the service is quiet (under a tenth of a core over 2 s): after a bulk load the index thread merges the
    vector index down (content.search.index-segments), and queries timed meanwhile would share the cores with it."""
    t0, c0 = time.monotonic(), cpu_s(p)
    anon = file = 0
    while time.monotonic() - t0 < limit:
        c = cpu_s(p)
        for _ in range(4):
            s = status(p)
            anon, file = max(anon, s["RssAnon"]), max(file, s["RssFile"])
            time.sleep(0.5)
        if cpu_s(p) - c < 0.2:
            break
    took = time.monotonic() - t0
    return (f"- settled (the index merged down, the service under a tenth of a core) {took:.0f} s later, "
            f"{cpu_s(p) - c0:.1f} s of CPU (load {load():.1f}); meanwhile at most {anon} MB anonymous and {file} MB "
            f"file-backed; RSS then: {rss_text(p)}")


def idle_line(p, seconds=10):
    """The service's CPU with no request (its schedulers, the Kafka clients retrying the absent broker): part of every
    CPU-per-query figure, as much as this per second of the run."""
    c0 = cpu_s(p)
    time.sleep(seconds)
    return (f"- the service's CPU while idle (no request; schedulers, Kafka clients retrying the absent broker): "
            f"{(cpu_s(p) - c0) * 1000 / seconds:.0f} ms per second (load {load():.1f})")


def warm(p, make_paths):
    """WARMUP requests before anything is timed, then more, a batch of REQUESTS at a time, while the JIT's compiler
    threads still take over COMPILING of the service's CPU (at most WARMUP_MOST in all): a long-running service is
    warm. A search runs once per request through the HTTP, JSON and JDBC layers, so at ~100 requests a second C2 was
    still compiling them after 1,000 (1.1-1.5 ms of its CPU a query, and the code it replaces runs slower meanwhile:
    session 24). Returns a line for the report: how many requests, and the compilers' share in the last batch."""
    done, share = 0, 1.0
    while done < WARMUP or (share > COMPILING and done < WARMUP_MOST):
        before, c0 = threads_cpu(p), cpu_s(p)
        paths = make_paths()
        timed(paths, p)
        done += len(paths)
        after = threads_cpu(p)
        compiling = sum(after[k][0] - before.get(k, (0, 0))[0] for k in after if "Compiler" in k)
        share = compiling / max(cpu_s(p) - c0, 1e-9)
    return f"warm-up {done} requests (the JIT's compilers {100 * share:.0f} % of the service's CPU in the last {REQUESTS})"


def keyword_only(db, jwks, report):
    p, _ = start("service.log", jwks)
    qs = keyword_queries()

    def paths():
        return [f"/api/content/search?mode=keyword&limit=10&q={urllib.parse.quote(rng.choice(qs))}" for _ in range(REQUESTS)]

    report.append(idle_line(p))
    report.append(f"- {warm(p, paths)}")
    report.append("")
    report.append(f"Keyword search alone (no embeddings, the model never loaded), {REQUESTS} requests per run, "
                  f"medians of {RUNS} runs:")
    report.append("")
    report.append("| clients | p50 ms | p99 ms | runs' p99 | service CPU ms per query | queries/s | load |")
    report.append("| --- | --- | --- | --- | --- | --- | --- |")
    for concurrency in (1, CONCURRENCY):
        runs = [timed(paths(), p, concurrency) for _ in range(RUNS)]
        report.append(f"| {concurrency} | {median([r[0] for r in runs]):.1f} | **{median([r[1] for r in runs]):.1f}** | "
                      f"{', '.join(f'{r[1]:.1f}' for r in runs)} | {median([r[2] for r in runs]):.2f} | "
                      f"{median([r[3] for r in runs]):.0f} | {load():.1f} |")
    report.append(f"- RSS after the queries: {rss_text(p)}")
    report.append(keyword_peer_line(qs))
    stop(p)
    with open(os.path.join(WORK, "results.md"), "w") as f:
        f.write("\n".join(report) + "\n")


def queries(p, db, report):
    """Keyword, semantic and hybrid latency (sequential, then CONCURRENCY clients), the keyword peer, and recall@10 of
    the HNSW index against exact search (numpy, the peer). Returns the embedded pieces' ids."""
    kw_queries = keyword_queries()
    nl_queries = ["getting faster at long distance racing", "what to plant in small containers", "making money grow",
                  "caring for a young dog", "learning to program", "cheap holidays abroad", "morning caffeine rituals",
                  "shooting stars at night", "growing an email list", "short clips for social media",
                  "home bread making", "exercise without machines"]

    def paths(mode, qs):
        return [f"/api/content/search?mode={mode}&limit=10&q={urllib.parse.quote(rng.choice(qs))}" for _ in range(REQUESTS)]

    report.append(idle_line(p))
    warmed = [f"{mode}: " + warm(p, lambda: paths(mode, kw_queries if mode == "keyword" else nl_queries + kw_queries))
              for mode in ("keyword", "semantic", "hybrid")]
    report.append(f"- {'; '.join(warmed)}")
    for concurrency in (1, CONCURRENCY):
        results = {m: [] for m in ("keyword", "semantic", "hybrid")}
        loads = []
        for _ in range(RUNS):
            for mode in results:
                results[mode].append(timed(paths(mode, kw_queries if mode == "keyword" else nl_queries + kw_queries), p,
                                           concurrency))
                loads.append(load())
        report.append("")
        report.append(f"{'Sequential requests, one connection' if concurrency == 1 else f'{concurrency} clients at once'}, "
                      f"{REQUESTS} requests per run and mode, medians of {RUNS} runs; load {min(loads):.1f}–{max(loads):.1f}:")
        report.append("")
        report.append("| mode | p50 ms | p99 ms | runs' p99 | service CPU ms per query | queries/s |")
        report.append("| --- | --- | --- | --- | --- | --- |")
        for mode, runs in results.items():
            report.append(f"| {mode} | {median([r[0] for r in runs]):.1f} | **{median([r[1] for r in runs]):.1f}** | "
                          f"{', '.join(f'{r[1]:.1f}' for r in runs)} | {median([r[2] for r in runs]):.2f} | "
                          f"{median([r[3] for r in runs]):.0f} |")
    report.append("")
    report.append(f"- RSS after the queries: {rss_text(p)}")
    report.append(keyword_peer_line(kw_queries, nl_queries + kw_queries))

    # Recall@10 of the HNSW index (similar content, the piece's own vector) against exact search.
    ids, vecs = [], []
    for cid, blob in db.execute("SELECT e.content_id, e.vector FROM embeddings e"):
        ids.append(cid)
        vecs.append(np.frombuffer(blob, dtype="<f4"))
    matrix = np.vstack(vecs)
    sample = rng.sample(range(len(ids)), 200)
    hits, exact_ms, hnsw_ms = 0, [], []
    for i in sample:
        t = time.perf_counter()
        scores = matrix @ matrix[i]
        scores[i] = -2
        truth = set(ids[j] for j in np.argpartition(-scores, 10)[:10])
        exact_ms.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        got = [h["content"]["id"] for h in get(f"/api/content/{ids[i]}/similar?limit=10")["data"]]
        hnsw_ms.append((time.perf_counter() - t) * 1000)
        hits += len(truth & set(got))
    report.append(f"- recall@10 of HNSW vs exact search (200 pieces' own vectors, `/api/content/{{id}}/similar`): "
                  f"**{hits / 2000:.3f}**; the request p50 {pct(hnsw_ms, 0.5):.1f} ms, p99 {pct(hnsw_ms, 0.99):.1f} ms")
    report.append(f"- the peer, exact search in numpy over {len(ids)} vectors (float32 matrix product, one query, "
                  f"no HTTP): p50 {pct(exact_ms, 0.5):.1f} ms, p99 {pct(exact_ms, 0.99):.1f} ms (load {load():.1f})")
    return ids


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(DATA)
    jwks, token = tokens()
    report = Report()
    report += [f"# search bench, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {ITEMS} items, 2 cores, "
               f"load {' / '.join(f'{x:.1f}' for x in os.getloadavg())} at the start", "",
               f"JVM `{' '.join(JAVA_OPTS)}`, MALLOC_ARENA_MAX=2", ""]
    if SEED_DATA:
        shutil.rmtree(DATA)
        shutil.copytree(SEED_DATA, DATA, ignore=shutil.ignore_patterns("media"))
        db = sqlite3.connect(DB, timeout=30)
        with db:    # the run's uploads stay behind: their variants' worker would take a core from the queries
            for table in ("media_jobs", "media_variants", "media_garbage", "media_assets"):
                db.execute(f"DELETE FROM {table}")
        p, _ = start("service.log", jwks)
        report.append(f"- {db.execute('SELECT count(*) FROM embeddings').fetchone()[0]} embedded pieces from {SEED_DATA} "
                      f"(embedded before; {queued(db)} queued); RSS at start: {rss_text(p)}")
        report.append(settle_line(p))
        queries(p, db, report)
        stop(p)
        with open(os.path.join(WORK, "results.md"), "w") as f:
            f.write("\n".join(report) + "\n")
        return
    p, _ = start("first-start.log", jwks)           # Flyway creates the schema
    stop(p)
    t, l0 = time.monotonic(), load()
    if SEED_DB:
        shutil.copy(SEED_DB, DB)
        db = sqlite3.connect(DB, timeout=30)
        report.append(f"- {db.execute('SELECT count(*) FROM content').fetchone()[0]} pieces from {SEED_DB} (seeded before)")
    else:
        db = seed()
        report.append(f"- seeded {ITEMS} pieces in one transaction through the triggers (FTS5 with prefix indexes + "
                      f"vector_jobs) in **{time.monotonic() - t:.1f} s** (load {l0:.1f}–{load():.1f})")
    if KEYWORD_ONLY:
        with db:
            db.execute("DELETE FROM vector_jobs")
        keyword_only(db, jwks, report)
        return

    p, _ = start("service.log", jwks)
    report.append(f"- RSS at start, {queued(db)} queued, model not yet loaded: {rss_text(p)}")
    # From the service's readiness (the model not loaded yet: its 1-3 s load counts) until the queue is empty; jobs
    # leave the queue at the worker's index commits, so progress shows in the embeddings table.
    t0, n0, c0 = time.monotonic(), queued(db), cpu_s(p)
    peak, threads0 = 0, threads_cpu(p)
    by_thread = threads0
    while queued(db) > 0:
        peak = max(peak, status(p)["VmRSS"])
        by_thread = threads_cpu(p)   # the last sample before the queue emptied: ended threads' CPU is lost otherwise
        time.sleep(1)
    took = time.monotonic() - t0
    report.append(f"- embedding worker: {n0} pieces in {took:.1f} s = **{n0 / took:.0f} items/s**, service CPU "
                  f"{(cpu_s(p) - c0) * 1000 / n0:.1f} ms per piece (load {load():.1f}); RSS peak while embedding {peak} MB")
    report.append(threads_line(threads0, by_thread, n0, "the embedding (until the last second's sample)"))
    report.append(f"- RSS with the model loaded, after embedding: {rss_text(p)}")
    report.append(settle_line(p))
    if EMBED_ONLY:
        stop(p)
        with open(os.path.join(WORK, "results.md"), "w") as f:
            f.write("\n".join(report) + "\n")
        return

    ids = queries(p, db, report)
    stop(p)

    p, with_index = start("restart.log", jwks)
    stop(p)
    shutil.rmtree(os.path.join(DATA, "vectors"))
    p, without_index = start("rebuild.log", jwks)
    n = len(get(f"/api/content/search?mode=semantic&q=bread&limit=5")["data"])
    report.append(f"- start with the index on disk {with_index:.1f} s; without it (rebuilt from {len(ids)} stored "
                  f"embeddings, no model) {without_index:.1f} s: **rebuild ≈ {without_index - with_index:.1f} s** "
                  f"(semantic answers after it: {n}; load {load():.1f})")
    report.append(settle_line(p))
    uploads(p, token, report)
    stop(p)
    text = "\n".join(report)
    with open(os.path.join(WORK, "results.md"), "w") as f:
        f.write(text + "\n")


if __name__ == "__main__":  # embed_pieces.py imports the generator
    JAVA, JAR, ROOT = sys.argv[1], sys.argv[2], sys.argv[3]
    main()
