#!/usr/bin/env bash
# content-service benchmark (issue 14), direct to the service on this machine: reads by id and feed
# pages (target ≥ 5,000 req/s each), creates with the ethics check (≥ 1,000 req/s), the AI usage
# limit under CONCURRENT (1,000) simultaneous POST /api/content/generate (exactly AI_LIMIT succeed
# with 201, the rest 402, and the counters and the outbox say exactly AI_LIMIT), and RSS after the
# load (≤ 200 MB). Medians of RUNS interleaved wrk runs, p50/p99 from wrk's latency distribution.
#
# Everything of its own: Kafka (and Redis) from deploy/local/fleet.sh, infra only, on ports shifted by
# BENCH_CONTENT_INFRA_OFFSET (default 42000: Kafka 51092); content-service from its built jar on
# BENCH_CONTENT_PORT (48082) with a fresh data folder; a fresh ES256 key whose JWKS file the
# service verifies tokens against (BenchTokens.java; the claims are auth-service's). Stopped by PID.
# Prints a markdown report and leaves it in $WORK/results.md.
#
#   deploy/bench/content/run.sh                       # builds the jar if missing; 3 runs of each
#   BUILD=1 deploy/bench/content/run.sh               # rebuild content-service first
#   RUNS=5 DURATION=20s SEED=5000 AI_LIMIT=250 deploy/bench/content/run.sh
#   CONTENT_JAVA_OPTS="... -XX:TieredStopAtLevel=1" deploy/bench/content/run.sh   # the fleet's C1-only JVM
#   NMT=1 deploy/bench/content/run.sh                 # also the JVM's native memory summary at the end
#   TARGETS=create ONLY_WRK=1 JFR=1 deploy/bench/content/run.sh   # creates only, profiled, no limit or memory part
#
# The JVM options default to the deployment's (JAVA_OPTS of k8s/base/content-service.yaml: C2, SerialGC,
# -Xmx128m, -XX:-ShrinkHeapInSteps, Lucene's SIMD module), so the figures are the deployment's.
#
# Needs: wrk, python3, curl (apt-get install -y wrk).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$ROOT"
. .mvn/java-home.sh
JAVA_HOME=$(mbv_find_java_home)
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"

RUNS=${RUNS:-3}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-30s}
CONNS=${CONNS:-32}
THREADS=${THREADS:-2}
SEED=${SEED:-3000}
AI_LIMIT=${AI_LIMIT:-100}
CONCURRENT=${CONCURRENT:-1000}
TARGETS=${TARGETS:-read feed create}
PORT=${BENCH_CONTENT_PORT:-48082}
WORK=${BENCH_CONTENT_DIR:-$ROOT/deploy/bench/content/target}
CONTENT_JAVA_OPTS=${CONTENT_JAVA_OPTS:---add-modules=jdk.incubator.vector -XX:+UseSerialGC -Xms16m -Xmx128m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:-ShrinkHeapInSteps -XX:TrimNativeHeapInterval=5000 -XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError}
[ "${NMT:-0}" != 1 ] || CONTENT_JAVA_OPTS="$CONTENT_JAVA_OPTS -XX:NativeMemoryTracking=summary"
read -r -a JVM_OPTS <<< "$CONTENT_JAVA_OPTS"
export FLEET_SERVICES=none FLEET_PORT_OFFSET=${BENCH_CONTENT_INFRA_OFFSET:-42000} FLEET_DIR=$WORK/fleet
FLEET=deploy/local/fleet.sh
KAFKA_PORT=$(( 9092 + FLEET_PORT_OFFSET ))
BASE=http://127.0.0.1:$PORT
say() { echo "bench: $*" >&2; }

for tool in wrk python3 curl; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y wrk python3 curl)" >&2; exit 1; }
done
# BENCH_CONTENT_JAR: a copy of quarkus-app elsewhere, so that a build of the module can run meanwhile.
JAR=${BENCH_CONTENT_JAR:-content-service/target/quarkus-app/quarkus-run.jar}
if [ "${BUILD:-0}" = 1 ] || [ ! -f "$JAR" ]; then
  ./mvnw -B -q -pl content-service -am package -DskipTests
fi

"$FLEET" down >&2 || true   # leftovers of an interrupted run, by their PID files
rm -rf "$WORK"
mkdir -p "$WORK/data" "$WORK/wrk"
CONTENT_PID=
cleanup() {
  [ -z "$CONTENT_PID" ] || { kill "$CONTENT_PID" 2>/dev/null || true; wait "$CONTENT_PID" 2>/dev/null || true; }
  "$FLEET" down >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM
say "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
LOAD_START=$(cut -d' ' -f1 /proc/loadavg)
# A previous run's sockets stay in TIME_WAIT for a minute, and Kafka or Redis then fail to bind.
REDIS_PORT=$(( 6380 + FLEET_PORT_OFFSET ))
for (( i = 0; i < 90; i++ )); do
  [[ -n $(ss -Htan "( sport = :$KAFKA_PORT or sport = :$(( KAFKA_PORT + 1 )) or sport = :$REDIS_PORT )" 2>/dev/null) ]] || break
  sleep 1
done
"$FLEET" up >&2 || { say "fleet.sh up failed; once more in 20 s"; "$FLEET" down >&2 || true; sleep 20; "$FLEET" up >&2; }

# One token per user: the first writes and publishes, each limit run gets a fresh user with AI_LIMIT left.
"$JAVA" deploy/bench/content/BenchTokens.java "$WORK/jwks.json" $(( 1 + RUNS )) >"$WORK/tokens.txt"
mapfile -t TOKENS <"$WORK/tokens.txt"
sub_of() { python3 -c 'import base64,json,sys; p=sys.argv[1].split(".")[1]; print(json.loads(base64.urlsafe_b64decode(p + "=" * (-len(p) % 4)))["sub"])' "$1"; }

( cd "$WORK/data" && exec env QUARKUS_HTTP_PORT="$PORT" QUARKUS_HTTP_HOST=127.0.0.1 DATA_DIR="$WORK/data" \
    KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" MALLOC_ARENA_MAX=2 \
    MP_JWT_VERIFY_PUBLICKEY_LOCATION="$WORK/jwks.json" MP_JWT_VERIFY_ISSUER=http://localhost:8080 \
    CONTENT_USAGE_FREE_AI_GENERATIONS="$AI_LIMIT" CONTENT_USAGE_FREE_PUBLISHES=1000000000 \
    "$JAVA" "${JVM_OPTS[@]}" --enable-native-access=ALL-UNNAMED -jar "$(cd "$ROOT" && realpath "$JAR")" ) </dev/null >"$WORK/content-service.log" 2>&1 &
CONTENT_PID=$!
for i in $(seq 1 600); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/q/health/ready")" = 200 ] && break
  kill -0 "$CONTENT_PID" 2>/dev/null || { tail -30 "$WORK/content-service.log" >&2; exit 1; }
  [ "$i" -lt 600 ] || { echo "content-service not ready in 60 s" >&2; exit 1; }
  sleep 0.1
done
rss_mb() { awk -v k="$1" '$1 == k":" {printf "%.0f", $2/1024}' "/proc/$CONTENT_PID/status"; }
RSS_IDLE=$(rss_mb VmRSS)
say "content-service ready (pid $CONTENT_PID, RSS $RSS_IDLE MB); seeding $SEED published posts"
"$JAVA" deploy/bench/content/ContentLoad.java seed "$BASE" "${TOKENS[0]}" "$SEED" 16 "$WORK" >&2

to_ms() { # wrk latency such as 812.00us, 1.23ms, 1.01s -> milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'
}
# One wrk run; prints "rps p50_ms p99_ms requests", and fails on any non-2xx answer or socket error.
wrk_run() { # label target duration
  local out="$WORK/wrk/$1-$2.txt"
  IDS_FILE="$WORK/ids.txt" CURSORS_FILE="$WORK/cursors.txt" TOKEN="${TOKENS[0]}" RUN_ID="$1-$RANDOM" \
    wrk -t"$THREADS" -c"$CONNS" -d"$3" --timeout 10s --latency -s "deploy/bench/content/wrk/$2.lua" "$BASE" >"$out"
  if grep -q -E "Non-2xx|Socket errors" "$out"; then echo "errors in $out" >&2; cat "$out" >&2; exit 1; fi
  echo "$(awk '/^Requests\/sec:/ {print $2}' "$out") $(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")" \
    "$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")") $(awk '/requests in/ {print $1}' "$out")"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
col() { awk -v c="$1" '{print $c}'; }
med() { echo -n "$1" | col "$2" | median; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$CONTENT_PID/stat"; }
per_request_us() { awk -v t="$1" -v h="$(getconf CLK_TCK)" -v r="$2" 'BEGIN {printf "%.0f", t / h * 1e6 / r}'; }

read -r -a KINDS <<< "$TARGETS"
say "warming up ($WARMUP each)"
for t in "${KINDS[@]}"; do wrk_run warmup "$t" "$WARMUP" >/dev/null; done
# Per-thread CPU of the service (ticks by thread name, digits dropped: executor-thread-12 → executor-thread-),
# summed over the measured runs of each case: where a case's CPU goes (request threads, Vert.x, embedders...).
thread_ticks() {
  for f in /proc/"$CONTENT_PID"/task/*/stat; do
    sed -E 's/^[0-9]+ \((.*)\) [A-Z] (.*)$/\1|\2/' "$f" 2>/dev/null
  done | awk -F'|' '{split($2, a, " "); name = $1; gsub(/[0-9]+$/, "", name); t[name] += a[11] + a[12]} END {for (n in t) print n "|" t[n]}'
}
declare -A THREAD_TICKS
add_thread_ticks() { # case before after
  while IFS='|' read -r name ticks; do
    before=$(awk -F'|' -v n="$name" '$1 == n {print $2}' <<< "$2")
    THREAD_TICKS[$1|$name]=$(( ${THREAD_TICKS[$1|$name]:-0} + ticks - ${before:-0} ))
  done <<< "$3"
}
# JFR=1: a flight recording (profile settings) of the measured create runs only, in $WORK/create.jfr.
JFR_ON=0
declare -A RES TICKS REQS
for run in $(seq 1 "$RUNS"); do
  for t in "${KINDS[@]}"; do  # interleaved, so that drift on a shared machine hits all alike
    if [ "${JFR:-0}" = 1 ] && [ "$t" = create ]; then
      "$JAVA_HOME/bin/jcmd" "$CONTENT_PID" JFR.start name=create settings=profile >/dev/null 2>&1 && JFR_ON=1
    fi
    TT0=$(thread_ticks)
    T0=$(cpu_ticks)
    r=$(wrk_run "run$run" "$t" "$DURATION")
    TICKS[$t]=$(( ${TICKS[$t]:-0} + $(cpu_ticks) - T0 ))
    add_thread_ticks "$t" "$TT0" "$(thread_ticks)"
    if [ "$JFR_ON" = 1 ] && [ "$t" = create ]; then
      "$JAVA_HOME/bin/jcmd" "$CONTENT_PID" JFR.stop name=create filename="$WORK/create-$run.jfr" >/dev/null 2>&1 || true
      JFR_ON=0
    fi
    REQS[$t]=$(( ${REQS[$t]:-0} + $(echo "$r" | col 4) ))
    RES[$t]+="$r"$'\n'
    say "run $run $t: $r"
  done
done
RSS_AFTER_LOAD=$(rss_mb VmRSS)
thread_report() {
  for t in "${KINDS[@]}"; do
    echo "Service CPU by thread in the $t runs (µs per request): $(for k in "${!THREAD_TICKS[@]}"; do
      [ "${k%%|*}" = "$t" ] && echo "${THREAD_TICKS[$k]} ${k#*|}"; done | sort -rn | awk -v h="$(getconf CLK_TCK)" -v r="${REQS[$t]}" \
      '$1 > 0 {printf "%s%s %.0f", (n++ ? ", " : ""), $2, $1 / h * 1e6 / r}')."
  done
}
for t in "${KINDS[@]}"; do say "$t: service CPU $(per_request_us "${TICKS[$t]}" "${REQS[$t]}") µs per request, median $(med "${RES[$t]}" 1) req/s, load average $(cut -d' ' -f1-3 /proc/loadavg)"; done
# ONLY_WRK=1: the request cases only (an A/B of a change), without the drain, the limit case and the memory readings.
if [ "${ONLY_WRK:-0}" = 1 ]; then thread_report >&2; exit 0; fi

# The creates' pieces become searchable when the embedding worker has drained vector_jobs; its threads run
# below the requests' (content.search.embedding-priority), so a write burst leaves a queue. How long it
# takes to drain with the service otherwise idle, and the service's CPU meanwhile.
DB=$WORK/data/content.db
queued() { python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute("SELECT count(*) FROM vector_jobs").fetchone()[0])' "$DB"; }
QUEUED_AT_END=$(queued)
DRAIN_T0=$(date +%s.%N)
DRAIN_TICKS0=$(cpu_ticks)
for _ in $(seq 1 ${DRAIN_MAX_S:-600}); do
  [ "$(queued)" = 0 ] && break
  sleep 1
done
QUEUED_LEFT=$(queued)
DRAIN_S=$(awk -v a="$DRAIN_T0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.0f", b - a}')
DRAIN_CPU_S=$(awk -v t="$(( $(cpu_ticks) - DRAIN_TICKS0 ))" -v h="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", t / h}')
say "embedding queue: $QUEUED_AT_END at the end of the load, $QUEUED_LEFT left after ${DRAIN_S} s (${DRAIN_CPU_S} s of service CPU)"

# The limit: CONCURRENT generate requests of one user with AI_LIMIT left, then what the database says.
LIMIT_ROWS=""
EXACT=yes
for run in $(seq 1 "$RUNS"); do
  token=${TOKENS[$run]}
  user=$(sub_of "$token")
  line=$("$JAVA" deploy/bench/content/ContentLoad.java limit "$BASE" "$token" "$CONCURRENT")
  say "limit run $run: $line"
  # The relay publishes the outbox rows to Kafka; give it up to 30 s to mark them sent.
  for _ in $(seq 1 300); do
    unsent=$(python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute("SELECT count(*) FROM outbox WHERE event_type=? AND sent_at IS NULL", ("usage.incremented",)).fetchone()[0])' "$DB")
    [ "$unsent" = 0 ] && break
    sleep 0.1
  done
  db=$(python3 - "$DB" "$user" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); u = sys.argv[2]
used, reserved = c.execute("SELECT coalesce(sum(used),0), coalesce(sum(reserved),0) FROM usage_counters WHERE user_id=? AND feature='ai_generations'", (u,)).fetchone()
committed = c.execute("SELECT count(*) FROM usage_reservations WHERE user_id=? AND state='committed'", (u,)).fetchone()[0]
events = c.execute("SELECT count(*), count(sent_at) FROM outbox WHERE event_type='usage.incremented' AND payload LIKE ?", ('%' + u + '%',)).fetchone()
drafts = c.execute("SELECT count(*) FROM content WHERE author_id=? AND ai_generated", (u,)).fetchone()[0]
print(used, reserved, committed, events[0], events[1], drafts)
PY
)
  read -r used reserved committed events sent drafts <<< "$db"
  created=$(echo "$line" | sed -n 's/.*created=\([0-9]*\).*/\1/p')
  refused=$(echo "$line" | sed -n 's/.*refused=\([0-9]*\).*/\1/p')
  other=$(echo "$line" | sed -n 's/.*other=\([0-9]*\).*/\1/p')
  ok=yes
  for v in "$created" "$used" "$committed" "$events" "$sent" "$drafts"; do [ "$v" = "$AI_LIMIT" ] || ok=no; done
  [ "$refused" = $(( CONCURRENT - AI_LIMIT )) ] && [ "$other" = 0 ] && [ "$reserved" = 0 ] || ok=no
  [ "$ok" = yes ] || EXACT=no
  LIMIT_ROWS+="| $run | $created | $refused | $other | $used / $reserved | $committed | $events ($sent sent) | $drafts | $(echo "$line" | sed -n 's/.*p50_ms=\([0-9.]*\) p99_ms=\([0-9.]*\) wall_ms=\([0-9]*\).*/\1 | \2 | \3/p') | **$ok** |"$'\n'
done
RSS_AFTER=$(rss_mb VmRSS)
RSS_PEAK=$(rss_mb VmHWM)
sleep 15
RSS_LATER=$(rss_mb VmRSS)
# The embedding model is let go of after content.search.model-idle (30 s) unused, checked every 10 s.
sleep 30
RSS_MODEL_IDLE=$(rss_mb VmRSS)
# Where it is: anonymous memory (heap, metaspace, malloc) against mapped files (jars, Lucene's index),
# the JVM's own account when NMT=1, then what a full GC gives back (SerialGC shrinks only then).
SMAPS=$(awk '$1 ~ /^(Rss|Anonymous|Rss_File|Rss_Anon):/ {printf "%s %.0f MB; ", $1, $2/1024}' "/proc/$CONTENT_PID/smaps_rollup" 2>/dev/null || true)
# RSS by mapping (smaps, grouped by file; anonymous memory as one line): what outside the JVM's own account holds memory.
awk '/^[0-9a-f]+-[0-9a-f]+ / {name = ($6 == "" ? "[anon]" : $6)} /^Rss:/ {r[name] += $2} END {for (n in r) if (r[n] >= 1024) printf "%.0f %s\n", r[n]/1024, n}' \
  "/proc/$CONTENT_PID/smaps" 2>/dev/null | sort -rn | head -15 >"$WORK/smaps-by-file.txt" || true
NMT_SUMMARY=""
if [ "${NMT:-0}" = 1 ]; then
  "$JAVA_HOME/bin/jcmd" "$CONTENT_PID" VM.native_memory summary >"$WORK/nmt.txt" 2>&1 || true
  NMT_SUMMARY=$(awk '/^-/ {name=$0; sub(/^- */, "", name); sub(/ *\(.*/, "", name)} /^Total:/ || /^-/ {if (match($0, /committed=[0-9]+KB/)) {v=substr($0, RSTART+10, RLENGTH-12); if (v/1024 >= 2) printf "%s %.0f MB; ", (name == "" ? "JVM total" : name), v/1024}}' "$WORK/nmt.txt")
fi
"$JAVA_HOME/bin/jcmd" "$CONTENT_PID" GC.run >/dev/null 2>&1 || true
# The heap's live set by class (after the full GC above), for where the heap goes.
"$JAVA_HOME/bin/jcmd" "$CONTENT_PID" GC.class_histogram >"$WORK/histogram.txt" 2>&1 || true
"$JAVA_HOME/bin/jcmd" "$CONTENT_PID" GC.heap_info >"$WORK/heap_info.txt" 2>&1 || true
sleep 6  # the native trim runs every 5 s (-XX:TrimNativeHeapInterval)
RSS_GC=$(rss_mb VmRSS)
# The machine's ceiling for a create's storage work alone (sqlite_ceiling.py: the minimal rows and the
# full write set, with and without an fsync per commit, and grouped CONNS creates to a commit as the
# service's shared transactions do), on the same disk, the service idle.
CEILING=$(python3 deploy/bench/content/sqlite_ceiling.py "$DB" "$WORK/ceiling.db" 5 "$CONNS")

{
  echo "## content-service ($(date -u '+%Y-%m-%d %H:%M') UTC, $(nproc) cores, load average at start $LOAD_START, at the end $(cut -d' ' -f1-3 /proc/loadavg))"
  echo
  echo "Direct to content-service (jar built $(date -u -r "$JAR" '+%Y-%m-%d %H:%M'), JVM \`$CONTENT_JAVA_OPTS\`), $SEED published posts seeded;"
  echo "wrk -t$THREADS -c$CONNS, medians of $RUNS interleaved runs of $DURATION after a warm-up of $WARMUP each."
  echo
  echo "| case | req/s | p50 ms | p99 ms | runs (req/s) | service CPU µs per request | target |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  for t in "${KINDS[@]}"; do
    rps=$(med "${RES[$t]}" 1)
    case $t in
      read) what="GET /api/content/{id} (random published post, anonymous)"; goal=5000 ;;
      feed) what="GET /api/content/feed?limit=20 (first page or a cursor's, in turn)"; goal=5000 ;;
      create) what="POST /api/content (ethics check, 2 tags, outbox event)"; goal=1000 ;;
    esac
    printf '| %s | %.0f | %s | %s | %s | %s | ≥ %s: %s |\n' "$what" "$rps" "$(med "${RES[$t]}" 2)" "$(med "${RES[$t]}" 3)" \
      "$(echo -n "${RES[$t]}" | col 1 | awk '{printf "%s%.0f", (NR > 1 ? ", " : ""), $1}')" \
      "$(per_request_us "${TICKS[$t]}" "${REQS[$t]}")" "$goal" "$(awk -v r="$rps" -v g="$goal" 'BEGIN {print (r >= g ? "met" : "missed")}')"
  done
  echo
  echo "AI usage limit: $CONCURRENT simultaneous \`POST /api/content/generate\` of one fresh user with $AI_LIMIT generations left (local outline generator):"
  echo
  echo "| run | 201 | 402 | other | counter used / reserved | reservations committed | usage.incremented in the outbox | AI drafts | p50 ms | p99 ms | wall ms | exact |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  echo -n "$LIMIT_ROWS"
  echo
  echo "Exact in every run: **$EXACT**."
  echo
  echo "SQLite ceiling, one writer, in a copy of the schema, no service (sqlite_ceiling.py: minimal = content + outbox row, fsync per commit; full = everything a create writes with V20/V21's triggers, fsync per commit; full-nosync = the same without fsync, SQLite's own CPU; full-grouped = the full write set, $CONNS creates a commit with an fsync, as the service's shared transactions group them; fresh files, so without the seeded data): $CEILING."
  echo
  echo "RSS (MB): idle $RSS_IDLE; after the wrk runs $RSS_AFTER_LOAD; after the limit runs $RSS_AFTER (peak $RSS_PEAK); 15 s later $RSS_LATER; 45 s later (the model idle for 30 s) $RSS_MODEL_IDLE; then after a full GC (jcmd GC.run) and a native trim $RSS_GC. Target ≤ 200: $(awk -v r="$RSS_AFTER" 'BEGIN {print (r <= 200 ? "met" : "missed")}')."
  echo
  echo "45 s after the load: $SMAPS"
  echo
  echo "RSS by mapping then (MB): $(awk '{n = $2; sub(/.*\//, "", n); printf "%s%s %s", (NR > 1 ? ", " : ""), n, $1}' "$WORK/smaps-by-file.txt")."
  echo
  echo "Embedding queue (vector_jobs): $QUEUED_AT_END pieces at the end of the wrk runs; $QUEUED_LEFT left after ${DRAIN_S} s with no requests (${DRAIN_CPU_S} s of service CPU)."
  echo
  echo "Live heap after the full GC: $(awk '/^Total/ {printf "%.1f MB in %d objects", $3/1048576, $2}' "$WORK/histogram.txt"); the largest: $(awk 'NR > 3 && NR <= 11 && $1 ~ /:$/ {printf "%s %.1f MB; ", $4, $3/1048576}' "$WORK/histogram.txt")"
  [ -z "$NMT_SUMMARY" ] || { echo; echo "NMT (committed): $NMT_SUMMARY"; }
  echo
  thread_report
} | tee "$WORK/results.md"
