#!/usr/bin/env bash
# Fleet benchmarks of the foundation (issue 2): start time, memory, event latency.
# Runs its own fleet on ports shifted by BENCH_PORT_OFFSET with its own data, so a developer's
# fleet on the standard ports is untouched. Needs a built tree (./mvnw -DskipTests install).
#
#   deploy/bench/run.sh [RUNS] [SECTION...]   # RUNS start samples (default 3); sections: start memory latency
#                                             # (default all); prints markdown tables
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
. .mvn/java-home.sh

RUNS=${1:-3}
shift || true
SECTIONS=${*:-start memory latency}
wants() { [[ " $SECTIONS " == *" $1 "* ]]; }
export FLEET_PORT_OFFSET=${BENCH_PORT_OFFSET:-20000}
export FLEET_DIR=${BENCH_FLEET_DIR:-$ROOT/deploy/bench/target/fleet}
# The latency bench commits outbox rows from outside auth-service, which cannot wake the relay
# the way an in-process commit does; a short sweep interval stands in for that wake-up. (The
# platform's setting: every service of the fleet that runs the platform's relay sweeps this often.)
export PLATFORM_OUTBOX_POLL_INTERVAL=${PLATFORM_OUTBOX_POLL_INTERVAL:-10ms}
# The memory section signs up 1,000 users from one address: lift the gateway's per-address limits.
export GATEWAY_RATE_LIMIT_ROUTES_REGISTER_LIMIT=${GATEWAY_RATE_LIMIT_ROUTES_REGISTER_LIMIT:-1000000}
export GATEWAY_RATE_LIMIT_ANONYMOUS_LIMIT=${GATEWAY_RATE_LIMIT_ANONYMOUS_LIMIT:-1000000}
SERVICES=(gateway auth-service content-service analytics-service billing-service audit-service)
FLEET=deploy/local/fleet.sh
port() { case $1 in gateway) echo $((8080+FLEET_PORT_OFFSET));; auth-service) echo $((8081+FLEET_PORT_OFFSET));;
  content-service) echo $((8082+FLEET_PORT_OFFSET));; analytics-service) echo $((8083+FLEET_PORT_OFFSET));;
  billing-service) echo $((8084+FLEET_PORT_OFFSET));; audit-service) echo $((8085+FLEET_PORT_OFFSET));; esac; }
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$(cat "$FLEET_DIR/pids/$1.pid")/status"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

$FLEET down >/dev/null 2>&1 || true
rm -rf "$FLEET_DIR"
# Whatever the exit (a failed section included), the fleet this script started goes down by its PIDs.
trap '$FLEET down >/dev/null 2>&1 || true' EXIT

if wants start; then
echo "## Fleet start (fleet.sh up, already built, to all six ready)"
starts=()
for i in $(seq 1 "$RUNS"); do
  t0=$(date +%s.%N)
  $FLEET up >/dev/null
  t1=$(date +%s.%N)
  s=$(echo "$t1 - $t0" | bc)
  starts+=("$s")
  echo "run $i: ${s} s"
  [ "$i" -lt "$RUNS" ] && $FLEET down >/dev/null
done
echo "median: $(printf '%s\n' "${starts[@]}" | median) s"
else
  $FLEET up >/dev/null
fi

if wants memory; then
echo
echo "## Memory (RSS, MB)"
declare -A idle
sleep 5
for s in "${SERVICES[@]}"; do idle[$s]=$(rss_mb "$s"); done
# 1,000 real requests per service, 8 in flight, each on an endpoint of that service.
g=$(port gateway)
# content-service and audit-service check tokens themselves, audit's endpoint an admin's: one admin
# (admins are made by admins, the first by the operator in the database), logged in after the change.
curl -s -f -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"email\":\"bench-admin-$$@example.com\",\"username\":\"bench-admin-$$\",\"password\":\"correct horse battery\",\"display_name\":\"Bench\",\"role\":\"creator\"}" \
  "http://127.0.0.1:$g/api/auth/register"
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE users SET role='admin' WHERE username=?\", (sys.argv[2],)); c.commit()" \
  "$FLEET_DIR/data/auth-service/auth.db" "bench-admin-$$"
ADMIN_TOKEN=$(curl -s -f -H 'Content-Type: application/json' \
  -d "{\"username\":\"bench-admin-$$\",\"password\":\"correct horse battery\"}" "http://127.0.0.1:$g/api/auth/login" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
requests() {
  case $1 in
    gateway) echo "http://127.0.0.1:$g/.well-known/jwks.json?n=[1-1000]" ;;
    auth-service) echo "http://127.0.0.1:$(port auth-service)/q/health/ready?n=[1-1000]" ;;
    content-service) echo "http://127.0.0.1:$(port content-service)/api/tags?n=[1-1000]" ;;
    analytics-service) echo "http://127.0.0.1:$(port analytics-service)/q/health/ready?n=[1-1000]" ;;
    billing-service) echo "http://127.0.0.1:$(port billing-service)/api/billing/plans?n=[1-1000]" ;;
    audit-service) echo "http://127.0.0.1:$(port audit-service)/api/audit/verify?n=[1-1000]" ;;
  esac
}
for s in "${SERVICES[@]}"; do
  # Only to the services that need it: through the gateway a token counts against its user's quota.
  token=()
  [[ $s != content-service && $s != audit-service ]] || token=(-H "Authorization: Bearer $ADMIN_TOKEN")
  # --fail: a refused request (401, 403, 429 ...) would measure the refusal, not the endpoint.
  curl -s -S -f -o /dev/null --no-progress-meter --parallel --parallel-max 8 "${token[@]}" "$(requests "$s")" \
    || { echo "bench: requests to $s failed" >&2; exit 1; }
done
# Writes too: 1,000 sign-ups through the gateway (one argon2id hash each).
seq 1 1000 | xargs -P 4 -I{} curl -s -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"email\":\"b{}-$$@example.com\",\"username\":\"b{}x$$\",\"password\":\"correct horse battery\",\"display_name\":\"Bench\",\"role\":\"creator\"}" \
  "http://127.0.0.1:$g/api/auth/register"
declare -A after
for s in "${SERVICES[@]}"; do after[$s]=$(rss_mb "$s"); done
# And once the JVMs have had time to give back what the load took (heap shrink, native trim every 5 s).
sleep 15
echo "| service | idle | after 1,000 requests | 15 s later |"
echo "| --- | --- | --- | --- |"
for s in "${SERVICES[@]}"; do echo "| $s | ${idle[$s]} | ${after[$s]} | $(rss_mb "$s") |"; done
fi

if wants latency; then
echo
echo "## Event latency (outbox commit in auth -> audit commit), 1,000 events/s for 10 s"
SQLITE_JAR=$(ls "$ROOT"/auth-service/target/quarkus-app/lib/main/org.xerial.sqlite-jdbc-*.jar | head -1)
for i in 1 2 3; do
  java -cp "$SQLITE_JAR" deploy/bench/EventLatency.java \
    "$FLEET_DIR/data/auth-service/auth.db" "$FLEET_DIR/data/audit-service/audit.db" 1000 10
done
fi
