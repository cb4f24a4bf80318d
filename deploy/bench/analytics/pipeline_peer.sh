#!/usr/bin/env bash
# The ingestion pipeline's parts run at once by their own tools, with no service: Kafka's producer perf tool
# sending N records (600 bytes, acks=all, as run.sh's Kafka peer), Kafka's consumer perf tool reading them as
# they arrive, and a SQLite peer writing N events in transactions of BATCH (`raw`: sqlite_peer.py, the raw
# rows with their unique ids, the least any design of the aggregator writes; `pattern`: rollup_peer.py, the
# aggregator's whole write pattern over CONTENTS items), all on the machine's cores at the same time.
#
# What the service's end-to-end figure cannot exceed on this machine, HTTP and the JVM service aside: each
# event crosses Kafka twice and lands in SQLite. Prints "pipeline producer consumer sqlite", events/s: each
# part's own rate over its own time (the consumer's from the producer's first send until it has read N), and
# as the pipeline's the slowest of them. An upper bound: the SQLite peer makes its data before the start
# (peer_start.py) and starts with the producer's JVM, 0.5-1.5 s before the first send, and a part that ends
# first leaves the cores to the others.
#
#   deploy/bench/analytics/pipeline_peer.sh BOOTSTRAP N raw|pattern [CONTENTS] [BATCH]
# e.g. with run.sh's broker:   deploy/bench/analytics/pipeline_peer.sh 127.0.0.1:52092 200000 raw
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$ROOT"
. .mvn/java-home.sh
JAVA="$(mbv_find_java_home)/bin/java"
BOOTSTRAP=$1 N=$2 KIND=$3 CONTENTS=${4:-20000} BATCH=${5:-5000}
LIB="deploy/kafka-runtime/target/lib/*"
WORK=$(mktemp -d)
PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
TOPIC=bench.pipeline.$(date +%s%N)
now() { date +%s.%N; }

"$JAVA" -cp "$LIB" org.apache.kafka.tools.ConsumerPerformance --bootstrap-server "$BOOTSTRAP" --topic "$TOPIC" \
  --messages "$N" --group "$TOPIC" --timeout 60000 --hide-header >"$WORK/consumer.out" 2>"$WORK/consumer.err" &
CONSUMER=$!
case "$KIND" in
  raw) PEER_GO=$WORK/go python3 deploy/bench/analytics/sqlite_peer.py "$WORK/peer.db" "$N" "$BATCH" >"$WORK/sqlite.out" & ;;
  pattern) PEER_GO=$WORK/go python3 deploy/bench/analytics/rollup_peer.py "$WORK/peer.db" "$N" "$CONTENTS" "$BATCH" >"$WORK/sqlite.out" & ;;
  *) echo "KIND is raw or pattern" >&2; exit 2 ;;
esac
SQLITE=$!
PIDS=("$CONSUMER" "$SQLITE")
# The SQLite peer's data made; the consumer's group joined (the broker waits 0 ms for more members, fleet.sh).
for (( i = 0; i < 600; i++ )); do [ -f "$WORK/go.ready" ] && break; sleep 0.1; done
[ -f "$WORK/go.ready" ] || { echo "the SQLite peer did not get ready" >&2; exit 1; }
sleep 5

START=$(now)
touch "$WORK/go"
"$JAVA" -cp "$LIB" org.apache.kafka.tools.ProducerPerformance --topic "$TOPIC" --num-records "$N" --record-size 600 \
  --throughput -1 --producer-props bootstrap.servers="$BOOTSTRAP" acks=all linger.ms=2 batch.size=262144 \
  >"$WORK/producer.out" 2>/dev/null &
PRODUCER=$!
PIDS+=("$PRODUCER")
while [ ${#PIDS[@]} -gt 0 ]; do # each part's end as it comes
  wait -n -p DONE "${PIDS[@]}" || { echo "a part failed:" >&2; cat "$WORK/consumer.err" >&2; exit 1; }
  case "$DONE" in
    "$SQLITE") SQLITE_END=$(now) ;;
    "$PRODUCER") PRODUCER_END=$(now) ;;
    "$CONSUMER") CONSUMER_END=$(now) ;;
  esac
  for i in "${!PIDS[@]}"; do [ "${PIDS[$i]}" != "$DONE" ] || unset 'PIDS[i]'; done
done

PRODUCED=$(tail -1 "$WORK/producer.out" | sed -E 's/.* records sent, ([0-9.]+) records\/sec.*/\1/')
CONSUMED=$(tail -1 "$WORK/consumer.out" | awk -F', *' '{print $5}')
[ "$CONSUMED" = "$N" ] || { echo "the consumer read $CONSUMED of $N records" >&2; exit 1; }
awk -v n="$N" -v start="$START" -v p="$PRODUCED" -v pe="$PRODUCER_END" -v ce="$CONSUMER_END" -v s="$(cat "$WORK/sqlite.out")" 'BEGIN {
    first = pe - n / p  # the first send: when the producer ended less its sending time
    if (first < start) first = start
    c = n / (ce - first)
    slowest = p < c ? p : c
    if (s < slowest) slowest = s
    printf "%.0f %.0f %.0f %.0f\n", slowest, p, c, s
  }'
