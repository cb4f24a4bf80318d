"""The search benchmark's steps (see run.sh). Prints a markdown report and writes target/results.md."""
import http.client, json, os, random, shutil, signal, sqlite3, subprocess, sys, time, urllib.parse, uuid

import numpy as np

JAVA, JAR = sys.argv[1], sys.argv[2]
ITEMS = int(os.environ.get("ITEMS", "100000"))
RUNS = int(os.environ.get("RUNS", "3"))
REQUESTS = int(os.environ.get("REQUESTS", "300"))
PORT = int(os.environ.get("BENCH_SEARCH_PORT", "48182"))
JAVA_OPTS = os.environ.get("SEARCH_JAVA_OPTS", "-XX:+UseSerialGC -Xmx256m -XX:+ExitOnOutOfMemoryError").split()
WORK = os.path.abspath(os.environ.get("BENCH_SEARCH_DIR", "deploy/bench/search/target"))
DATA = os.path.join(WORK, "data")
DB = os.path.join(DATA, "content.db")
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


def start(log):
    env = dict(os.environ, DATA_DIR=DATA, QUARKUS_HTTP_PORT=str(PORT), KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:1",
               CONTENT_SCHEDULER_EVERY="1h")
    p = subprocess.Popen([JAVA, *JAVA_OPTS, "-Ddata.dir=" + DATA, "-jar", JAR], env=env,
                         stdout=open(os.path.join(WORK, log), "w"), stderr=subprocess.STDOUT)
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


CONN = None


def get(path):
    global CONN
    if CONN is None:
        CONN = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
    try:
        CONN.request("GET", path)
        r = CONN.getresponse()
        body = r.read()
    except (OSError, http.client.HTTPException):
        CONN = None
        raise OSError("no answer")
    if r.status != 200:
        raise RuntimeError(f"{path}: {r.status} {body[:300]}")
    return json.loads(body)


def rss_mb(p):
    with open(f"/proc/{p.pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) // 1024


def load():
    return os.getloadavg()[0]


def queued(db):
    return db.execute("SELECT count(*) FROM vector_jobs").fetchone()[0]


def seed():
    db = sqlite3.connect(DB, timeout=30)
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
    db.executemany("INSERT INTO content (id, workspace_id, author_id, format, title, body, status, type, visibility, "
                   "created_at, updated_at, published_at, version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    db.commit()
    return db


def timed(paths):
    lat = []
    for path in paths:
        t = time.perf_counter()
        get(path)
        lat.append((time.perf_counter() - t) * 1000)
    lat.sort()
    return lat[len(lat) // 2], lat[int(len(lat) * 0.99) - 1]


class Report(list):
    """The report's lines, each printed as soon as it is known (a long run shows its progress)."""

    def append(self, line):
        print(line, flush=True)
        super().append(line)


def median(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2]


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(DATA)
    report = Report()
    report += [f"# search bench, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {ITEMS} items", ""]
    p, _ = start("first-start.log")           # Flyway creates the schema
    stop(p)
    t = time.monotonic()
    db = seed()
    report.append(f"- seeded {ITEMS} pieces through the triggers (FTS5 + queue) in {time.monotonic() - t:.1f} s")

    p, _ = start("service.log")
    first = queued(db)
    t0, n0 = time.monotonic(), first
    while queued(db) == first:
        time.sleep(0.5)
    t0, n0 = time.monotonic(), queued(db)
    while True:
        left = queued(db)
        if left == 0:
            break
        time.sleep(2)
    took = time.monotonic() - t0
    report.append(f"- embedding worker: {n0} pieces in {took:.1f} s = **{n0 / took:.0f} items/s** (load {load():.1f})")
    report.append(f"- RSS with the model loaded, after embedding: **{rss_mb(p)} MB** (JVM {' '.join(JAVA_OPTS)})")

    kw_queries = [" ".join(rng.sample(TOPICS[t].split(), 2)) for t in rng.choices(list(TOPICS), k=40)]
    kw_queries += [rng.choice(TOPICS[t].split())[:4] + "*" for t in rng.choices(list(TOPICS), k=10)]
    nl_queries = ["getting faster at long distance racing", "what to plant in small containers", "making money grow",
                  "caring for a young dog", "learning to program", "cheap holidays abroad", "morning caffeine rituals",
                  "shooting stars at night", "growing an email list", "short clips for social media",
                  "home bread making", "exercise without machines"]

    def paths(mode, qs):
        return [f"/api/content/search?mode={mode}&limit=10&q={urllib.parse.quote(rng.choice(qs))}" for _ in range(REQUESTS)]

    timed(paths("hybrid", nl_queries + kw_queries)[:100])   # warm-up
    results = {m: [] for m in ("keyword", "semantic", "hybrid")}
    loads = []
    for _ in range(RUNS):
        for mode in results:
            results[mode].append(timed(paths(mode, kw_queries if mode == "keyword" else nl_queries + kw_queries)))
        loads.append(load())
    report.append("")
    report.append(f"| mode | p50 ms (median of {RUNS}) | p99 ms (median of {RUNS}) | runs' p99 |")
    report.append("| --- | --- | --- | --- |")
    for mode, runs in results.items():
        report.append(f"| {mode} | {median([r[0] for r in runs]):.1f} | **{median([r[1] for r in runs]):.1f}** | "
                      f"{', '.join(f'{r[1]:.1f}' for r in runs)} |")
    report.append(f"\nSequential requests over HTTP on one connection, {REQUESTS} per run and mode; load {', '.join(f'{x:.1f}' for x in loads)}.")

    # Recall@10 of the HNSW index (similar content, the piece's own vector) against exact search.
    ids, vecs = [], []
    for cid, blob in db.execute("SELECT e.content_id, e.vector FROM embeddings e"):
        ids.append(cid)
        vecs.append(np.frombuffer(blob, dtype="<f4"))
    matrix = np.vstack(vecs)
    sample = rng.sample(range(len(ids)), 200)
    hits, exact_ms = 0, []
    for i in sample:
        t = time.perf_counter()
        scores = matrix @ matrix[i]
        scores[i] = -2
        truth = set(ids[j] for j in np.argpartition(-scores, 10)[:10])
        exact_ms.append((time.perf_counter() - t) * 1000)
        got = [h["content"]["id"] for h in get(f"/api/content/{ids[i]}/similar?limit=10")["data"]]
        hits += len(truth & set(got))
    exact_ms.sort()
    report.append(f"- recall@10 of HNSW vs exact search (200 pieces' own vectors): **{hits / 2000:.3f}**")
    report.append(f"- the peer, exact search in numpy over {len(ids)} vectors (float32 matrix product, one query): "
                  f"p50 {exact_ms[100]:.1f} ms, p99 {exact_ms[197]:.1f} ms")
    report.append(f"- RSS after the queries: **{rss_mb(p)} MB**")
    stop(p)

    p, with_index = start("restart.log")
    stop(p)
    shutil.rmtree(os.path.join(DATA, "vectors"))
    p, without_index = start("rebuild.log")
    n = len(get(f"/api/content/search?mode=semantic&q=bread&limit=5")["data"])
    stop(p)
    report.append(f"- start with the index on disk {with_index:.1f} s; without it (rebuilt from {len(ids)} stored "
                  f"embeddings, no model) {without_index:.1f} s: **rebuild ≈ {without_index - with_index:.1f} s** "
                  f"(semantic answers after it: {n})")
    text = "\n".join(report)
    with open(os.path.join(WORK, "results.md"), "w") as f:
        f.write(text + "\n")


main()
