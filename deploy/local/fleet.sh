#!/usr/bin/env bash
# Runs the Must Be Viral fleet on this machine without Docker: its own Redis, a single-node
# KRaft Kafka from the Maven-built classpath (deploy/kafka-runtime), a mail sink (GreenMail from
# deploy/mail-sink: SMTP in, REST API to read) and the six Quarkus services as plain JVM processes.
# See deploy/local/README.md.
#
#   deploy/local/fleet.sh up | down | status | logs NAME | restart kafka|redis|SERVICE
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

usage() {
  cat <<'EOF'
usage: deploy/local/fleet.sh COMMAND
  up                 build what is missing, start Redis, Kafka and the services, wait until ready
  down               stop everything this fleet started (services, then Kafka, then Redis)
  status             each process: PID, port, alive, readiness, RSS (exit 3 if something is down)
  logs NAME          tail -f the log of a service, kafka, redis or mail
  stop NAME          stop one of: kafka, redis, mail, or a service (the rest keeps running)
  start NAME         start one that is stopped
  restart NAME       stop and start one
env: FLEET_PORT_OFFSET (0), FLEET_DIR (deploy/local/run), FLEET_SERVICES (all six; "none" = infra only),
     FLEET_JAVA_OPTS, FLEET_KAFKA_OPTS, FLEET_READY_TIMEOUT (120), FLEET_BUILD (auto|always|never),
     FLEET_HTTP_HOST (127.0.0.1), FLEET_ISSUER (http://localhost:<gateway port>)
EOF
}

die() { echo "fleet: $*" >&2; exit 1; }
say() { echo "fleet: $*"; }

now_ms() { date +%s%3N; }
# Seconds with one decimal between two now_ms values.
secs() { local d=$(( $2 - $1 )); printf '%d.%d' $(( d / 1000 )) $(( d % 1000 / 100 )); }

# --- Java ----------------------------------------------------------------------------------
# shellcheck source=SCRIPTDIR/../../.mvn/java-home.sh
. "$ROOT/.mvn/java-home.sh"
[[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] || die "no JDK 21+ found; install one or set JAVA_HOME"
JAVA="$JAVA_HOME/bin/java"

# --- Layout and ports ----------------------------------------------------------------------
OFFSET=${FLEET_PORT_OFFSET:-0}
[[ "$OFFSET" =~ ^[0-9]+$ ]] || die "FLEET_PORT_OFFSET must be a non-negative integer, got '$OFFSET'"

FLEET_DIR=${FLEET_DIR:-$ROOT/deploy/local/run}
[[ "$FLEET_DIR" == /* ]] || FLEET_DIR="$PWD/$FLEET_DIR"
DATA="$FLEET_DIR/data"
LOGS="$FLEET_DIR/logs"
PIDS="$FLEET_DIR/pids"

KAFKA_RUNTIME="$ROOT/deploy/kafka-runtime"
KAFKA_LIB="$KAFKA_RUNTIME/target/lib"
KAFKA_LOG4J="$KAFKA_RUNTIME/target/config/log4j2.xml"
[[ -f "$KAFKA_LOG4J" ]] || KAFKA_LOG4J="$KAFKA_RUNTIME/src/main/config/log4j2.xml"
KAFKA_DATA="$DATA/kafka"
MAIL_JAR="$ROOT/deploy/mail-sink/target/lib/greenmail-standalone.jar"

ALL_SERVICES=(gateway auth-service content-service analytics-service billing-service audit-service)
declare -A BASE_PORT=(
  [gateway]=8080 [auth-service]=8081 [content-service]=8082 [analytics-service]=8083
  [billing-service]=8084 [audit-service]=8085 [kafka]=9092 [kafka-controller]=9093 [redis]=6380
  [gateway-management]=9000
  [mail]=2525 [mail-api]=8025
)
port_of() { echo $(( BASE_PORT[$1] + OFFSET )); }
# Where a service answers /q/... (health, metrics, Swagger UI): the gateway on its management
# interface, off its public port; the other services on their own port.
q_port_of() { if [[ "$1" == gateway ]]; then port_of gateway-management; else port_of "$1"; fi; }
KAFKA_PORT=$(port_of kafka)
CONTROLLER_PORT=$(port_of kafka-controller)
REDIS_PORT=$(port_of redis)
# The issuer is the gateway's public address: discovery, the tokens' iss and every verifier agree on it
# (with a port offset too, so that a stock OIDC client can discover the fleet from its issuer alone).
ISSUER=${FLEET_ISSUER:-http://localhost:$(port_of gateway)}
MAIL_PORT=$(port_of mail)
MAIL_API_PORT=$(port_of mail-api)
# 6379 is the system Redis on many machines: this fleet never uses it (offset 0 gives 6380).
(( REDIS_PORT != 6379 )) || die "Redis port would be 6379 (a system Redis's port): pick another FLEET_PORT_OFFSET"

is_service() { local s; for s in "${ALL_SERVICES[@]}"; do [[ "$s" == "$1" ]] && return 0; done; return 1; }

SERVICES=()
if [[ -z "${FLEET_SERVICES:-}" ]]; then
  SERVICES=("${ALL_SERVICES[@]}")
elif [[ "$FLEET_SERVICES" != none ]]; then
  for s in ${FLEET_SERVICES//,/ }; do
    is_service "$s" || die "FLEET_SERVICES: unknown service '$s' (known: ${ALL_SERVICES[*]})"
    SERVICES+=("$s")
  done
fi

# Small heaps and C1 only: six JVMs plus Kafka on a laptop start fast and stay small; the peak
# throughput of C2 does not matter for a local fleet. (String deduplication was measured and
# dropped: no RSS gain at these heap sizes, one more GC thread.) The heap starts at 16 MB and
# gives memory back (free ratios, native heap trimmed every 5 s): a service's live heap is
# ~17 MB, and a heap committed at its maximum kept ~100 MB resident that nothing used.
read -r -a JAVA_OPTS <<< "${FLEET_JAVA_OPTS:--XX:+UseSerialGC -Xms16m -Xmx128m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:TrimNativeHeapInterval=5000 -Xss512k}"
# C1 only starts faster and keeps 15-60 MB less resident (the 200 MB budget per service). auth-service
# signs (ES256 and RS256) in native code (Amazon Corretto Crypto Provider), so C1 costs it little; the
# gateway's verification is cached per token. FLEET_C2_SERVICES="auth-service gateway" trades
# memory for peak throughput (measured in deploy/bench/README.md).
C2_SERVICES=" ${FLEET_C2_SERVICES:-} "
C1_ONLY=(-XX:TieredStopAtLevel=1)
# The gateway allocates ~25 KB per request: from a 16 MB heap its young generation (~5 MB) filled
# every 15-50 ms under load, and each collection paused every request in flight. A fixed 32 MB
# young generation collects 8x less often (deploy/bench/README.md#gateway); RSS stays ~170 MB.
# Given after JAVA_OPTS, so these win. Keep in step with k8s/base/gateway.yaml and the gateway bench.
GATEWAY_HEAP=(-Xms48m -Xmn32m)
# content-service: Lucene's HNSW with SIMD distances, and the heap given back at once (k8s/base/content-service.yaml).
CONTENT_OPTS=(--add-modules=jdk.incubator.vector -XX:-ShrinkHeapInSteps)
read -r -a KAFKA_OPTS <<< "${FLEET_KAFKA_OPTS:--Xmx512m -XX:+UseSerialGC}"
# Loopback only by default: a developer's fleet is not a server for the LAN (FLEET_HTTP_HOST=0.0.0.0 opens it).
HTTP_HOST=${FLEET_HTTP_HOST:-127.0.0.1}
READY_TIMEOUT=${FLEET_READY_TIMEOUT:-120}
BUILD=${FLEET_BUILD:-auto}

# --- Processes -----------------------------------------------------------------------------
pid_file() { echo "$PIDS/$1.pid"; }
pid_of() { local f; f=$(pid_file "$1"); [[ -s "$f" ]] && cat "$f"; }
log_of() { case "$1" in kafka) echo "$LOGS/kafka.log" ;; *) echo "$LOGS/$1.log" ;; esac; }
jar_of() { echo "$ROOT/$1/target/quarkus-app/quarkus-run.jar"; }
name_port() { case "$1" in kafka) echo "$KAFKA_PORT" ;; mail) echo "$MAIL_PORT" ;; *) port_of "$1" ;; esac; }

# What the command line of a process we started contains: guards against a PID reused by
# someone else's process after ours died (we never signal a process that does not match).
signature() {
  case "$1" in
    redis) echo "redis-server" ;;
    kafka) echo "kafka.Kafka" ;;
    mail) echo "greenmail-standalone.jar" ;;
    *) echo "$1/target/quarkus-app/quarkus-run.jar" ;;
  esac
}

is_running() {
  local pid args
  pid=$(pid_of "$1") || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  args=$(ps -ww -o args= -p "$pid" 2>/dev/null) || return 1
  [[ "$args" == *"$(signature "$1")"* ]]
}

port_open() { timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

http_status() {
  curl -s -o /dev/null -w '%{http_code}' --connect-timeout 1 --max-time 3 "$1" 2>/dev/null || true
}

rss_of() { # resident memory of a PID in MB, or "-"
  local kb
  kb=$(ps -o rss= -p "$1" 2>/dev/null | tr -d ' ') || true
  if [[ -n "$kb" ]]; then echo "$(( kb / 1024 ))MB"; else echo "-"; fi
}

# start_bg NAME WORKDIR LOGFILE COMMAND...: runs COMMAND detached from this shell (no
# terminal, no inherited lock or pipes, immune to hang-up) and records its PID.
start_bg() {
  local name=$1 dir=$2 log=$3
  shift 3
  ( cd "$dir" && exec nohup "$@" </dev/null >>"$log" 2>&1 9>&- ) &
  echo $! > "$(pid_file "$name")"
}

# stop_all TIMEOUT NAME...: SIGTERM to each running NAME, wait up to TIMEOUT seconds, then SIGKILL.
stop_all() {
  local timeout=$1 name pid i left
  shift
  local names=()
  for name in "$@"; do
    if is_running "$name"; then
      pid=$(pid_of "$name")
      say "stopping $name (pid $pid)"
      kill -TERM "$pid" 2>/dev/null || true
      names+=("$name")
    else
      rm -f "$(pid_file "$name")"
    fi
  done
  (( ${#names[@]} )) || return 0
  for (( i = 0; i < timeout * 5; i++ )); do
    left=0
    for name in "${names[@]}"; do
      if is_running "$name"; then left=1; fi
    done
    (( left )) || break
    sleep 0.2
  done
  for name in "${names[@]}"; do
    if is_running "$name"; then
      pid=$(pid_of "$name")
      say "$name (pid $pid) still alive after ${timeout}s: SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      for (( i = 0; i < 25; i++ )); do is_running "$name" || break; sleep 0.2; done
    fi
    rm -f "$(pid_file "$name")"
  done
}

# A port we are about to bind must be free; if it is taken, it is not ours (we checked the PID).
require_free_port() {
  if port_open "$2"; then
    die "port $2 for $1 is in use by a process this fleet did not start (FLEET_DIR=$FLEET_DIR); stop it or set FLEET_PORT_OFFSET"
  fi
}

fail_with_log() { # NAME MESSAGE: print the tail of NAME's log and exit 1
  local log
  log=$(log_of "$1")
  echo "fleet: $2" >&2
  if [[ -f "$log" ]]; then
    echo "---- last 40 lines of $log ----" >&2
    tail -n 40 "$log" >&2
  fi
  [[ "$1" != kafka || ! -s "$LOGS/kafka.out" ]] || { echo "---- $LOGS/kafka.out ----" >&2; tail -n 20 "$LOGS/kafka.out" >&2; }
  exit 1
}

lock() {
  mkdir -p "$FLEET_DIR"
  command -v flock >/dev/null 2>&1 || return 0
  exec 9>>"$FLEET_DIR/.lock"
  flock -w 600 9 || die "another fleet.sh holds $FLEET_DIR/.lock"
}

# --- Build and prerequisites ---------------------------------------------------------------
ensure_built() {
  local missing=() s
  for s in "${SERVICES[@]}"; do
    [[ -f "$(jar_of "$s")" ]] || missing+=("$s")
  done
  [[ -d "$KAFKA_LIB" ]] || missing+=(kafka-runtime)
  [[ -f "$MAIL_JAR" ]] || missing+=(mail-sink)
  if [[ "$BUILD" == always || ( "$BUILD" == auto && ${#missing[@]} -gt 0 ) ]]; then
    say "building (${missing[*]:-FLEET_BUILD=always}): ./mvnw -q -DskipTests install"
    local t0; t0=$(now_ms)
    (cd "$ROOT" && ./mvnw -q -DskipTests install) || die "build failed"
    # The root build covers the module once it is listed in the root pom; build it alone if not.
    [[ -d "$KAFKA_LIB" ]] || (cd "$ROOT" && ./mvnw -q -f deploy/kafka-runtime/pom.xml install) \
      || die "build of deploy/kafka-runtime failed"
    [[ -f "$MAIL_JAR" ]] || (cd "$ROOT" && ./mvnw -q -f deploy/mail-sink/pom.xml package) \
      || die "build of deploy/mail-sink failed"
    say "built in $(secs "$t0" "$(now_ms)") s"
  fi
  [[ -d "$KAFKA_LIB" ]] || die "$KAFKA_LIB is missing: run ./mvnw -q -f deploy/kafka-runtime/pom.xml install"
  for s in "${SERVICES[@]}"; do
    [[ -f "$(jar_of "$s")" ]] || die "no $(jar_of "$s") after the build (is $s a module of the root pom yet?); leave it out with FLEET_SERVICES, e.g. FLEET_SERVICES=\"$(printf '%s ' "${SERVICES[@]/$s}" | xargs)\""
  done
}

ensure_redis_binary() {
  command -v redis-server >/dev/null 2>&1 && return 0
  if command -v apt-get >/dev/null 2>&1; then
    if [[ $(id -u) -eq 0 ]]; then
      say "redis-server missing: apt-get install -y redis-server"
      apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y redis-server
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      say "redis-server missing: sudo apt-get install -y redis-server"
      sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y redis-server
    fi
  fi
  command -v redis-server >/dev/null 2>&1 && return 0
  die "redis-server is not installed. Install it and rerun:
  Debian/Ubuntu: sudo apt-get install -y redis-server   (Fedora: sudo dnf install redis; macOS: brew install redis)
The fleet starts its own Redis on port $REDIS_PORT; a system Redis on 6379 is left alone."
}

# --- Redis ---------------------------------------------------------------------------------
start_redis() {
  if is_running redis; then say "redis already running (pid $(pid_of redis), port $REDIS_PORT)"; return 0; fi
  require_free_port redis "$REDIS_PORT"
  mkdir -p "$DATA/redis"
  # Persistence: an RDB snapshot in FLEET_DIR/data/redis (every 60 s if anything changed, and
  # on a clean shutdown), no AOF. The fleet keeps session revocations, rate limits and later
  # feature flags in Redis; they must survive `down`/`up` and `restart redis` like the SQLite
  # and Kafka data do (a revoked session must stay revoked), while an AOF's per-write fsync
  # buys nothing for a local fleet. `rm -rf $FLEET_DIR/data/redis` gives a clean Redis.
  start_bg redis "$DATA/redis" "$LOGS/redis.log" redis-server \
    --port "$REDIS_PORT" --bind 127.0.0.1 --protected-mode yes --daemonize no \
    --dir "$DATA/redis" --dbfilename dump.rdb --save "60 1" --appendonly no
  local i
  for (( i = 0; i < 50; i++ )); do
    port_open "$REDIS_PORT" && { say "redis started (pid $(pid_of redis), port $REDIS_PORT)"; return 0; }
    is_running redis || fail_with_log redis "redis exited during start"
    sleep 0.2
  done
  fail_with_log redis "redis did not open port $REDIS_PORT within 10 s"
}

# --- Kafka ---------------------------------------------------------------------------------
write_kafka_config() {
  cat > "$KAFKA_DATA/server.properties" <<EOF
# Generated by deploy/local/fleet.sh on every start: edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$KAFKA_DATA/logs
num.partitions=3
auto.create.topics.enable=true
offsets.topic.replication.factor=1
# One broker: 50 offset partitions (the default) only slow down the first consumer group.
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=10
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
}

# Kafka's cluster ids are 16 random bytes in URL-safe base64 without padding (22 characters);
# Kafka's own generator never starts one with '-', so neither do we.
new_cluster_id() {
  local id
  while :; do
    id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
    [[ "$id" != -* ]] && { echo "$id"; return; }
  done
}

kafka_java() { # runs a Kafka main class on the broker classpath, logging into FLEET_DIR/logs
  "$JAVA" "${KAFKA_OPTS[@]}" -Djava.awt.headless=true -Dkafka.logs.dir="$LOGS" \
    -Dlog4j2.configurationFile="$KAFKA_LOG4J" -cp "$KAFKA_LIB/*" "$@"
}

start_kafka() {
  if is_running kafka; then say "kafka already running (pid $(pid_of kafka), port $KAFKA_PORT)"; return 0; fi
  require_free_port kafka "$KAFKA_PORT"
  require_free_port kafka-controller "$CONTROLLER_PORT"
  mkdir -p "$KAFKA_DATA"
  write_kafka_config
  [[ -s "$KAFKA_DATA/cluster.id" ]] || new_cluster_id > "$KAFKA_DATA/cluster.id"
  if [[ ! -f "$KAFKA_DATA/logs/meta.properties" ]]; then
    say "formatting kafka storage in $KAFKA_DATA/logs (cluster id $(cat "$KAFKA_DATA/cluster.id"))"
    kafka_java kafka.tools.StorageTool format -t "$(cat "$KAFKA_DATA/cluster.id")" \
      -c "$KAFKA_DATA/server.properties" >>"$LOGS/kafka.out" 2>&1 9>&- \
      || fail_with_log kafka "kafka storage format failed (see $LOGS/kafka.out)"
  fi
  local t0 log_size i
  t0=$(now_ms)
  log_size=$(stat -c %s "$LOGS/kafka.log" 2>/dev/null || echo 0)
  start_bg kafka "$KAFKA_DATA" "$LOGS/kafka.out" "$JAVA" "${KAFKA_OPTS[@]}" -Djava.awt.headless=true \
    -XX:+ExitOnOutOfMemoryError -Dkafka.logs.dir="$LOGS" -Dlog4j2.configurationFile="$KAFKA_LOG4J" \
    -cp "$KAFKA_LIB/*" kafka.Kafka "$KAFKA_DATA/server.properties"
  # The listening socket is bound before the broker serves requests: wait for the port and
  # for the broker's own "started" line (the log may have rolled: then the port is enough).
  for (( i = 0; i < 300; i++ )); do
    if port_open "$KAFKA_PORT"; then
      if (( $(stat -c %s "$LOGS/kafka.log" 2>/dev/null || echo 0) < log_size )) \
        || tail -c +"$(( log_size + 1 ))" "$LOGS/kafka.log" 2>/dev/null | grep -q 'Kafka Server started'; then
        say "kafka started in $(secs "$t0" "$(now_ms)") s (pid $(pid_of kafka), port $KAFKA_PORT)"
        return 0
      fi
    fi
    is_running kafka || fail_with_log kafka "kafka exited during start"
    sleep 0.2
  done
  fail_with_log kafka "kafka did not become ready on port $KAFKA_PORT within 60 s"
}

# --- Mail sink -----------------------------------------------------------------------------
# GreenMail keeps every mail auth-service sends (verification and reset links) in memory: nothing
# leaves the machine. Read it through its REST API (print_urls says how); a restart empties it.
start_mail() {
  if is_running mail; then say "mail already running (pid $(pid_of mail), smtp $MAIL_PORT)"; return 0; fi
  [[ -f "$MAIL_JAR" ]] || die "$MAIL_JAR is missing: run ./mvnw -q -f deploy/mail-sink/pom.xml package"
  require_free_port mail "$MAIL_PORT"
  require_free_port mail-api "$MAIL_API_PORT"
  mkdir -p "$DATA/mail"
  start_bg mail "$DATA/mail" "$LOGS/mail.log" "$JAVA" -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Dgreenmail.smtp.hostname=127.0.0.1 -Dgreenmail.smtp.port="$MAIL_PORT" \
    -Dgreenmail.api.hostname=127.0.0.1 -Dgreenmail.api.port="$MAIL_API_PORT" \
    -Dgreenmail.auth.disabled -jar "$MAIL_JAR"
  local i
  for i in $(seq 1 100); do
    port_open "$MAIL_PORT" && port_open "$MAIL_API_PORT" \
      && { say "mail started (pid $(pid_of mail), smtp $MAIL_PORT, api $MAIL_API_PORT)"; return 0; }
    is_running mail || fail_with_log mail "mail sink exited during start"
    sleep 0.2
  done
  fail_with_log mail "mail sink did not open ports $MAIL_PORT and $MAIL_API_PORT within 20 s"
}

# --- Services ------------------------------------------------------------------------------
# The local fleet's first admin (auth's bootstrap admin): made at the first start with a random
# password kept beside auth's data; its first login must replace the password.
local_bootstrap_admin() {
  local file="$DATA/auth-service/bootstrap-admin.env"
  if [[ ! -s "$file" ]]; then
    ( umask 077
      { echo "AUTH_BOOTSTRAP_ADMIN_USERNAME=admin"
        echo "AUTH_BOOTSTRAP_ADMIN_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')"; } > "$file" )
  fi
  echo "$file"
}

# auth-service keeps email and IP addresses, and its token signing keys, encrypted (AES-256-GCM)
# and will not start without its keys. The local fleet makes them at the first start and keeps them next to the data they protect,
# readable by this user only: enough for a laptop, never for production (k8s: the Secret).
# Losing the file makes the local auth.db's emails and IPs unreadable; resetting (see deploy/local/README.md) starts over.
local_pii_keys() {
  local file="$DATA/auth-service/pii-keys.env"
  if [[ ! -s "$file" ]]; then
    ( umask 077
      { echo "AUTH_PII_KEYS_LOCAL1=$(head -c 32 /dev/urandom | base64)"
        echo "AUTH_PII_CURRENT_KEY=local1"
        echo "AUTH_PII_EMAIL_INDEX_KEY=$(head -c 32 /dev/urandom | base64)"; } > "$file" )
  fi
  # The signing keys' key-encryption key, added to a file from before it existed.
  if ! grep -q '^AUTH_KEK_CURRENT_KEY=' "$file"; then
    { echo "AUTH_KEK_KEYS_LOCAL1=$(head -c 32 /dev/urandom | base64)"
      echo "AUTH_KEK_CURRENT_KEY=local1"; } >> "$file"
  fi
  echo "$file"
}

start_service() {
  local svc=$1 port
  port=$(port_of "$svc")
  if is_running "$svc"; then say "$svc already running (pid $(pid_of "$svc"), port $port)"; return 0; fi
  require_free_port "$svc" "$port"
  mkdir -p "$DATA/$svc"
  local env=(
    "QUARKUS_HTTP_PORT=$port"
    "QUARKUS_HTTP_HOST=$HTTP_HOST"
    "DATA_DIR=$DATA/$svc"
    "KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT"
    "QUARKUS_REDIS_HOSTS=redis://127.0.0.1:$REDIS_PORT"
    # glibc gives each thread that mallocs its own 64 MB arena; two keep native memory (argon2,
    # SQLite, Netty) from inflating RSS without measurable cost here.
    "MALLOC_ARENA_MAX=${FLEET_MALLOC_ARENA_MAX:-2}"
    # No fixed MALLOC_MMAP_THRESHOLD_: forcing argon2's 19 MiB blocks into mmap returned them to the
    # OS after every hash, but faulting them in again made two parallel hashes 4x slower (17 vs 72
    # hashes/s). glibc's default reuses them; the JVM trims the native heap when idle
    # (-XX:TrimNativeHeapInterval in JAVA_OPTS). FLEET_MALLOC_MMAP_THRESHOLD sets one anyway.
  )
  [[ -z "${FLEET_MALLOC_MMAP_THRESHOLD:-}" ]] || env+=("MALLOC_MMAP_THRESHOLD_=$FLEET_MALLOC_MMAP_THRESHOLD")
  case "$svc" in
    auth-service) env+=("AUTH_ISSUER=$ISSUER") ;;
    gateway) env+=("GATEWAY_AUTH_ISSUER=$ISSUER") ;;
    *) env+=("MP_JWT_VERIFY_ISSUER=$ISSUER") ;;
  esac
  if [[ "$svc" == auth-service ]]; then
    local key_lines
    mapfile -t key_lines < "$(local_pii_keys)"
    env+=("${key_lines[@]}")
    mapfile -t key_lines < "$(local_bootstrap_admin)"
    env+=("${key_lines[@]}" "QUARKUS_MAILER_HOST=127.0.0.1" "QUARKUS_MAILER_PORT=$MAIL_PORT")
  fi
  if [[ "$svc" != auth-service ]]; then
    # Zero trust: services verify access tokens themselves, against auth-service's JWKS.
    env+=("MP_JWT_VERIFY_PUBLICKEY_LOCATION=http://127.0.0.1:$(port_of auth-service)/.well-known/jwks.json")
  fi
  if [[ "$svc" == gateway ]]; then
    env+=("QUARKUS_MANAGEMENT_PORT=$(port_of gateway-management)" "QUARKUS_MANAGEMENT_HOST=$HTTP_HOST")
    local up
    for up in auth content analytics billing audit; do
      env+=("GATEWAY_UPSTREAMS_${up^^}_URL=http://127.0.0.1:$(port_of "$up-service")")
    done
  fi
  # Working directory = the service's data folder, so any relative path lands there.
  start_bg "$svc" "$DATA/$svc" "$LOGS/$svc.log" env "${env[@]}" \
    "$JAVA" "${JAVA_OPTS[@]}" $([[ "$C2_SERVICES" == *" $svc "* ]] || echo "${C1_ONLY[@]}") \
    $([[ "$svc" != gateway ]] || echo "${GATEWAY_HEAP[@]}") \
    $([[ "$svc" != content-service ]] || echo "${CONTENT_OPTS[@]}") \
    --enable-native-access=ALL-UNNAMED -jar "$(jar_of "$svc")"
  say "$svc starting (pid $(pid_of "$svc"), port $port)"
}

# wait_ready SERVICE...: polls /q/health/ready until 200, FLEET_READY_TIMEOUT seconds each.
wait_ready() {
  local t0 pending=("$@") next svc code
  t0=$(now_ms)
  while (( ${#pending[@]} )); do
    next=()
    for svc in "${pending[@]}"; do
      code=$(http_status "http://127.0.0.1:$(q_port_of "$svc")/q/health/ready")
      if [[ "$code" == 200 ]]; then
        say "$svc ready after $(secs "$t0" "$(now_ms)") s"
      elif ! is_running "$svc"; then
        fail_with_log "$svc" "$svc exited before it was ready"
      elif (( $(now_ms) - t0 > READY_TIMEOUT * 1000 )); then
        fail_with_log "$svc" "$svc not ready within ${READY_TIMEOUT} s (last /q/health/ready status: ${code:-none}); the rest keeps running, 'fleet.sh down' stops it"
      else
        next+=("$svc")
      fi
    done
    pending=("${next[@]+"${next[@]}"}")
    if (( ${#pending[@]} )); then sleep 1; fi
  done
  return 0
}

print_urls() {
  local svc port
  printf '\n%-18s %-24s %-44s %s\n' NAME URL "SWAGGER UI" METRICS
  for svc in "${SERVICES[@]}"; do
    port=$(port_of "$svc")
    printf '%-18s %-24s %-44s %s\n' "$svc" "http://localhost:$port" \
      "http://localhost:$(q_port_of "$svc")/q/swagger-ui" "http://localhost:$(q_port_of "$svc")/q/metrics"
  done
  printf '%-18s %s\n' kafka "127.0.0.1:$KAFKA_PORT (controller 127.0.0.1:$CONTROLLER_PORT)"
  printf '%-18s %s\n' redis "redis://127.0.0.1:$REDIS_PORT"
  printf '%-18s %s\n' mail "smtp://127.0.0.1:$MAIL_PORT; read: curl -s http://127.0.0.1:$MAIL_API_PORT/api/user/ADDRESS/messages/"
  if [[ -s "$DATA/auth-service/bootstrap-admin.env" ]]; then
    # shellcheck disable=SC1091
    local admin_user admin_password
    admin_user=$(sed -n 's/^AUTH_BOOTSTRAP_ADMIN_USERNAME=//p' "$DATA/auth-service/bootstrap-admin.env")
    admin_password=$(sed -n 's/^AUTH_BOOTSTRAP_ADMIN_PASSWORD=//p' "$DATA/auth-service/bootstrap-admin.env")
    printf 'bootstrap admin: %s / %s (first login must set a new password: POST /api/auth/login with {"username","password","new_password"}; kept in %s)\n' \
      "$admin_user" "$admin_password" "$DATA/auth-service/bootstrap-admin.env"
  fi
  printf 'data, logs, pids: %s\n' "$FLEET_DIR"
}

# --- Commands ------------------------------------------------------------------------------
cmd_up() {
  local t0 svc all=1
  t0=$(now_ms)
  lock
  for svc in redis kafka mail "${SERVICES[@]}"; do is_running "$svc" || all=0; done
  if (( all )); then
    say "already running in $FLEET_DIR (nothing started); 'fleet.sh status' shows it"
    wait_ready "${SERVICES[@]}"
    print_urls
    return 0
  fi
  ensure_built
  ensure_redis_binary
  mkdir -p "$DATA" "$LOGS" "$PIDS"
  start_redis
  start_kafka
  start_mail
  for svc in "${SERVICES[@]}"; do start_service "$svc"; done
  (( ${#SERVICES[@]} == 0 )) || wait_ready "${SERVICES[@]}"
  print_urls
  say "up in $(secs "$t0" "$(now_ms)") s"
}

cmd_down() {
  [[ -d "$PIDS" ]] || { say "nothing to stop in $FLEET_DIR"; return 0; }
  lock
  # Every service with a PID file, even one left out of FLEET_SERVICES this time.
  stop_all 15 "${ALL_SERVICES[@]}"
  stop_all 30 kafka
  stop_all 10 redis
  stop_all 10 mail
  say "down (data kept in $DATA)"
}

cmd_status() {
  local name pid port state ready rss down=0
  printf '%-18s %-8s %-6s %-8s %-6s %s\n' NAME PID PORT STATE READY RSS
  for name in redis kafka mail "${ALL_SERVICES[@]}"; do
    port=$(name_port "$name")
    pid=$(pid_of "$name" || echo -)
    ready=-
    rss=-
    if is_running "$name"; then
      state=up
      rss=$(rss_of "$pid")
      if is_service "$name"; then
        ready=$(http_status "http://127.0.0.1:$(q_port_of "$name")/q/health/ready")
        [[ "$ready" == 200 ]] || down=1
      else
        if port_open "$port"; then ready=open; else ready=closed; down=1; fi
      fi
    else
      # Only what this fleet would start counts as down; an unselected service is just absent.
      if [[ "$pid" == - ]]; then state=stopped; else state=dead; fi
      if [[ "$name" == redis || "$name" == kafka || "$name" == mail ]] || [[ " ${SERVICES[*]} " == *" $name "* ]]; then down=1; fi
    fi
    printf '%-18s %-8s %-6s %-8s %-6s %s\n' "$name" "$pid" "$port" "$state" "$ready" "$rss"
  done
  echo "FLEET_DIR=$FLEET_DIR FLEET_PORT_OFFSET=$OFFSET"
  return $(( down ? 3 : 0 ))
}

cmd_logs() {
  local name=${1:-} log
  [[ -n "$name" ]] || die "usage: fleet.sh logs SERVICE|kafka|redis"
  [[ "$name" == kafka || "$name" == redis || "$name" == mail ]] || is_service "$name" || die "unknown name '$name'"
  log=$(log_of "$name")
  [[ -f "$log" ]] || die "no log yet: $log"
  exec tail -n 100 -f "$log"
}

check_name() {
  [[ "$1" == kafka || "$1" == redis || "$1" == mail ]] || is_service "$1" \
    || die "unknown name '$1' (kafka, redis, mail or one of: ${ALL_SERVICES[*]})"
}

# Stops one component and leaves the rest running (the fleet test stops the broker this way).
cmd_stop() {
  local name=${1:-}
  [[ -n "$name" ]] || die "usage: fleet.sh stop kafka|redis|SERVICE"
  check_name "$name"
  lock
  case "$name" in
    kafka) stop_all 30 kafka ;;
    redis) stop_all 10 redis ;;
    mail) stop_all 10 mail ;;
    *) stop_all 15 "$name" ;;
  esac
}

cmd_start() {
  local name=${1:-}
  [[ -n "$name" ]] || die "usage: fleet.sh start kafka|redis|SERVICE"
  check_name "$name"
  lock
  mkdir -p "$DATA" "$LOGS" "$PIDS"
  case "$name" in
    kafka)
      [[ -d "$KAFKA_LIB" ]] || die "$KAFKA_LIB is missing: run 'fleet.sh up' first"
      start_kafka
      ;;
    redis)
      ensure_redis_binary
      start_redis
      ;;
    mail) start_mail ;;
    *)
      [[ -f "$(jar_of "$name")" ]] || die "no $(jar_of "$name"): build it first"
      start_service "$name"
      wait_ready "$name"
      ;;
  esac
}

cmd_restart() {
  [[ -n "${1:-}" ]] || die "usage: fleet.sh restart kafka|redis|SERVICE"
  (cmd_stop "$1")
  cmd_start "$1"
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  logs) cmd_logs "${2:-}" ;;
  stop) cmd_stop "${2:-}" ;;
  start) cmd_start "${2:-}" ;;
  restart) cmd_restart "${2:-}" ;;
  -h|--help|help) usage ;;
  *) usage >&2; exit 2 ;;
esac
