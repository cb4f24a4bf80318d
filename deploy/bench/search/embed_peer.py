"""The embedding peer's steps (see embed_peer.sh). Prints a markdown report and writes BENCH_SEARCH_DIR/peer/results.md.

    python3 embed_peer.py JAVA CLASSPATH [NEWER_ORT_CLASSPATH]
"""
import json, os, subprocess, sys, time

import bench

JAVA, CP = sys.argv[1], sys.argv[2]
NEWER_CP = sys.argv[3] if len(sys.argv) > 3 else None
HERE = os.path.dirname(os.path.abspath(__file__))
PIECES = int(os.environ.get("PIECES", "1000"))
RUNS = int(os.environ.get("RUNS", "3"))
OUT = os.path.join(os.path.abspath(os.environ.get("BENCH_SEARCH_DIR", os.path.join(HERE, "target"))), "peer")
ONLY = os.environ.get("ONLY")   # e.g. ONLY=node: the peer's rows alone
# MODE=ab: the one-thread candidates alone, interleaved for ROUNDS rounds (a shared machine's load moves under a long
# matrix; interleaving spreads it over every candidate alike), CPU ms per piece over all rounds' runs.
MODE = os.environ.get("MODE", "matrix")
ROUNDS = int(os.environ.get("ROUNDS", "4"))


def pieces(n):
    """The first n pieces the search bench seeds (same generator, seed and calls on bench.rng as bench.seed()), as the
    service's worker gives them to the model (EmbeddingWorker.text: title + ". " + body, at most 1000 characters)."""
    authors = list(range(2000))   # bench.seed() draws an author among 2000 for each piece: only the draw matters
    for _ in range(n):
        title, body = bench.piece(bench.rng.choice(list(bench.TOPICS)))
        bench.rng.choice(authors)
        bench.rng.randint(0, 90 * 86400_000)
        yield (title + ". " + body)[:1000]


def java(*args, cp=CP):
    flags = [a for a in args if a.startswith("-D")]
    args = [a for a in args if not a.startswith("-D")]
    out = subprocess.run([JAVA, "-Xmx512m", *flags, "-cp", cp, os.path.join(HERE, "EmbedRef.java"), *args],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def node(cfg):
    out = subprocess.run(["node", os.path.join(HERE, "embed_peer.mjs"), OUT, json.dumps({**cfg, "runs": RUNS})],
                         check=True, capture_output=True, text=True, cwd=HERE).stdout
    return json.loads(out.strip().splitlines()[-1])


def median(xs):
    return sorted(xs)[len(xs) // 2]


def load():
    return os.getloadavg()[0]


def main():
    os.makedirs(OUT, exist_ok=True)
    txt = os.path.join(OUT, "pieces.txt")
    with open(txt, "w") as f:
        for text in pieces(PIECES):
            f.write(text + "\n")
    report = bench.Report()
    report += [f"# embedding peer, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {PIECES} of the search bench's "
               f"pieces, medians of {RUNS} runs, 2 cores, load {' / '.join(f'{x:.1f}' for x in os.getloadavg())} at the start",
               ""]
    t = time.monotonic()
    java("prepare", txt, OUT)
    with open(os.path.join(OUT, "ids.json")) as f:
        ids = json.load(f)
    report.append(f"- token ids and reference vectors from the service's stack (langchain4j's tokenizer and encoder, "
                  f"Embedder's session options): {sum(map(len, ids)) / len(ids):.1f} token ids per piece on average, "
                  f"{time.monotonic() - t:.0f} s")
    if MODE == "ab":
        return ab(txt, report)
    report += ["", "| runtime | configuration | pieces/s | CPU ms per piece | runs' CPU ms | cosine to the service's (min / mean) | load |",
               "| --- | --- | --- | --- | --- | --- | --- |"]

    def row(runtime, what, r):
        runs = r["runs"]
        cos = f"{r['cosineMin']:.4f} / {r['cosineMean']:.4f}" if "cosineMin" in r else "–"
        report.append(f"| {runtime} | {what} | **{median([x['itemsPerS'] for x in runs]):.0f}** | "
                      f"**{median([x['cpuMsPerItem'] for x in runs]):.2f}** | "
                      f"{', '.join('%.2f' % x['cpuMsPerItem'] for x in runs)} | {cos} | {load():.1f} |")
        return median([x["cpuMsPerItem"] for x in runs])

    service = None
    if ONLY != "node":
        r = java("bench", txt, OUT, "q", "2", str(RUNS))
        ort = "Java, ORT " + r["onnxruntime"]
        service = row(ort, "**the service's: langchain4j's encoder, q, 2 pieces at a time, 1 intra-op thread each**", r)
        row(ort, "the same, 1 piece at a time", java("bench", txt, OUT, "q", "1", str(RUNS)))
        row(ort, "the model alone on the ids (no tokenizer, no langchain4j), q, 2 threads", java("raw", txt, OUT, "q", "2", str(RUNS)))
        row(ort, "the same without the runtime's memory arena and patterns (`-Darena=false`)",
            java("-Darena=false", "raw", txt, OUT, "q", "2", str(RUNS)))
        tok = java("tokenize", txt, OUT, str(RUNS))
        report.append(f"| {ort} | langchain4j's tokenization alone (tokenize, back to text, encode), 1 thread | – | "
                      f"**{median(tok['tokenize']):.2f}** | {', '.join('%.2f' % x for x in tok['tokenize'])} | – | {load():.1f} |")
        report.append(f"| {ort} | one `encode` of the text instead (same ids for {tok['sameIdsOnce']} of {PIECES} pieces) | – | "
                      f"**{median(tok['once']):.2f}** | {', '.join('%.2f' % x for x in tok['once'])} | – | {load():.1f} |")
        if NEWER_CP:
            newer = java("raw", txt, OUT, "q", "2", str(RUNS), cp=NEWER_CP)
            row(f"Java, ORT {newer['onnxruntime']}", "the model alone on the ids, q, 2 threads", newer)
            newer = java("bench", txt, OUT, "q", "2", str(RUNS), cp=NEWER_CP)
            row(f"Java, ORT {newer['onnxruntime']}", "langchain4j's encoder, q, 2 pieces at a time", newer)
    if ONLY == "java":
        return finish(report)
    peer = "Node, ORT " + subprocess.run(["node", "-p", "require('onnxruntime-node').env.versions.node"], cwd=HERE,
                                         capture_output=True, text=True, check=True).stdout.strip()
    best = None
    # Fewer rows than tried (batch 32, batch 16 on 2 intra-op threads, optimisation disabled, spinning, fp32 in batches
    # of 16 were slower or the same: deploy/bench/README.md): the candidates and the service's own shape.
    for cfg in [dict(workers=1, intra=1), dict(workers=2, intra=1), dict(workers=1, intra=2),
                dict(workers=2, intra=1, batch=8), dict(workers=2, intra=1, opt="basic"), dict(workers=2, intra=1, arena=True),
                dict(workers=2, intra=1, model="fp32")]:
        r = node(cfg)
        c = r["cfg"]
        what = (f"{c['model']}, {c['workers']} session{'s' if c['workers'] > 1 else ''} × {c['intra']} intra-op thread"
                f"{'s' if c['intra'] > 1 else ''}, batch {c['batch']}, optimisation {c['opt']}"
                f"{', spinning' if c['spin'] else ''}{', arena' if c.get('arena') else ''}")
        cpu = row(peer, what, r)
        if c["model"] == "q" and c["batch"] == 1 and c["workers"] * c["intra"] == 2:
            rate = median([x["itemsPerS"] for x in r["runs"]])
            if best is None or cpu < best[1]:   # CPU per piece: on a shared machine the rate is the load's
                best = (rate, cpu, what)
    if best and service:
        report += ["", f"- the peer's best on both cores with the service's vectors (batch 1, q; least CPU per piece): "
                       f"**{best[1]:.2f} ms CPU per piece**, {best[0]:.0f} pieces/s at this load ({best[2]}); the service's stack here {service:.2f} ms: "
                       f"**{service / best[1]:.2f}×** the peer's CPU per piece"]
    finish(report)


def ab(txt, report):
    peer = "Node, ORT " + subprocess.run(["node", "-p", "require('onnxruntime-node').env.versions.node"], cwd=HERE,
                                         capture_output=True, text=True, check=True).stdout.strip()
    candidates = {
        "Java (service's stack): langchain4j's encoder, q, Embedder's options": lambda: java("bench", txt, OUT, "q", "1", str(RUNS)),
        "Java: the model alone on the ids, Embedder's options (the arena and memory patterns)": lambda: java("raw", txt, OUT, "q", "1", str(RUNS)),
        "Java: the model alone on the ids, without the arena": lambda: java("-Darena=false", "raw", txt, OUT, "q", "1", str(RUNS)),
        f"{peer}: the model alone on the ids, no arena": lambda: node(dict(workers=1, intra=1)),
        f"{peer}: the model alone on the ids, with the arena and memory patterns (Embedder's options)": lambda: node(dict(workers=1, intra=1, arena=True)),
    }
    cpu = {k: [] for k in candidates}
    rss = {k: [] for k in candidates}
    loads = []
    for _ in range(ROUNDS):
        for k, run in candidates.items():
            r = run()
            cpu[k] += [x["cpuMsPerItem"] for x in r["runs"]]
            rss[k].append(r.get("peakRssMb", 0))
            loads.append(load())
    report += ["", f"One thread each, {ROUNDS} rounds interleaved × {RUNS} runs, load {min(loads):.1f}–{max(loads):.1f}:", "",
               "| candidate | CPU ms per piece, median | quartiles | peak RSS MB (process) |", "| --- | --- | --- | --- |"]
    for k in candidates:
        xs = sorted(cpu[k])
        report.append(f"| {k} | **{median(xs):.2f}** | {xs[len(xs) // 4]:.2f}–{xs[3 * len(xs) // 4]:.2f} | "
                      f"{max(rss[k]) or '–'} |")
    finish(report)


def finish(report):
    with open(os.path.join(OUT, "results.md"), "w") as f:
        f.write("\n".join(report) + "\n")


if __name__ == "__main__":
    main()
