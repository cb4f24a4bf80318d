#!/usr/bin/env bash
# analytics-service benchmark (issue 16), direct to the service on this machine, side by side in the
# same run with the machine's own limits:
#   - end-to-end ingestion: HTTP batches of 500 → analytics.raw → rollups committed (target ≥ 50,000
#     events/s), as fast as the senders go; peers: Kafka's own producer perf tool (ProducerPerformance
#     from deploy/kafka-runtime, records of the same size, acks=all) and a batched SQLite insert of
#     raw_events rows (sqlite_peer.py, one transaction per 5,000 rows, WAL, synchronous=FULL), once
#     with the event id's UNIQUE index and once without (what exactly-once costs SQLite), and the
#     aggregator's whole write pattern in SQLite (rollup_peer.py: raw rows, rollup and visitor rows,
#     totals, one transaction per POLL (1,000) events: the aggregator's transaction, one per poll of
#     mp.messaging.incoming.raw-events.max.poll.records; at 5,000 a transaction SQLite does ~2x as many);
#     and the pipeline's parts by their own tools at once (pipeline_peer.sh: Kafka's producer and consumer
#     perf tools and SQLite, EVENTS events, raw rows alone and the aggregator's write pattern): what HTTP
#     aside the machine does with events that cross Kafka and land in SQLite;
#   - rollup lag p50/p99 (target p99 < 1 s) of each run's own events (the difference of the service's
#     analytics_rollup_lag_milliseconds buckets): at saturation, and paced at PACED_SHARE (0.5) of
#     the run's end-to-end rate for PACED_SECONDS (20), where a lag target means something;
#   - single-event requests/s (wrk, one event per POST);
#   - dashboard p50/p99 (target p99 ≤ 50 ms) over one year of data: SEED_EVENTS (10,000,000) events
#     over SEED_CONTENTS (100,000) content items seeded into the rollups (seed_year.py; the last 90
#     days also as raw events), 30 days daily and a year monthly, random content, Redis cache on,
#     DASH_CONNS (8) concurrent clients;
#   - RSS after the load (target ≤ 200 MB); with NMT=1 the JVM's native memory summary as well
#     ($WORK/nmt.txt).
# Medians of RUNS interleaved runs; the load average is recorded with the figures.
#
# Everything of its own: Kafka and Redis from deploy/local/fleet.sh (infra only) on ports shifted by
# BENCH_ANALYTICS_INFRA_OFFSET (43000: Kafka 52092, Redis 49380); analytics-service from its jar on
# BENCH_ANALYTICS_PORT (48083) with a fresh data folder; tokens from deploy/bench/content/BenchTokens.java.
# Stopped by PID. Prints a markdown report and leaves it in $WORK/results.md.
#
#   deploy/bench/analytics/run.sh
#   BUILD=1 RUNS=5 EVENTS=1000000 SEED_EVENTS=2000000 deploy/bench/analytics/run.sh
#   SEED_CACHE=/tmp/analytics-seed deploy/bench/analytics/run.sh   # seed once, reuse the year after
#
# SEED_CACHE (a folder outside WORK): the first run keeps a copy of the seeded database there
# (analytics.db, ids.txt; per SEED_CONTENTS x SEED_EVENTS), later runs start from a copy of it instead
# of seeding again (the full seed takes 10-25 min here); the author is rewritten to the run's token's.
# Needs the same schema: a new migration means seeding again (delete the folder).
#
# Needs: wrk, python3, curl.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$ROOT"
. .mvn/java-home.sh
JAVA_HOME=$(mbv_find_java_home)
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"

RUNS=${RUNS:-3}
EVENTS=${EVENTS:-500000}
SENDERS=${SENDERS:-4}
DURATION=${DURATION:-15s}
CONNS=${CONNS:-32}
DASH_CONNS=${DASH_CONNS:-8}
PACED_SHARE=${PACED_SHARE:-0.5}
PACED_SECONDS=${PACED_SECONDS:-20}
SEED_CONTENTS=${SEED_CONTENTS:-100000}
SEED_EVENTS=${SEED_EVENTS:-10000000}
PEER_RECORDS=${PEER_RECORDS:-1000000}
# The aggregator's transaction: one poll (the service's max.poll.records); the write-pattern peer commits as often.
POLL=${MP_MESSAGING_INCOMING_RAW_EVENTS_MAX_POLL_RECORDS:-$(sed -n 's/^mp.messaging.incoming.raw-events.max.poll.records=//p' "$ROOT/analytics-service/src/main/resources/application.properties")}
PORT=${BENCH_ANALYTICS_PORT:-48083}
WORK=${BENCH_ANALYTICS_DIR:-$ROOT/deploy/bench/analytics/target}
ANALYTICS_JAVA_OPTS=${ANALYTICS_JAVA_OPTS:--XX:+UseSerialGC -Xms16m -Xmx128m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:TrimNativeHeapInterval=5000 -XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError}
[ "${NMT:-0}" = 1 ] && ANALYTICS_JAVA_OPTS="$ANALYTICS_JAVA_OPTS -XX:NativeMemoryTracking=summary"
# EXTRA_JAVA_OPTS: added to the options above (e.g. -Xlog:gc:file=... or a flight recording).
[ -n "${EXTRA_JAVA_OPTS:-}" ] && ANALYTICS_JAVA_OPTS="$ANALYTICS_JAVA_OPTS $EXTRA_JAVA_OPTS"
read -r -a JVM_OPTS <<< "$ANALYTICS_JAVA_OPTS"
export FLEET_SERVICES=none FLEET_PORT_OFFSET=${BENCH_ANALYTICS_INFRA_OFFSET:-43000} FLEET_DIR=$WORK/fleet
FLEET=deploy/local/fleet.sh
KAFKA_PORT=$(( 9092 + FLEET_PORT_OFFSET ))
REDIS_PORT=$(( 6380 + FLEET_PORT_OFFSET ))
BASE=http://127.0.0.1:$PORT
say() { echo "bench: $*" >&2; }
load() { cut -d' ' -f1 /proc/loadavg; }

for tool in wrk python3 curl; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y wrk python3 curl)" >&2; exit 1; }
done
# ANALYTICS_APP: another build's quarkus-app folder (a copy, so that rebuilding meanwhile changes nothing).
JAR=${ANALYTICS_APP:-analytics-service/target/quarkus-app}/quarkus-run.jar
if [ -z "${ANALYTICS_APP:-}" ] && { [ "${BUILD:-0}" = 1 ] || [ ! -f "$JAR" ]; }; then
  ./mvnw -B -q -pl analytics-service -am package -DskipTests
fi
# Absolute: the service starts from its data folder, where a relative path no longer resolves.
JAR=$(realpath "$JAR")

"$FLEET" down >&2 || true
rm -rf "$WORK"
mkdir -p "$WORK/data" "$WORK/wrk"
SERVICE_PID=
cleanup() {
  [ -z "$SERVICE_PID" ] || { kill "$SERVICE_PID" 2>/dev/null || true; wait "$SERVICE_PID" 2>/dev/null || true; }
  "$FLEET" down >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM
LOAD_START=$(load)
say "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
for (( i = 0; i < 90; i++ )); do
  [[ -n $(ss -Htan "( sport = :$KAFKA_PORT or sport = :$(( KAFKA_PORT + 1 )) or sport = :$REDIS_PORT )" 2>/dev/null) ]] || break
  sleep 1
done
"$FLEET" up >&2 || { say "fleet.sh up failed; once more in 20 s"; "$FLEET" down >&2 || true; sleep 20; "$FLEET" up >&2; }
KAFKA_LIB=deploy/kafka-runtime/target/lib

"$JAVA" deploy/bench/content/BenchTokens.java "$WORK/jwks.json" 1 >"$WORK/tokens.txt"
TOKEN=$(head -1 "$WORK/tokens.txt")
AUTHOR=$(python3 -c 'import base64,json,sys; p=sys.argv[1].split(".")[1]; print(json.loads(base64.urlsafe_b64decode(p + "=" * (-len(p) % 4)))["sub"])' "$TOKEN")

SEED_DIR=
if [ -n "${SEED_CACHE:-}" ]; then
  SEED_DIR="$SEED_CACHE/$SEED_CONTENTS-$SEED_EVENTS"
  if [ -f "$SEED_DIR/analytics.db" ] && [ -f "$SEED_DIR/ids.txt" ]; then
    say "reusing the seed in $SEED_DIR (seeded $(cat "$SEED_DIR/seeded_at" 2>/dev/null))"
    cp "$SEED_DIR/analytics.db" "$WORK/data/analytics.db"
    cp "$SEED_DIR/ids.txt" "$WORK/ids.txt"
    python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("UPDATE content_stats SET author_id = ?", (sys.argv[2],)); c.commit()' \
      "$WORK/data/analytics.db" "$AUTHOR"
  fi
fi

( cd "$WORK/data" && exec env QUARKUS_HTTP_PORT="$PORT" QUARKUS_HTTP_HOST=127.0.0.1 DATA_DIR="$WORK/data" \
    KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" QUARKUS_REDIS_HOSTS="redis://127.0.0.1:$REDIS_PORT" MALLOC_ARENA_MAX=2 \
    MP_JWT_VERIFY_PUBLICKEY_LOCATION="$WORK/jwks.json" MP_JWT_VERIFY_ISSUER=http://localhost:8080 \
    "$JAVA" "${JVM_OPTS[@]}" --enable-native-access=ALL-UNNAMED -jar "$JAR" ) </dev/null >"$WORK/analytics-service.log" 2>&1 &
SERVICE_PID=$!
for i in $(seq 1 900); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/q/health/ready")" = 200 ] && break
  kill -0 "$SERVICE_PID" 2>/dev/null || { tail -30 "$WORK/analytics-service.log" >&2; exit 1; }
  [ "$i" -lt 900 ] || { echo "analytics-service not ready in 90 s" >&2; exit 1; }
  sleep 0.1
done
rss_mb() { awk '$1 == "VmRSS:" {printf "%.0f", $2/1024}' "/proc/$SERVICE_PID/status"; }
# The service's CPU time so far (user + system), ms: per event and per request it is stable under load.
TICKS=$(getconf CLK_TCK)
cpu_ms() { awk -v t="$TICKS" '{print ($14 + $15) * 1000 / t}' "/proc/$SERVICE_PID/stat"; }
per() { awk -v a="$1" -v b="$2" -v n="$3" -v f="$4" 'BEGIN {printf "%.1f", (b - a) * f / n}'; } # before after count factor
metric() { curl -s "$BASE/q/metrics" | awk -v m="$1" '$1 == m || index($1, m "{") == 1 {print $2; exit}'; }
# Until the aggregator has taken every accepted event (or 120 s): the dashboards are timed on their own,
# not against a backlog still being written (that is the lag figures' business).
settle() {
  local t0; t0=$(date +%s)
  for (( i = 0; i < 1200; i++ )); do
    awk -v a="$(metric analytics_events_accepted_total)" -v c="$(metric analytics_raw_consumed_total)" \
      'BEGIN {exit !(c + 0 >= a + 0)}' && break
    sleep 0.1
  done
  say "aggregator caught up in $(( $(date +%s) - t0 )) s"
}
if [ -f "$WORK/ids.txt" ]; then
  say "analytics-service ready (pid $SERVICE_PID, RSS $(rss_mb) MB) on the reused seed"
else
  say "analytics-service ready (pid $SERVICE_PID, RSS $(rss_mb) MB); seeding $SEED_EVENTS events over $SEED_CONTENTS content items"
  T_SEED=$(date +%s)
  python3 deploy/bench/analytics/seed_year.py "$WORK/data/analytics.db" "$AUTHOR" "$SEED_CONTENTS" "$SEED_EVENTS" \
    "$WORK/ids.txt" "$(date +%s%3N)"
  say "seeded in $(( $(date +%s) - T_SEED )) s"
  if [ -n "$SEED_DIR" ]; then
    # The seed's log folded into the file first (the service is idle), so that the file alone is the year.
    python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone())' \
      "$WORK/data/analytics.db" >&2
    mkdir -p "$SEED_DIR"
    cp "$WORK/data/analytics.db" "$SEED_DIR/analytics.db.part" && mv "$SEED_DIR/analytics.db.part" "$SEED_DIR/analytics.db"
    cp "$WORK/ids.txt" "$SEED_DIR/ids.txt"
    date -u +%Y-%m-%dT%H:%MZ >"$SEED_DIR/seeded_at"
    say "seed kept in $SEED_DIR"
  fi
fi

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }
wrk_run() { # label script [connections] -> "rps p50 p99"
  local out="$WORK/wrk/$1.txt"
  wrk -t2 -c"${3:-$CONNS}" -d"$DURATION" --timeout 10s --latency -s "deploy/bench/analytics/wrk/$2.lua" "$BASE" >"$out"
  if grep -q -E "Non-2xx|Socket errors" "$out"; then echo "errors in $out" >&2; cat "$out" >&2; exit 1; fi
  echo "$(awk '/^Requests\/sec:/ {print $2}' "$out") $(to_ms "$(awk '$1 == "50%" {print $2}' "$out")") $(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")"
}
kafka_peer() { # records/s of Kafka's own producer, records of the size analytics.raw carries
  "$JAVA" -cp "$KAFKA_LIB/*" org.apache.kafka.tools.ProducerPerformance --topic bench.peer --num-records "$PEER_RECORDS" \
    --record-size 600 --throughput -1 --producer-props bootstrap.servers="127.0.0.1:$KAFKA_PORT" acks=all linger.ms=2 \
    batch.size=262144 2>/dev/null | tail -1 | sed -E 's/.* records sent, ([0-9.]+) records\/sec.*/\1/'
}

export IDS_FILE="$WORK/ids.txt" TOKEN
say "warming up"
"$JAVA" deploy/bench/analytics/AnalyticsLoad.java "$BASE" "$IDS_FILE" 100000 "$SENDERS" >/dev/null
NOW_ISO=$(date -u +%Y-%m-%dT%H:%M:%SZ) wrk -t2 -c"$CONNS" -d5s -s deploy/bench/analytics/wrk/single.lua "$BASE" >/dev/null
# The dashboards' code compiled before they are timed (the first timed series otherwise pays the JIT).
QUERY="" wrk -t2 -c"$DASH_CONNS" -d5s -s deploy/bench/analytics/wrk/dashboard.lua "$BASE" >/dev/null
declare -a INGEST PACED KAFKA SQLITE SQLITE_NOID ROLLUP_PEER PIPE_RAW PIPE_PATTERN SINGLE DASH30 DASHYEAR LOADS CPU_EVENT CPU_DASH30 CPU_DASHYEAR
for run in $(seq 1 "$RUNS"); do
  KAFKA+=("$(kafka_peer)")
  SQLITE+=("$(python3 deploy/bench/analytics/sqlite_peer.py "$WORK/peer-$run.db" "$PEER_RECORDS")")
  SQLITE_NOID+=("$(python3 deploy/bench/analytics/sqlite_peer.py "$WORK/peer-noid-$run.db" "$PEER_RECORDS" 5000 no-id)")
  ROLLUP_PEER+=("$(python3 deploy/bench/analytics/rollup_peer.py "$WORK/peer-rollup-$run.db" "$PEER_RECORDS" "$SEED_CONTENTS" "$POLL")")
  # The pipeline's parts by their own tools at once (Kafka's producer and consumer, SQLite), as many events as a run sends.
  PIPE_RAW+=("$(deploy/bench/analytics/pipeline_peer.sh "127.0.0.1:$KAFKA_PORT" "$EVENTS" raw "$SEED_CONTENTS" "$POLL")")
  PIPE_PATTERN+=("$(deploy/bench/analytics/pipeline_peer.sh "127.0.0.1:$KAFKA_PORT" "$EVENTS" pattern "$SEED_CONTENTS" "$POLL")")
  C0=$(cpu_ms)
  INGEST+=("$("$JAVA" deploy/bench/analytics/AnalyticsLoad.java "$BASE" "$IDS_FILE" "$EVENTS" "$SENDERS")")
  CPU_EVENT+=("$(per "$C0" "$(cpu_ms)" "$EVENTS" 1000)") # µs of the service's CPU per event, HTTP to rollups
  # The lag target holds below saturation: the same senders paced at a share of the rate just measured.
  RATE=$(awk -v r="$(echo "${INGEST[-1]}" | cut -d' ' -f3)" -v s="$PACED_SHARE" 'BEGIN {printf "%.0f", r * s}')
  PACED+=("$RATE $("$JAVA" deploy/bench/analytics/AnalyticsLoad.java "$BASE" "$IDS_FILE" $(( RATE * PACED_SECONDS )) "$SENDERS" 500 "$RATE")")
  SINGLE+=("$(NOW_ISO=$(date -u +%Y-%m-%dT%H:%M:%SZ) wrk_run "single-$run" single)")
  [ "${DASH_SETTLE:-1}" = 1 ] && settle
  C0=$(cpu_ms)
  DASH30+=("$(QUERY="" wrk_run "dash30-$run" dashboard "$DASH_CONNS")")
  CPU_DASH30+=("$(per "$C0" "$(cpu_ms)" "$(awk -v r="$(echo "${DASH30[-1]}" | cut -d' ' -f1)" -v d="${DURATION%s}" 'BEGIN {print r * d}')" 1000)")
  C0=$(cpu_ms)
  DASHYEAR+=("$(QUERY="?granularity=month&from=$(date -u -d '365 days ago' +%Y-%m-%dT%H:%M:%SZ)" wrk_run "dashyear-$run" dashboard "$DASH_CONNS")")
  CPU_DASHYEAR+=("$(per "$C0" "$(cpu_ms)" "$(awk -v r="$(echo "${DASHYEAR[-1]}" | cut -d' ' -f1)" -v d="${DURATION%s}" 'BEGIN {print r * d}')" 1000)")
  LOADS+=("$(load)")
  say "run $run: kafka ${KAFKA[-1]} rec/s, sqlite ${SQLITE[-1]} rows/s (no id index ${SQLITE_NOID[-1]}), sqlite aggregator pattern ${ROLLUP_PEER[-1]} events/s, pipeline peers at once (slowest producer consumer sqlite): raw [${PIPE_RAW[-1]}] pattern [${PIPE_PATTERN[-1]}], ingest [${INGEST[-1]}], paced [${PACED[-1]}], single [${SINGLE[-1]}], dash30 [${DASH30[-1]}], dashyear [${DASHYEAR[-1]}], cpu µs per event ${CPU_EVENT[-1]}, per dashboard ${CPU_DASH30[-1]} / ${CPU_DASHYEAR[-1]}, load ${LOADS[-1]}"
done
RSS=$(rss_mb)
if [ "${NMT:-0}" = 1 ]; then
  "$JAVA_HOME/bin/jcmd" "$SERVICE_PID" VM.native_memory summary >"$WORK/nmt.txt" 2>&1 || true
  say "native memory (committed, KB): $(grep -E '^Total|^-  *[A-Z]' "$WORK/nmt.txt" | sed -E 's/ *\(reserved=[0-9]+KB, committed=([0-9]+)KB\)/ \1/' | tr -s ' ' | tr '\n' ';')"
fi
col() { printf '%s\n' "${@:2}" | awk -v c="$1" '{print $c}' | median; }
K=$(printf '%s\n' "${KAFKA[@]}" | median); S=$(printf '%s\n' "${SQLITE[@]}" | median); SN=$(printf '%s\n' "${SQLITE_NOID[@]}" | median); RP=$(printf '%s\n' "${ROLLUP_PEER[@]}" | median)
E2E=$(col 3 "${INGEST[@]}"); HTTPR=$(col 4 "${INGEST[@]}"); LAG50=$(col 5 "${INGEST[@]}"); LAG99=$(col 6 "${INGEST[@]}"); DRAIN=$(col 7 "${INGEST[@]}")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
{
  echo "## analytics-service ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $LOAD_START at start, $(printf '%s ' "${LOADS[@]}")after each run)"
  echo
  echo "| figure | median of $RUNS | target | peer in the same run | ratio |"
  echo "| --- | --- | --- | --- | --- |"
  echo "| end-to-end ingestion (HTTP batches of 500 → rollups committed), events/s | $E2E | ≥ 50,000 | Kafka producer perf $K records/s; SQLite batched insert $S rows/s ($SN without the id's UNIQUE index) | $(ratio "$E2E" "$K") of Kafka, $(ratio "$E2E" "$S") of SQLite |"
  echo "| the pipeline's parts by their own tools at once (pipeline_peer.sh: Kafka's producer and consumer perf tools, $EVENTS events, and SQLite in $POLL-event transactions), events/s: the slowest part | | | raw rows alone $(col 1 "${PIPE_RAW[@]}") (producer $(col 2 "${PIPE_RAW[@]}"), consumer $(col 3 "${PIPE_RAW[@]}"), SQLite $(col 4 "${PIPE_RAW[@]}")); the aggregator's write pattern $(col 1 "${PIPE_PATTERN[@]}") (producer $(col 2 "${PIPE_PATTERN[@]}"), consumer $(col 3 "${PIPE_PATTERN[@]}"), SQLite $(col 4 "${PIPE_PATTERN[@]}")) | end to end $(ratio "$E2E" "$(col 1 "${PIPE_PATTERN[@]}")") of the pattern's |"
  echo "| HTTP acceptance alone, events/s | $HTTPR | | | $(ratio "$HTTPR" "$K") of Kafka |"
  echo "| the aggregator alone (draining analytics.raw once the senders stopped), events/s | $DRAIN | | SQLite batched insert $S rows/s; the aggregator's whole write pattern in SQLite, $POLL events a transaction, $RP events/s | $(ratio "$DRAIN" "$S") of the insert, $(ratio "$DRAIN" "$RP") of the pattern |"
  echo "| rollup lag p50 / p99 at saturation, ms | $LAG50 / $LAG99 | | | |"
  echo "| rollup lag p50 / p99 paced at $PACED_SHARE of the end-to-end rate ($(col 1 "${PACED[@]}") events/s offered, $(col 4 "${PACED[@]}") events/s done), ms | $(col 6 "${PACED[@]}") / $(col 7 "${PACED[@]}") | p99 < 1,000 | | |"
  echo "| exactly-once in SQLite: the event id's UNIQUE index | | | $S rows/s with it, $SN without | $(ratio "$S" "$SN") |"
  echo "| single-event requests/s (p50 / p99 ms) | $(col 1 "${SINGLE[@]}") ($(col 2 "${SINGLE[@]}") / $(col 3 "${SINGLE[@]}")) | | | |"
  echo "| dashboard, 30 days daily ($DASH_CONNS clients): req/s, p50 / p99 ms | $(col 1 "${DASH30[@]}"), $(col 2 "${DASH30[@]}") / $(col 3 "${DASH30[@]}") | p99 ≤ 50 | | |"
  echo "| dashboard, a year monthly ($DASH_CONNS clients): req/s, p50 / p99 ms | $(col 1 "${DASHYEAR[@]}"), $(col 2 "${DASHYEAR[@]}") / $(col 3 "${DASHYEAR[@]}") | p99 ≤ 50 | | |"
  echo "| RSS after the load, MB | $RSS | ≤ 200 | | |"
  echo "| the service's CPU, µs per event end to end / per dashboard (30 days / a year) | $(printf '%s\n' "${CPU_EVENT[@]}" | median) / $(printf '%s\n' "${CPU_DASH30[@]}" | median) / $(printf '%s\n' "${CPU_DASHYEAR[@]}" | median) | | | |"
  echo
  echo "Data: $SEED_EVENTS events over $SEED_CONTENTS content items seeded for the year (rollups; the last 90 days as raw events), plus the runs' events. Ingestion: $EVENTS events per run, $SENDERS senders. JVM: $ANALYTICS_JAVA_OPTS."
} | tee "$WORK/results.md"
