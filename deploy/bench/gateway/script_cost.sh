#!/usr/bin/env bash
# What billing's per-user quotas add to the gateway's one Redis call per request: the rate-limit
# script (taken from RedisRateLimiter.java, as run.sh does) called by redis-benchmark three ways,
# interleaved: without the user lookup (address and partner buckets; the script before issue 17's
# quotas did the same work), with it for a user billing said nothing about (the HGET misses), and
# with it for a user who has a quota of their own. Same keys and argument shapes as the gateway's.
#   deploy/bench/gateway/script_cost.sh [rounds]      (BENCH_SCRIPT_REDIS_PORT, default 28479)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$ROOT"
ROUNDS=${1:-3}
PORT=${BENCH_SCRIPT_REDIS_PORT:-28479}
REQUESTS=${BENCH_SCRIPT_REQUESTS:-200000}
CLIENTS=${BENCH_SCRIPT_CLIENTS:-16}

SCRIPT=$(sed -n '/String SCRIPT = """/,/""";/p' gateway/src/main/java/com/mustbeviral/gateway/ratelimit/RedisRateLimiter.java | sed '1d;$d')
[ -n "$SCRIPT" ] || { echo "no rate-limit script found in RedisRateLimiter.java" >&2; exit 1; }

redis-server --port "$PORT" --save '' --appendonly no --daemonize no >/dev/null 2>&1 &
REDIS_PID=$!
trap 'kill "$REDIS_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do redis-cli -p "$PORT" PING >/dev/null 2>&1 && break; sleep 0.1; done
SHA=$(redis-cli -p "$PORT" SCRIPT LOAD "$SCRIPT")
redis-cli -p "$PORT" HSET gateway:quota:user:own limit 1000000000 period_start 0 decided_at 0 >/dev/null

# A limit of 10^9 per 10^9 µs never trips. ARGV: interval, limit, cost, check session, look up user, period.
# Prints the client's calls/s and Redis' own µs per script call (INFO commandstats, reset before): the
# second is what the script costs Redis' one thread, much less at the mercy of the machine's load.
call() { # name, KEYS[3], ARGV[5]
  redis-cli -p "$PORT" CONFIG RESETSTAT >/dev/null
  local rate
  rate=$(redis-benchmark -p "$PORT" -n "$REQUESTS" -c "$CLIENTS" -q \
    EVALSHA "$SHA" 3 "gateway:rl:bench:$1" gateway:revoked:bench "$2" 1 1000000000 1 1 "$3" 60000000 \
    | tr '\r' '\n' | awk '/requests per second/ {for (i = 1; i <= NF; i++) if ($i == "requests") print $(i - 1)}' | tail -1)
  echo "$rate/$(redis-cli -p "$PORT" INFO commandstats | tr -d '\r' | sed -n 's/^cmdstat_evalsha:.*usec_per_call=\([0-9.]*\).*/\1/p')"
}
declare -A RATES SERVER
for round in $(seq 1 "$ROUNDS"); do
  none=$(call none "gateway:rl:bench:none" 0)
  miss=$(call miss gateway:quota:user:nobody 1)
  own=$(call own gateway:quota:user:own 1)
  RATES[none]+="${none%/*} " RATES[miss]+="${miss%/*} " RATES[own]+="${own%/*} "
  SERVER[none]+="${none#*/} " SERVER[miss]+="${miss#*/} " SERVER[own]+="${own#*/} "
  echo "round $round (calls/s / Redis µs per call): $none $miss $own" >&2
done
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
echo "## Rate-limit script with billing's user quotas ($(date -u +%Y-%m-%d), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
echo
echo "redis-benchmark, $REQUESTS calls, $CLIENTS clients, medians of $ROUNDS interleaved rounds."
echo
echo "| call | calls/s (client) | Redis' own µs per call |"
echo "| --- | --- | --- |"
for kind in none miss own; do
  rate=$(echo "${RATES[$kind]}" | median)
  case $kind in
    none) label="no user lookup (address, partner; the work of the script before)" ;;
    miss) label="user token, billing has no quota of theirs (HGET misses)" ;;
    own) label="user token with billing's own quota (HGET hits)" ;;
  esac
  echo "| $label | $rate | $(echo "${SERVER[$kind]}" | median) |"
done
