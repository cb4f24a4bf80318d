#!/usr/bin/env bash
# content-service search benchmark (issue 15): 100,000 generated published pieces written straight
# into the service's SQLite file (V20's triggers index them for FTS5 and queue them for embedding),
# then: embedding throughput of the worker and its CPU per piece, RSS with the model loaded, keyword /
# semantic / hybrid latency (sequential and CONCURRENCY clients, p50/p99 and service CPU per query,
# medians of RUNS), recall@10 of the HNSW index against exact search (numpy over the stored
# embeddings, the peer, timed in the same run), the index rebuild time (a start without the index
# folder rebuilds it from the stored embeddings), and UPLOADS 1 MB PNG uploads (local storage).
# Keyword search has its peers too: the same FTS5 statements through Python's sqlite3 and through SQLite's
# C API (keyword_peer.c, built with cc; gcc and libsqlite3-dev) on the same file, in the same run. At least
# WARMUP (1000) requests per mode go first, and more while the JIT still compiles (at most WARMUP_MOST), and the
# service's idle CPU (schedulers, Kafka clients retrying the absent broker) is printed beside.
# The deployment's JVM options (SEARCH_JAVA_OPTS overrides them); port BENCH_SEARCH_PORT (48182).
#
#   deploy/bench/search/run.sh                  # builds the jar if missing; ITEMS=100000 RUNS=3
#   ITEMS=20000 RUNS=3 REQUESTS=200 UPLOADS=60 deploy/bench/search/run.sh
#   KEYWORD_ONLY=1 SEED_DB=path/to/content.db deploy/bench/search/run.sh   # keyword search alone
#   SEED_DATA=copy/of/target/data SEARCH_JAR=path/to/quarkus-run.jar deploy/bench/search/run.sh  # the queries alone,
#                                               # on a folder a full run embedded (A/B runs of the query path)
#
# Needs python3 with numpy, and the content-service jar (BUILD=1 rebuilds it); a creator's token comes
# from deploy/bench/content/BenchTokens.java. No Kafka is started:
# the service serves searches without it (its consumers retry in the background).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$ROOT"
. .mvn/java-home.sh
JAVA_HOME=$(mbv_find_java_home)
export JAVA_HOME
JAR=${SEARCH_JAR:-content-service/target/quarkus-app/quarkus-run.jar}
if [ "${BUILD:-0}" = 1 ] || [ ! -f "$JAR" ]; then
  ./mvnw -B -q -pl content-service -am package -DskipTests
fi
exec python3 deploy/bench/search/bench.py "$JAVA_HOME/bin/java" "$JAR" "$ROOT"
