#!/usr/bin/env bash
# Gateway benchmark (issue 4): the same billing-service endpoint (GET /api/billing/plans) measured
# side by side in one run: direct, through the gateway (ES256 token, as auth-service signs them, verified
# against a JWKS it fetches, Redis rate limiter on with limits that never trip), the same gateway with a
# fresh token on every request (gateway-fresh: no help from its verified-token cache), through nginx as a plain reverse
# proxy, and through nginx that also makes the gateway's one Redis call per request (nginx-redis:
# redis_gate.lua runs the gateway's rate-limit script; the machine's price of that round trip, paid
# by the best C proxy there is). Everything runs on its own ports (BENCH_GATEWAY_PORT_BASE, default
# 28000) with its own redis-server and nginx (foreground processes, stopped by PID), so nothing else
# on the machine is touched. Prints a markdown report and leaves it in $WORK/results.md.
#
#   deploy/bench/gateway/run.sh             # builds the two jars if missing; 3 runs of each kind
#   RUNS=5 DURATION=20s deploy/bench/gateway/run.sh
#   BUILD=1 deploy/bench/gateway/run.sh     # rebuild the jars first
#   RUNS=1 WARMUP=10s DURATION=10s TARGETS="direct gateway nginx" deploy/bench/gateway/run.sh  # a quick look
#   GATEWAY_JAVA_OPTS="-XX:+UseG1GC" deploy/bench/gateway/run.sh  # other JVM options for the gateway
#
# The gateway runs with the JVM options it is deployed with (GATEWAY_JAVA_OPTS, default: the
# JAVA_OPTS of k8s/base/gateway.yaml), so that the figures are the deployment's. TARGETS must keep
# direct, gateway and nginx; gateway-nolog (the second gateway), gateway-fresh and nginx-redis may go.
# BENCH_TOKEN_ALG=RS256 measures RS256 tokens instead (the gateway then accepts RS256 only).
#
# Needs: wrk, nginx with its Lua module, redis-server, curl
# (apt-get install -y wrk nginx libnginx-mod-http-lua redis-server curl).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$ROOT"
. .mvn/java-home.sh
JAVA_HOME=$(mbv_find_java_home)
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"

RUNS=${RUNS:-3}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-15s}
# The gateway's C2 compiler was still busy after 20 s of load (a third of the gateway's CPU) and
# settled after about a minute: a shorter warm-up measures the JIT rather than the gateway.
GATEWAY_WARMUP=${GATEWAY_WARMUP:-60s}
CONNS=${CONNS:-64}
HALF_CONNS=${HALF_CONNS:-32}
THREADS=${THREADS:-2}
BASE=${BENCH_GATEWAY_PORT_BASE:-28000}
WORK=${BENCH_GATEWAY_DIR:-$ROOT/deploy/bench/gateway/target}
BILLING_PORT=$((BASE + 84)) GATEWAY_PORT=$((BASE + 80)) NOLOG_PORT=$((BASE + 82)) NGINX_PORT=$((BASE + 90))
JWKS_PORT=$((BASE + 91)) NGINX_REDIS_PORT=$((BASE + 92))
REDIS_PORT=$((BASE + 379))
PATH_UNDER_TEST=/api/billing/plans
# Keep in step with JAVA_OPTS in k8s/base/gateway.yaml (C2 on, as there and with FLEET_C2_SERVICES).
TOKEN_ALG=${BENCH_TOKEN_ALG:-ES256}
export BENCH_TOKEN_ALG=$TOKEN_ALG
FRESH_TOKENS=${FRESH_TOKENS:-60000}   # distinct tokens gateway-fresh cycles through (the cache holds 10,000)
GATEWAY_JAVA_OPTS=${GATEWAY_JAVA_OPTS:--XX:+UseSerialGC -Xms48m -Xmn32m -Xmx128m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:TrimNativeHeapInterval=5000 -XX:+ExitOnOutOfMemoryError}
read -r -a GW_OPTS <<< "$GATEWAY_JAVA_OPTS"

for tool in wrk nginx redis-server redis-cli curl; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y wrk nginx libnginx-mod-http-lua redis-server curl" >&2; exit 1; }
done
NGINX_MODULES=/usr/lib/nginx/modules
[ -f "$NGINX_MODULES/ngx_http_lua_module.so" ] || { echo "missing nginx's Lua module: apt-get install -y libnginx-mod-http-lua" >&2; exit 1; }

if [ "${BUILD:-0}" = 1 ] || [ ! -f billing-service/target/quarkus-app/quarkus-run.jar ]; then
  ./mvnw -q -pl billing-service -am package -DskipTests
fi
if [ "${BUILD:-0}" = 1 ] || [ ! -f gateway/target/quarkus-app/quarkus-run.jar ]; then
  ./mvnw -q -pl gateway -am package -DskipTests
fi

rm -rf "$WORK"
mkdir -p "$WORK/billing-data" "$WORK/nginx/logs" "$WORK/www/.well-known" "$WORK/wrk"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

await_http() { # url [header]: waits up to 60 s for a 200
  for _ in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' ${2:+-H "$2"} "$1")" = 200 ] && return 0
    sleep 0.1
  done
  echo "no 200 from $1" >&2; return 1
}

# auth-service's part: a key, its JWKS (served by nginx), one token signed with it, and the tokens of
# gateway-fresh, one per line.
TOKEN=$("$JAVA" deploy/bench/gateway/BenchToken.java "$WORK/www/.well-known/jwks.json" http://localhost:8080 \
  "$WORK/tokens.txt" "$FRESH_TOKENS")
export WRK_TOKENS=$WORK/tokens.txt
AUTH="Authorization: Bearer $TOKEN"

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize no \
  >"$WORK/redis.log" 2>&1 &
PIDS+=($!)
REDIS_PID=$!
for _ in $(seq 1 100); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
# nginx-redis calls the gateway's own rate-limit script, taken from its source and loaded here.
GCRA_SCRIPT=$(sed -n '/String SCRIPT = """/,/""";/p' gateway/src/main/java/com/mustbeviral/gateway/ratelimit/RedisRateLimiter.java | sed '1d;$d')
[ -n "$GCRA_SCRIPT" ] || { echo "no rate-limit script found in RedisRateLimiter.java" >&2; exit 1; }
GCRA_SHA=$(redis-cli -p "$REDIS_PORT" SCRIPT LOAD "$GCRA_SCRIPT")

cat >"$WORK/nginx/nginx.conf" <<EOF
# A plain reverse proxy done properly: keep-alive to the upstream, one worker per core.
load_module $NGINX_MODULES/ndk_http_module.so;
load_module $NGINX_MODULES/ngx_http_lua_module.so;
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log $WORK/nginx/logs/access.log combined buffer=64k flush=1s;
  upstream billing { server 127.0.0.1:$BILLING_PORT; keepalive 64; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://billing;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    }
  }
  # The same proxy, plus the gateway's Redis round trip per request.
  server {
    listen 127.0.0.1:$NGINX_REDIS_PORT;
    location / {
      set \$redis_port $REDIS_PORT;
      set \$gcra_sha $GCRA_SHA;
      access_by_lua_file $ROOT/deploy/bench/gateway/redis_gate.lua;
      proxy_pass http://billing;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    }
  }
  # Stands in for auth-service's /.well-known/jwks.json.
  server {
    listen 127.0.0.1:$JWKS_PORT;
    root $WORK/www;
    default_type application/json;
  }
}
EOF
nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" -g 'daemon off;' >"$WORK/nginx/stdout.log" 2>&1 &
PIDS+=($!)
NGINX_PID=$!

DATA_DIR="$WORK/billing-data" QUARKUS_HTTP_PORT=$BILLING_PORT KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1 \
  "$JAVA" -jar billing-service/target/quarkus-app/quarkus-run.jar >"$WORK/billing.log" 2>&1 &
PIDS+=($!)
BILLING_PID=$!

# Every upstream but billing points at nginx's JWKS server: only billing and auth (the JWKS) are used.
# The revocation consumer is off (no broker here); the revocation check still runs in the Redis script.
# A second gateway, the same but without its access log, shows what the log costs.
start_gateway() { # port, access log on/off
  env QUARKUS_HTTP_PORT=$1 QUARKUS_MANAGEMENT_PORT=$(( $1 + 1000 )) GATEWAY_ACCESS_LOG_ENABLED=$2 \
    GATEWAY_AUTH_ALGORITHMS=$TOKEN_ALG GATEWAY_UPSTREAMS_BILLING_URL=http://127.0.0.1:$BILLING_PORT \
    GATEWAY_UPSTREAMS_AUTH_URL=http://127.0.0.1:$JWKS_PORT \
    GATEWAY_UPSTREAMS_CONTENT_URL=http://127.0.0.1:$JWKS_PORT \
    GATEWAY_UPSTREAMS_ANALYTICS_URL=http://127.0.0.1:$JWKS_PORT \
    GATEWAY_UPSTREAMS_AUDIT_URL=http://127.0.0.1:$JWKS_PORT \
    QUARKUS_REDIS_HOSTS=redis://127.0.0.1:$REDIS_PORT \
    GATEWAY_RATE_LIMIT_PLANS_BUSINESS_LIMIT=1000000000 GATEWAY_RATE_LIMIT_PLANS_BUSINESS_PERIOD=1s \
    MP_MESSAGING_INCOMING_SESSION_EVENTS_ENABLED=false MP_MESSAGING_INCOMING_BILLING_EVENTS_ENABLED=false \
    KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1 \
    "$JAVA" "${GW_OPTS[@]}" -jar gateway/target/quarkus-app/quarkus-run.jar >"$WORK/gateway-$1.log" 2>&1 &
  PIDS+=($!)
  GW_PID[$1]=$!
}
declare -A GW_PID
read -r -a TARGETS <<< "${TARGETS:-direct gateway gateway-fresh gateway-nolog nginx nginx-redis}"
start_gateway "$GATEWAY_PORT" true
[[ " ${TARGETS[*]} " != *" gateway-nolog "* ]] || start_gateway "$NOLOG_PORT" false

await_http "http://127.0.0.1:$JWKS_PORT/.well-known/jwks.json"
await_http "http://127.0.0.1:$BILLING_PORT$PATH_UNDER_TEST"
await_http "http://127.0.0.1:$NGINX_PORT$PATH_UNDER_TEST"
await_http "http://127.0.0.1:$NGINX_REDIS_PORT$PATH_UNDER_TEST"
await_http "http://127.0.0.1:$GATEWAY_PORT$PATH_UNDER_TEST" "$AUTH"
[ -z "${GW_PID[$NOLOG_PORT]:-}" ] || await_http "http://127.0.0.1:$NOLOG_PORT$PATH_UNDER_TEST" "$AUTH"
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$GATEWAY_PORT$PATH_UNDER_TEST")" = 401 ] \
  || { echo "the gateway let a request without a token through" >&2; exit 1; }

if [ "${SETUP_ONLY:-0}" = 1 ]; then  # for poking at it by hand; stop with kill <this script's pid>
  echo "direct ${BILLING_PORT} gateway ${GATEWAY_PORT} (no access log ${NOLOG_PORT}) nginx ${NGINX_PORT} nginx-redis ${NGINX_REDIS_PORT} redis ${REDIS_PORT}; token in $WORK/token"
  echo "$TOKEN" >"$WORK/token"
  # The sleep is stopped with the rest: left behind, it would hold the flock of whoever started this.
  while true; do sleep 3600 & PIDS+=($!); wait $!; done
fi

declare -A URL=([direct]="http://127.0.0.1:$BILLING_PORT$PATH_UNDER_TEST"
  [gateway]="http://127.0.0.1:$GATEWAY_PORT$PATH_UNDER_TEST" [gateway-fresh]="http://127.0.0.1:$GATEWAY_PORT$PATH_UNDER_TEST"
  [gateway-nolog]="http://127.0.0.1:$NOLOG_PORT$PATH_UNDER_TEST"
  [nginx]="http://127.0.0.1:$NGINX_PORT$PATH_UNDER_TEST" [nginx-redis]="http://127.0.0.1:$NGINX_REDIS_PORT$PATH_UNDER_TEST")

to_ms() { # wrk latency such as 812.00us, 1.23ms, 1.01s -> milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'
}
# One wrk run; prints "rps p50_ms p99_ms requests", and fails on any non-2xx answer.
wrk_run() { # label target connections duration [extra wrk args...]
  local label=$1 target=$2 conns=$3 duration=$4; shift 4
  local out="$WORK/wrk/$label-$target.txt"
  # gateway-fresh: another token per request (and the same pacing as paced.lua in half-load runs).
  if [ "$target" = gateway-fresh ]; then set -- -s deploy/bench/gateway/fresh_tokens.lua; fi
  # Every target gets the same header; only the gateway reads it (fair: same bytes on the wire).
  wrk -t"$THREADS" -c"$conns" -d"$duration" --latency -H "$AUTH" "$@" "${URL[$target]}" >"$out"
  if grep -q "Non-2xx" "$out"; then echo "non-2xx answers in $out" >&2; cat "$out" >&2; exit 1; fi
  local rps p50 p99 total
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$out")
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")
  total=$(awk '/requests in/ {print $1}' "$out")
  echo "$rps $p50 $p99 $total"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
col() { awk -v c="$1" '{print $c}'; }

echo "warming up ($WARMUP each, gateways $GATEWAY_WARMUP) ..." >&2
for t in "${TARGETS[@]}"; do
  wrk_run warmup "$t" "$CONNS" "$([[ $t == gateway* ]] && echo "$GATEWAY_WARMUP" || echo "$WARMUP")" >/dev/null
done

# CPU time (user + system, in clock ticks) of processes so far: unlike its rate, a target's CPU per
# request does not depend much on what else the machine runs. A target's own processes: billing for
# direct, the JVM for a gateway, nginx's workers for nginx and nginx-redis (one nginx serves both,
# and only one target is loaded at a time).
cpu_ticks() { local sum=0 pid; for pid in "$@"; do sum=$((sum + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done; echo "$sum"; }
pids_of() {
  case $1 in
    direct) echo "$BILLING_PID" ;;
    gateway|gateway-fresh) echo "${GW_PID[$GATEWAY_PORT]}" ;;
    gateway-nolog) echo "${GW_PID[$NOLOG_PORT]}" ;;
    nginx*) pgrep -P "$NGINX_PID" | tr '\n' ' ' ;;
  esac
}
declare -A SAT TICKS REDIS_TICKS REQS
for run in $(seq 1 "$RUNS"); do
  for t in "${TARGETS[@]}"; do  # interleaved, so that drift on a shared machine hits all alike
    read -r -a own <<< "$(pids_of "$t")"
    T0=$(cpu_ticks "${own[@]}") R0=$(cpu_ticks "$REDIS_PID")
    SAT[$t]+="$(wrk_run "sat$run" "$t" "$CONNS" "$DURATION")"$'\n'
    TICKS[$t]=$(( ${TICKS[$t]:-0} + $(cpu_ticks "${own[@]}") - T0 ))
    REDIS_TICKS[$t]=$(( ${REDIS_TICKS[$t]:-0} + $(cpu_ticks "$REDIS_PID") - R0 ))
    REQS[$t]=$(( ${REQS[$t]:-0} + $(echo "${SAT[$t]}" | tail -2 | head -1 | col 4) ))
    echo "saturation run $run $t: $(echo "${SAT[$t]}" | tail -2 | head -1)" >&2
  done
done
per_request_us() { awk -v t="$1" -v h="$(getconf CLK_TCK)" -v r="$2" 'BEGIN {printf "%.0f", t / h * 1e6 / r}'; }

# Half of the gateway's saturation, offered to all alike.
GW_RPS=$(echo -n "${SAT[gateway]}" | col 1 | median)
HALF_RATE=$(awk -v r="$GW_RPS" 'BEGIN {printf "%d", r / 2}')
DELAY_MS=$(awk -v c="$HALF_CONNS" -v r="$HALF_RATE" 'BEGIN {d = int(1000 * c / r); print (d < 1 ? 1 : d)}')
declare -A HALF
for run in $(seq 1 "$RUNS"); do
  for t in "${TARGETS[@]}"; do
    HALF[$t]+="$(WRK_DELAY_MS=$DELAY_MS wrk_run "half$run" "$t" "$HALF_CONNS" "$DURATION" -s deploy/bench/gateway/paced.lua)"$'\n'
    echo "half-load run $run $t: $(echo "${HALF[$t]}" | tail -2 | head -1)" >&2
  done
done

# One Redis round trip per request: script calls against requests answered, over one gateway run.
stats() { redis-cli -p "$REDIS_PORT" INFO commandstats | tr -d '\r'; }
calls() { local n; n=$(echo "$1" | sed -n "s/^cmdstat_$2:calls=\([0-9]*\).*/\1/p" | head -1); echo "${n:-0}"; }
BEFORE=$(stats)
RT=$(wrk_run roundtrip gateway "$CONNS" 10s)
AFTER=$(stats)
delta() { echo $(( $(calls "$AFTER" "$1") - $(calls "$BEFORE" "$1") )); }
REQS=$(echo "$RT" | col 4)
SCRIPTS=$(( $(delta evalsha) + $(delta eval) ))
OTHERS=0
for cmd in $(echo "$AFTER" | sed -n 's/^cmdstat_\([^:]*\):.*/\1/p'); do
  case $cmd in evalsha|eval|time|get|set|exists|hget|info) ;; *) OTHERS=$((OTHERS + $(delta "$cmd"))) ;; esac
done
FALLBACKS=$(curl -s "http://127.0.0.1:$(( GATEWAY_PORT + 1000 ))/q/metrics" | awk '/^gateway_rate_limit_fallback_total/ {s += $2} END {print s + 0}')

med() { echo -n "$1" | col "$2" | median; }
{
  echo "## Gateway: direct vs gateway vs nginx ($(date -u +%Y-%m-%d), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
  echo
  echo "\`GET $PATH_UNDER_TEST\` of billing-service; wrk -t$THREADS, medians of $RUNS interleaved runs of $DURATION after a warm-up of $WARMUP (gateways $GATEWAY_WARMUP)."
  echo
  echo "| target | req/s at saturation (c=$CONNS) | p50 ms | p99 ms | vs nginx | CPU µs per request: own, Redis | half load: req/s (c=$HALF_CONNS, ${DELAY_MS} ms pause) | p50 ms | p99 ms |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  NGINX_RPS=$(med "${SAT[nginx]}" 1)
  for t in "${TARGETS[@]}"; do
    rps=$(med "${SAT[$t]}" 1)
    printf '| %s | %.0f | %s | %s | %.2f | %s, %s | %.0f | %s | %s |\n' "$t" "$rps" "$(med "${SAT[$t]}" 2)" "$(med "${SAT[$t]}" 3)" \
      "$(awk -v a="$rps" -v b="$NGINX_RPS" 'BEGIN {print a / b}')" \
      "$(per_request_us "${TICKS[$t]}" "${REQS[$t]}")" "$(per_request_us "${REDIS_TICKS[$t]}" "${REQS[$t]}")" \
      "$(med "${HALF[$t]}" 1)" "$(med "${HALF[$t]}" 2)" "$(med "${HALF[$t]}" 3)"
  done
  echo
  added=""
  for t in "${TARGETS[@]}"; do
    [ "$t" = direct ] || added+="${added:+, }$t $(awk -v g="$(med "${HALF[$t]}" 3)" -v d="$(med "${HALF[direct]}" 3)" 'BEGIN {printf "%.3f", g - d}') ms"
  done
  echo "Tokens: $TOKEN_ALG (\`GATEWAY_AUTH_ALGORITHMS=$TOKEN_ALG\`); gateway: one token for every request (verified once, then from the" \
    "gateway's verified-token cache); gateway-fresh: the same gateway, another token on every request, cycling through $FRESH_TOKENS" \
    "(the cache holds 10,000), so every request verifies a signature."
  echo
  echo "gateway-nolog: the same gateway with \`GATEWAY_ACCESS_LOG_ENABLED=false\`; nginx-redis: nginx with the gateway's Redis call (redis_gate.lua). Added p99 at half load over direct: $added."
  echo
  echo "CPU per request over the saturation runs, user + system: the target's own processes (billing for direct, nginx's workers," \
    "the gateway's JVM) and Redis. Gateway JVM options: \`$GATEWAY_JAVA_OPTS\`; its RSS at the end: $(( $(ps -o rss= -p "${GW_PID[$GATEWAY_PORT]}") / 1024 )) MB."
  echo
  echo "Redis over one 10 s gateway run of $REQS requests: $SCRIPTS script calls (EVALSHA/EVAL), $OTHERS other commands from clients" \
    "(the script's own TIME/GET/SET/EXISTS/HGET are not client round trips); $(awk -v s="$SCRIPTS" -v r="$REQS" 'BEGIN {printf "%.3f", s / r}') round trips per request." \
    "In-process fallback decisions during the whole benchmark: $FALLBACKS."
} | tee "$WORK/results.md"
