#!/usr/bin/env bash
# billing-service benchmark (issue 17), direct to the service on this machine:
#  1. ingestion, RUNS times, two ways (each COUNT usage.incremented events, plus every DUP_EVERY-th
#     again with the same id, which billing must not count):
#     live:    produced while billing consumes; distinct events/s from the first send until the ledger
#              holds them exactly, next to the producer's own rate in the same run (the peer: billing
#              cannot book faster than the events arrive), and the ratio of the two;
#     backlog: produced while billing is stopped (SIGSTOP), then resumed (SIGCONT); distinct events/s
#              from SIGCONT until the ledger is exact: what billing books when it is the
#              bottleneck (target ≥ 20,000/s; Stripe's published meter-event limit is 1,000/s in live
#              mode). Billing's CPU time per booked event, which depends little on what else runs;
#  2. crash: COUNT more, billing killed with SIGKILL mid-way, the broker stopped and started, billing
#     started again: the ledger and processed_events must hold exactly the distinct events;
#  3. GET /api/billing/usage with wrk (target p99 ≤ 10 ms), medians of RUNS runs, and billing's CPU
#     time per request;
#  4. RSS after all of it (target ≤ 200 MB), then how long billing takes to stop on SIGTERM.
# The load average is printed with every figure: other sessions share the 2 cores.
# Kafka from deploy/local/fleet.sh (infra only) on ports shifted by BENCH_BILLING_INFRA_OFFSET (46500:
# Kafka 55592); billing-service from its jar on BENCH_BILLING_PORT (48084), fresh data; tokens from
# deploy/bench/content/BenchTokens.java. Stopped by PID. Prints a markdown report ($WORK/results.md).
#
#   deploy/bench/billing/run.sh                  # builds the jar if missing
#   BUILD=1 RUNS=5 COUNT=400000 deploy/bench/billing/run.sh
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
DURATION=${DURATION:-15s}
CONNS=${CONNS:-16}
COUNT=${COUNT:-200000}
DUP_EVERY=${DUP_EVERY:-10}
USERS=${USERS:-1000}
PORT=${BENCH_BILLING_PORT:-48084}
WORK=${BENCH_BILLING_DIR:-$ROOT/deploy/bench/billing/target}
# The deployment's options (k8s/base/billing-service.yaml JAVA_OPTS, without the -D settings).
BILLING_JAVA_OPTS=${BILLING_JAVA_OPTS:--XX:+UseSerialGC -Xms16m -Xmx96m -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:TrimNativeHeapInterval=5000 -XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError}
read -r -a JVM_OPTS <<< "$BILLING_JAVA_OPTS"
export FLEET_SERVICES=none FLEET_PORT_OFFSET=${BENCH_BILLING_INFRA_OFFSET:-46500} FLEET_DIR=$WORK/fleet
FLEET=deploy/local/fleet.sh
KAFKA_PORT=$(( 9092 + FLEET_PORT_OFFSET ))
BASE=http://127.0.0.1:$PORT
DB=$WORK/data/billing.db
say() { echo "bench: $*" >&2; }

for tool in wrk python3 curl; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y wrk python3 curl)" >&2; exit 1; }
done
JAR=billing-service/target/quarkus-app/quarkus-run.jar
if [ "${BUILD:-0}" = 1 ] || [ ! -f "$JAR" ]; then
  ./mvnw -B -q -pl billing-service -am package -DskipTests
fi
KAFKA_CP="$ROOT/deploy/kafka-runtime/target/lib/*"

"$FLEET" down >&2 || true
rm -rf "$WORK"
mkdir -p "$WORK/data"
BILLING_PID=
# SIGCONT first: the backlog runs stop billing with SIGSTOP, and a stopped JVM acts on no other signal.
stop_billing() { [ -z "$BILLING_PID" ] || { kill "$1" "$BILLING_PID" 2>/dev/null || true; kill -CONT "$BILLING_PID" 2>/dev/null || true; wait "$BILLING_PID" 2>/dev/null || true; BILLING_PID=; }; }
cleanup() { stop_billing -TERM; "$FLEET" down >/dev/null 2>&1 || true; }
trap cleanup EXIT
trap 'exit 130' INT TERM
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
say "load average at start: $LOAD_START ($(nproc) cores)"
"$FLEET" up >&2 || { say "fleet.sh up failed; once more in 20 s"; "$FLEET" down >&2 || true; sleep 20; "$FLEET" up >&2; }

"$JAVA" deploy/bench/content/BenchTokens.java "$WORK/jwks.json" "$USERS" >"$WORK/tokens.txt"
python3 - "$WORK/tokens.txt" >"$WORK/users.txt" <<'PY'
import base64, json, sys
for t in open(sys.argv[1]):
    p = t.strip().split(".")[1]
    print(json.loads(base64.urlsafe_b64decode(p + "=" * (-len(p) % 4)))["sub"])
PY
TOKEN=$(head -1 "$WORK/tokens.txt")

start_billing() {
  ( cd "$WORK/data" && exec env QUARKUS_HTTP_PORT="$PORT" QUARKUS_HTTP_HOST=127.0.0.1 DATA_DIR="$WORK/data" \
      KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" MALLOC_ARENA_MAX=2 \
      MP_JWT_VERIFY_PUBLICKEY_LOCATION="$WORK/jwks.json" MP_JWT_VERIFY_ISSUER=http://localhost:8080 \
      "$JAVA" "${JVM_OPTS[@]}" --enable-native-access=ALL-UNNAMED -jar "$ROOT/$JAR" ) </dev/null >>"$WORK/billing-service.log" 2>&1 &
  BILLING_PID=$!
  for i in $(seq 1 900); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/q/health/ready")" = 200 ] && return 0
    kill -0 "$BILLING_PID" 2>/dev/null || { tail -30 "$WORK/billing-service.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "billing-service not ready in 90 s" >&2; exit 1
}
ledger() { python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute("SELECT coalesce(sum(used),0) FROM usage_counters").fetchone()[0], c.execute("SELECT count(*) FROM processed_events").fetchone()[0])' "$DB"; }
now_ms() { date +%s%3N; }
# Waits until the ledger holds $1 units; prints the ms it took from $2.
await_ledger() {
  local want=$1 t0=$2 used
  for _ in $(seq 1 6000); do
    read -r used _ <<< "$(ledger)"
    [ "$used" -ge "$want" ] && { echo $(( $(now_ms) - t0 )); return 0; }
    sleep 0.1
  done
  echo "ledger stuck at $used of $want" >&2; exit 1
}
load() { "$JAVA" -cp "$KAFKA_CP" deploy/bench/billing/UsageLoad.java "127.0.0.1:$KAFKA_PORT" "$WORK/users.txt" "$@"; }

start_billing
say "billing-service ready (pid $BILLING_PID)"
load1() { cut -d' ' -f1 /proc/loadavg; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$BILLING_PID/stat"; }
per_us() { awk -v t="$1" -v h="$(getconf CLK_TCK)" -v n="$2" 'BEGIN {printf "%.0f", t / h * 1e6 / n}'; }
# "sent=N distinct=D ms=T" from UsageLoad: the producer's events/s.
producer_rate() { echo "$1" | awk '{split($1, s, "="); split($3, m, "="); printf "%d", s[2] * 1000 / (m[2] > 0 ? m[2] : 1)}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
# Warm-up: a small load first, so that the JIT has seen the path.
load 20000 "$DUP_EVERY" warm >&2
await_ledger 20000 "$(now_ms)" >/dev/null
expected=20000

# PROFILE=1: JFR recordings of the ingestion runs and of the reads ($WORK/ingest.jfr, $WORK/reads.jfr).
profile() {
  [ -z "${PROFILE:-}" ] && return 0
  if [ "$1" = start ]; then "$JAVA_HOME/bin/jcmd" "$BILLING_PID" JFR.start name=bench settings=profile >/dev/null
  else "$JAVA_HOME/bin/jcmd" "$BILLING_PID" JFR.stop name=bench filename="$2" >/dev/null; fi
}
profile start

# 1. Ingestion, RUNS times each way.
LIVE="" BACKLOG=""
for run in $(seq 1 "$RUNS"); do
  la=$(load1) ticks=$(cpu_ticks) t0=$(now_ms)
  line=$(load "$COUNT" "$DUP_EVERY" "live$run")
  expected=$(( expected + COUNT ))
  ms=$(await_ledger "$expected" "$t0")
  rate=$(( COUNT * 1000 / ms )) peer=$(producer_rate "$line")
  LIVE+="$rate $peer $(ratio "$rate" "$peer") $la $(per_us $(( $(cpu_ticks) - ticks )) "$COUNT")"$'\n'
  say "live run $run (load $la): $line; ledger exact after $ms ms: $rate distinct events/s, producer $peer/s"

  la=$(load1)
  kill -STOP "$BILLING_PID"
  line=$(load "$COUNT" "$DUP_EVERY" "backlog$run")
  ticks=$(cpu_ticks) t0=$(now_ms)
  kill -CONT "$BILLING_PID"
  # From SIGCONT: a consumer stopped for longer than its session (45 s) rejoins its group first, which counts.
  expected=$(( expected + COUNT ))
  ms=$(await_ledger "$expected" "$t0")
  rate=$(( COUNT * 1000 / (ms > 0 ? ms : 1) )) peer=$(producer_rate "$line")
  BACKLOG+="$rate $peer $(ratio "$rate" "$peer") $la $(per_us $(( $(cpu_ticks) - ticks )) "$COUNT")"$'\n'
  say "backlog run $run (load $la): $line; booked in $ms ms: $rate distinct events/s, producer $peer/s"
done
profile stop "$WORK/ingest.jfr"
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
col() { awk -v c="$1" '{print $c}'; }

# 2. Crash: SIGKILL mid-load, broker restart, billing again; totals must be exact.
load "$COUNT" "$DUP_EVERY" crash >&2 &
LOADER=$!
half=$(( expected + COUNT / 2 ))
for _ in $(seq 1 3000); do read -r used _ <<< "$(ledger)"; [ "$used" -ge "$half" ] && break; sleep 0.05; done
stop_billing -KILL
say "billing killed (SIGKILL) at ledger $used; restarting the broker"
wait "$LOADER"
"$FLEET" stop kafka >&2
"$FLEET" start kafka >&2
start_billing
expected=$(( expected + COUNT ))
await_ledger "$expected" "$(now_ms)" >/dev/null
sleep 5
read -r used processed <<< "$(ledger)"
EXACT=$([ "$used" = "$expected" ] && [ "$processed" = "$expected" ] && echo yes || echo no)
say "after the crash: ledger $used, processed_events $processed, expected $expected: exact=$EXACT"

# 3. GET /api/billing/usage.
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'; }
TOKEN="$TOKEN" wrk -t2 -c"$CONNS" -d10s --timeout 10s -s deploy/bench/billing/usage.lua "$BASE" >/dev/null
READS=""
profile start
for run in $(seq 1 "$RUNS"); do
  la=$(load1) ticks=$(cpu_ticks)
  out=$(TOKEN="$TOKEN" wrk -t2 -c"$CONNS" -d"$DURATION" --timeout 10s --latency -s deploy/bench/billing/usage.lua "$BASE")
  if echo "$out" | grep -q "Non-2xx"; then echo "$out" >&2; exit 1; fi
  errors=$(echo "$out" | awk '/Socket errors/ {print "socket errors:" $4 $5 $6 $7 $8 $9 $10 $11}')
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  r="$(echo "$out" | awk '/^Requests\/sec:/ {print $2}') $(to_ms "$(echo "$out" | awk '$1 == "50%" {print $2}')") $(to_ms "$(echo "$out" | awk '$1 == "99%" {print $2}')") $la $(per_us $(( $(cpu_ticks) - ticks )) "$requests")"
  READS+="$r"$'\n'
  say "usage reads run $run: $r (req/s p50 p99 load µs-CPU/request) ${errors}"
done
profile stop "$WORK/reads.jfr"
RSS=$(awk '$1 == "VmRSS:" {printf "%.0f", $2/1024}' "/proc/$BILLING_PID/status")
RSS_PEAK=$(awk '$1 == "VmHWM:" {printf "%.0f", $2/1024}' "/proc/$BILLING_PID/status")
# Where the RSS is: the heap's committed size, and with NMT=1 (-XX:NativeMemoryTracking=summary in
# BILLING_JAVA_OPTS) the JVM's own accounting.
"$JAVA_HOME/bin/jcmd" "$BILLING_PID" GC.heap_info >"$WORK/heap.txt" 2>&1 || true
[ -z "${NMT:-}" ] || "$JAVA_HOME/bin/jcmd" "$BILLING_PID" VM.native_memory summary >"$WORK/nmt.txt" 2>&1 || true

# 4. SIGTERM: how long until the JVM is gone (the Kafka consumers leave their group, the relay stops).
la=$(load1) t0=$(now_ms)
if [ -n "${STOP_DUMPS:-}" ]; then # diagnostics: where a slow stop spends its time
  ( for i in 1 2 3 4 5 6; do sleep 1; "$JAVA_HOME/bin/jcmd" "$BILLING_PID" Thread.print >"$WORK/stop-dump-$i.txt" 2>&1 || break; done ) &
fi
stop_billing -TERM
STOP_MS=$(( $(now_ms) - t0 ))
say "billing stopped $STOP_MS ms after SIGTERM (load $la)"
STOP="$STOP_MS ms (load $la)"

runs() { echo -n "$1" | col "$2" | paste -sd, - | sed 's/,/, /g'; }
{
  echo "## billing-service ($(date -u '+%Y-%m-%d %H:%M') UTC, $(nproc) cores, load average at start $LOAD_START, at the end $(cut -d' ' -f1-3 /proc/loadavg))"
  echo
  echo "Direct to billing-service (JVM \`$BILLING_JAVA_OPTS\`), Kafka from fleet.sh on the same machine; $USERS users; $COUNT distinct events per run + every ${DUP_EVERY}th again. Medians of $RUNS runs; per run: figure, load average (1 min) at its start."
  echo
  echo "| case | median | runs | load | producer (peer) events/s | ratio to the peer | billing CPU µs per event or request | target |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
  rate=$(echo -n "$BACKLOG" | col 1 | median)
  echo "| usage.incremented booked exactly once, backlog (billing stopped while the run is produced) | $rate events/s | $(runs "$BACKLOG" 1) | $(runs "$BACKLOG" 4) | $(runs "$BACKLOG" 2) | $(runs "$BACKLOG" 3) | $(runs "$BACKLOG" 5) | ≥ 20,000/s: $([ "${rate%.*}" -ge 20000 ] && echo met || echo missed); Stripe live mode: 1,000 meter events/s (×$(ratio "$rate" 1000)) |"
  echo "| the same, live (produced while billing consumes) | $(echo -n "$LIVE" | col 1 | median) events/s | $(runs "$LIVE" 1) | $(runs "$LIVE" 4) | $(runs "$LIVE" 2) | $(runs "$LIVE" 3) | $(runs "$LIVE" 5) | |"
  echo "| SIGKILL mid-load + broker restart | ledger $used, processed $processed of $expected distinct: exact=$EXACT | 1 | | | | | exact |"
  echo "| GET /api/billing/usage, wrk -t2 -c$CONNS | $(echo -n "$READS" | col 1 | median) req/s, p50 $(echo -n "$READS" | col 2 | median) ms, p99 $(echo -n "$READS" | col 3 | median) ms | p99: $(runs "$READS" 3) | $(runs "$READS" 4) | | | $(runs "$READS" 5) | p99 ≤ 10 ms |"
  echo "| RSS after all of it (peak) | $RSS MB ($RSS_PEAK MB) | 1 | | | | | ≤ 200 MB |"
  echo "| stop on SIGTERM | $STOP | 1 | | | | | |"
} | tee "$WORK/results.md"
