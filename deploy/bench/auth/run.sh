#!/usr/bin/env bash
# auth-service against Keycloak, side by side on this machine (issue 3, "Measure"). See README.md.
#
#   deploy/bench/auth/run.sh [SECTION...]     sections: hash login refresh cc (default: all)
#
# Starts its own Kafka + Redis (deploy/local/fleet.sh, infra only, ports +40000), auth-service from
# auth-service/target/quarkus-app (never builds it), and Keycloak (keycloak-quarkus-dist from Maven,
# start-dev); measures password logins/s, refresh grants/s and client_credentials grants/s with
# p50/p99, and the RSS of both servers; prints a markdown table on stdout (progress on stderr) and
# keeps a copy in deploy/bench/auth/target/results-<time>.md. Every process it starts is stopped
# by its PID on exit, whatever the exit.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
TARGET=$HERE/target
cd "$ROOT"

# --- Settings (environment) ------------------------------------------------------------------
RUNS=${BENCH_RUNS:-3}                       # measured runs per metric and side; the table shows the median
DURATION=${BENCH_DURATION:-20}              # seconds per measured run
# Seconds of warm-up before each metric's runs (JIT, pools, caches). 60: both JVMs' C2 compilers are
# still busy after 30 s of load (a login profile: 3.7 ms of C2 per login at 30 s, 1.6 ms at 90 s).
WARMUP=${BENCH_WARMUP:-60}
REWARM=${BENCH_REWARM:-10}                  # seconds of warm-up before each later refresh run (new chains)
CONNECTIONS=${BENCH_CONNECTIONS:-16}        # connections (= refresh chains) for refresh and client_credentials
LOGIN_CONNECTIONS=${BENCH_LOGIN_CONNECTIONS:-8}
KC_VERSION=${BENCH_KEYCLOAK_VERSION:-26.7.3}
# Keycloak, like auth-service, answers every refresh with a new refresh token, but by default keeps
# the old one valid (realm "Revoke Refresh Token" off). On (default here): the old token dies at
# once, the same one-use rotation auth-service does. The load is a chain per connection either way.
KC_REVOKE_REFRESH=${BENCH_KC_REVOKE_REFRESH_TOKEN:-true}
# The access tokens' signature algorithm on both sides (issue 18): auth-service's
# auth.tokens.signing-algorithm (its default, ES256) and its verifier's; Keycloak's realm default
# signature algorithm, with a generated key of that kind beside its RSA one (as auth-service keeps an
# RSA key for ID tokens: both kinds in both JWKS). RS256 reproduces the earlier runs.
SIG_ALG=${BENCH_SIGNATURE_ALGORITHM:-ES256}
# auth-service runs with the fleet's heap options (deploy/local/fleet.sh FLEET_JAVA_OPTS default) and
# malloc settings but the full tiered JIT (C2), as in Kubernetes (the local fleet stops at C1 to save
# memory); Keycloak with the JVM options its kc.sh ships (G1, -Xms64m -Xmx512m).
AUTH_JAVA_OPTS=${BENCH_AUTH_JAVA_OPTS:--XX:+UseSerialGC -Xms16m -Xmx128m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:TrimNativeHeapInterval=5000 -Xss512k}
INFRA_OFFSET=${BENCH_INFRA_PORT_OFFSET:-40000}
SECTIONS=" ${*:-hash login refresh cc} "
wants() { [[ "$SECTIONS" == *" $1 "* ]]; }

PASSWORD='correct horse battery'
USERNAME=bench
KC_REALM=bench
KC_CLIENT=bench-client
KC_SECRET=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24)
KC_ADMIN_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24)

say() { echo "bench: $*" >&2; }
die() { echo "bench: $*" >&2; exit 1; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# --- Tools -----------------------------------------------------------------------------------
for tool in curl jq unzip wrk awk; do
  command -v "$tool" >/dev/null 2>&1 && continue
  if [[ "$tool" == wrk && $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    say "wrk missing: apt-get install -y wrk"
    DEBIAN_FRONTEND=noninteractive apt-get install -y wrk >&2 || { apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y wrk >&2; }
  fi
  command -v "$tool" >/dev/null 2>&1 || die "$tool is missing (Debian: apt-get install -y $tool)"
done
# Keycloak and the load generators run on Temurin 25 when present, else on the JDK 21+ ./mvnw finds.
if [[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java && -z "${BENCH_JAVA_HOME:-}" ]]; then
  BENCH_JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
if [[ -n "${BENCH_JAVA_HOME:-}" ]]; then export JAVA_HOME=$BENCH_JAVA_HOME; fi
# shellcheck source=../../../.mvn/java-home.sh
. "$ROOT/.mvn/java-home.sh"
JAVA=$JAVA_HOME/bin/java
[[ -x "$JAVA" ]] || die "no JDK 21+ found (set BENCH_JAVA_HOME)"

AUTH_APP_BUILT=$ROOT/auth-service/target/quarkus-app
[[ -f "$AUTH_APP_BUILT/quarkus-run.jar" ]] \
  || die "no $AUTH_APP_BUILT/quarkus-run.jar: build it first (./mvnw -q -pl contracts,auth-service -am install -DskipTests)"

# --- Processes: everything started here is stopped here, by PID ------------------------------
mkdir -p "$TARGET"
STAMP=$(date +%Y%m%d-%H%M%S)
LOGS=$TARGET/logs-$STAMP
mkdir -p "$LOGS"
export FLEET_SERVICES=none FLEET_PORT_OFFSET=$INFRA_OFFSET FLEET_DIR=$TARGET/infra
FLEET=$ROOT/deploy/local/fleet.sh
AUTH_PID='' KC_SH_PID='' KC_PID='' AUTH_DATA='' INFRA_UP=''
# auth-service runs from a copy of its fast-jar: a rebuild of the module during the run (others
# work in this tree) would otherwise swap the jars under the running JVM.
AUTH_APP=$TARGET/auth-app-$STAMP

# stop_pid PID NAME: SIGTERM, up to 20 s, then SIGKILL. Only a PID this script started.
stop_pid() {
  local pid=$1 name=$2 i
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  say "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for (( i = 0; i < 100; i++ )); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  say "$name (pid $pid) still alive after 20 s: SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  local status=$?
  set +e
  stop_pid "$AUTH_PID" auth-service
  stop_pid "$KC_PID" keycloak
  [[ "$KC_SH_PID" == "$KC_PID" ]] || stop_pid "$KC_SH_PID" "keycloak's kc.sh"
  [[ -z "$INFRA_UP" ]] || "$FLEET" down >&2
  [[ -z "$AUTH_DATA" ]] || rm -rf "$AUTH_DATA"
  rm -rf "$AUTH_APP"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_open() { timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }
free_port() { local p=$1; while port_open "$p"; do p=$(( p + 1 )); done; echo "$p"; }
rss_mb() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
hwm_mb() { awk '/^VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

# wait_http NAME PID URL TIMEOUT_S: until URL answers 200; fails if PID died.
wait_http() {
  local name=$1 pid=$2 url=$3 timeout=$4 t0=$SECONDS
  until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$url" || true) == 200 ]]; do
    kill -0 "$pid" 2>/dev/null || { tail -n 30 "$LOGS/$name.log" >&2; die "$name exited before it was ready"; }
    (( SECONDS - t0 < timeout )) || { tail -n 30 "$LOGS/$name.log" >&2; die "$name not ready within $timeout s"; }
    sleep 1
  done
  say "$name ready after $(( SECONDS - t0 )) s"
}

say "load average at start: $(loadavg) ($(nproc) cores)"
LOAD_START=$(loadavg)

# --- Kafka and Redis for auth-service (fleet.sh, infra only) ----------------------------------
"$FLEET" down >&2 || true   # leftovers of an interrupted run, by their PID files
rm -rf "$FLEET_DIR"
KAFKA_PORT=$(( 9092 + INFRA_OFFSET ))
REDIS_PORT=$(( 6380 + INFRA_OFFSET ))
# The ports +40000 lie in Linux's ephemeral range, and a previous run's broker leaves its port in
# TIME_WAIT for a minute: Kafka then fails to bind although nothing listens. Wait for them to clear.
ports_busy() { command -v ss >/dev/null 2>&1 && [[ -n $(ss -Htan "( sport = :$KAFKA_PORT or sport = :$(( KAFKA_PORT + 1 )) or sport = :$REDIS_PORT )") ]]; }
for (( i = 0; i < 90; i++ )); do
  ports_busy || break
  (( i > 0 )) || say "waiting for sockets on ports $KAFKA_PORT/$(( KAFKA_PORT + 1 ))/$REDIS_PORT to clear (TIME_WAIT)"
  sleep 1
done
INFRA_UP=1
if ! "$FLEET" up >&2; then
  say "fleet.sh up failed; once more in 30 s"
  "$FLEET" down >&2 || true
  sleep 30
  "$FLEET" up >&2
fi

# --- Keycloak: fetch, unzip, start-dev -------------------------------------------------------
KC_HOME=$TARGET/keycloak-$KC_VERSION
if [[ ! -x "$KC_HOME/bin/kc.sh" ]]; then
  zip=$TARGET/keycloak-quarkus-dist-$KC_VERSION.zip
  if [[ ! -f "$zip" ]]; then
    say "fetching org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip with Maven"
    ./mvnw -q -f "$HERE/pom.xml" process-resources -Dkeycloak.version="$KC_VERSION" >&2
  fi
  unzip -q -o "$zip" -d "$TARGET"
fi
rm -rf "$KC_HOME/data"   # a fresh dev database (H2) every run
KC_PORT=$(free_port 48180)
KC_MGMT_PORT=$(free_port $(( KC_PORT + 10 )))
say "starting keycloak $KC_VERSION on 127.0.0.1:$KC_PORT (management $KC_MGMT_PORT)"
# Keycloak's own JVM defaults: no JAVA_OPTS from this environment.
( cd "$KC_HOME" && exec env -u JAVA_OPTS -u JAVA_OPTS_APPEND -u JAVA_OPTS_KC_HEAP JAVA_HOME="$JAVA_HOME" \
    KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD="$KC_ADMIN_PASSWORD" \
    bin/kc.sh start-dev --http-host=127.0.0.1 --http-port="$KC_PORT" --http-management-host=127.0.0.1 \
    --http-management-port="$KC_MGMT_PORT" --health-enabled=true ) </dev/null >"$LOGS/keycloak.log" 2>&1 &
KC_SH_PID=$!
KC_PID=$KC_SH_PID

# --- auth-service ------------------------------------------------------------------------------
cp -a "$AUTH_APP_BUILT" "$AUTH_APP"
AUTH_JAR=$AUTH_APP/quarkus-run.jar
AUTH_LIB=$AUTH_APP/lib/main
AUTH_BUILT_AT=$(date -u -r "$AUTH_APP_BUILT/quarkus-run.jar" +%Y-%m-%dT%H:%MZ)
say "auth-service jar built $AUTH_BUILT_AT, copied to $AUTH_APP"
AUTH_PORT=$(free_port 48081)
AUTH_DATA=$(mktemp -d "$TARGET/auth-data.XXXXXX")
say "starting auth-service on 127.0.0.1:$AUTH_PORT (data $AUTH_DATA, JVM $AUTH_JAVA_OPTS)"
read -r -a auth_opts <<< "$AUTH_JAVA_OPTS"
( cd "$AUTH_DATA" && exec env QUARKUS_HTTP_PORT="$AUTH_PORT" QUARKUS_HTTP_HOST=127.0.0.1 DATA_DIR="$AUTH_DATA" \
    KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" QUARKUS_REDIS_HOSTS="redis://127.0.0.1:$REDIS_PORT" \
    MALLOC_ARENA_MAX=2 \
    AUTH_PII_KEYS_BENCH="$(head -c 32 /dev/urandom | base64)" AUTH_PII_CURRENT_KEY=bench \
    AUTH_PII_EMAIL_INDEX_KEY="$(head -c 32 /dev/urandom | base64)" \
    AUTH_KEK_KEYS_BENCH="$(head -c 32 /dev/urandom | base64)" AUTH_KEK_CURRENT_KEY=bench \
    AUTH_TOKENS_SIGNING_ALGORITHM="$SIG_ALG" MP_JWT_VERIFY_PUBLICKEY_ALGORITHM="$SIG_ALG" \
    "$JAVA" "${auth_opts[@]}" --enable-native-access=ALL-UNNAMED -jar "$AUTH_JAR" ) </dev/null >"$LOGS/auth-service.log" 2>&1 &
AUTH_PID=$!
AUTH=http://127.0.0.1:$AUTH_PORT

wait_http auth-service "$AUTH_PID" "$AUTH/q/health/ready" 180
wait_http keycloak "$KC_SH_PID" "http://127.0.0.1:$KC_MGMT_PORT/health/ready" 600
# kc.sh runs the server as its child, or (after a re-augmentation, as on a first start) execs into it.
if [[ $(readlink "/proc/$KC_SH_PID/exe" || true) != */java ]]; then
  KC_PID=$(ps -o pid= --ppid "$KC_SH_PID" | awk 'NR == 1 {print $1}')
fi
[[ $(readlink "/proc/$KC_PID/exe" || true) == */java ]] || die "cannot find Keycloak's JVM under kc.sh (pid $KC_SH_PID)"
say "keycloak JVM pid $KC_PID, auth-service pid $AUTH_PID"

# --- Accounts and clients --------------------------------------------------------------------
code=$(curl -s -o "$LOGS/register.json" -w '%{http_code}' -H 'Content-Type: application/json' \
  -d "{\"email\":\"$USERNAME@example.com\",\"username\":\"$USERNAME\",\"password\":\"$PASSWORD\",\"display_name\":\"Bench\",\"role\":\"creator\"}" \
  "$AUTH/api/auth/register")
[[ "$code" == 201 ]] || die "auth-service register answered $code: $(cat "$LOGS/register.json")"

KC=http://127.0.0.1:$KC_PORT
KC_TOKEN_URL=$KC/realms/$KC_REALM/protocol/openid-connect/token
admin_token=$(curl -s -f -d grant_type=password -d client_id=admin-cli -d username=admin \
  --data-urlencode "password=$KC_ADMIN_PASSWORD" "$KC/realms/master/protocol/openid-connect/token" | jq -r .access_token)
kc_admin() { # METHOD PATH [JSON]: the admin REST API; prints the body, fails on a non-2xx
  curl -s -f -X "$1" -H "Authorization: Bearer $admin_token" -H 'Content-Type: application/json' \
    ${3:+-d "$3"} "$KC/admin/realms$2"
}
kc_admin POST "" "$(jq -n --arg r "$KC_REALM" --argjson revoke "$KC_REVOKE_REFRESH" --arg alg "$SIG_ALG" \
  '{realm: $r, enabled: true, revokeRefreshToken: $revoke, refreshTokenMaxReuse: 0, defaultSignatureAlgorithm: $alg}')" >/dev/null
if [[ "$SIG_ALG" == ES256 ]]; then
  # A generated P-256 key provider, active, beside the realm's generated RSA key.
  kc_realm_id=$(kc_admin GET "/$KC_REALM" | jq -r .id)
  kc_admin POST "/$KC_REALM/components" "$(jq -n --arg p "$kc_realm_id" \
    '{name: "ecdsa-generated", providerId: "ecdsa-generated", providerType: "org.keycloak.keys.KeyProvider", parentId: $p,
      config: {priority: ["100"], enabled: ["true"], active: ["true"], ecdsaEllipticCurveKey: ["P-256"]}}')" >/dev/null
fi
kc_admin POST "/$KC_REALM/users" "$(jq -n --arg u "$USERNAME" --arg p "$PASSWORD" \
  '{username: $u, email: ($u + "@example.com"), firstName: "Bench", lastName: "Bench", enabled: true,
    emailVerified: true, credentials: [{type: "password", value: $p, temporary: false}]}')" >/dev/null
kc_admin POST "/$KC_REALM/clients" "$(jq -n --arg c "$KC_CLIENT" --arg s "$KC_SECRET" \
  '{clientId: $c, enabled: true, publicClient: false, clientAuthenticatorType: "client-secret", secret: $s,
    serviceAccountsEnabled: true, directAccessGrantsEnabled: true, standardFlowEnabled: false}')" >/dev/null
kc_user=$(kc_admin GET "/$KC_REALM/users?username=$USERNAME&exact=true" | jq -r '.[0].id')
# The hash Keycloak stored for the password: its default algorithm and parameters.
KC_HASH=$(kc_admin GET "/$KC_REALM/users/$kc_user/credentials" | jq -r '.[0].credentialData | fromjson |
  "\(.algorithm) (type \(.additionalParameters.type[0]), v\(.additionalParameters.version[0]), m=\(.additionalParameters.memory[0]) KiB, t=\(.hashIterations), p=\(.additionalParameters.parallelism[0]), \(.additionalParameters.hashLength[0])-byte hash)"')
KC_HASH_M=$(kc_admin GET "/$KC_REALM/users/$kc_user/credentials" | jq -r '.[0].credentialData | fromjson | .additionalParameters.memory[0]')
KC_HASH_T=$(kc_admin GET "/$KC_REALM/users/$kc_user/credentials" | jq -r '.[0].credentialData | fromjson | .hashIterations')
KC_HASH_P=$(kc_admin GET "/$KC_REALM/users/$kc_user/credentials" | jq -r '.[0].credentialData | fromjson | .additionalParameters.parallelism[0]')
say "keycloak password hash: $KC_HASH"

# Both sides answer a password login before any load, with access tokens of the configured algorithm.
jwt_alg() { # the alg of a JWT's header (base64url without padding)
  local h; h=$(cut -d. -f1 <<< "$1" | tr '_-' '/+')
  while (( ${#h} % 4 )); do h+='='; done
  base64 -d <<< "$h" | jq -r .alg
}
code=$(curl -s -o "$LOGS/login.json" -w '%{http_code}' -H 'Content-Type: application/json' \
  -d "{\"username\":\"$USERNAME\",\"password\":\"$PASSWORD\"}" "$AUTH/api/auth/login")
[[ "$code" == 200 ]] || die "auth-service login answered $code"
AUTH_ALG=$(jwt_alg "$(jq -r .access_token "$LOGS/login.json")")
code=$(curl -s -o "$LOGS/login.json" -w '%{http_code}' -d grant_type=password -d "client_id=$KC_CLIENT" \
  -d "client_secret=$KC_SECRET" -d "username=$USERNAME" --data-urlencode "password=$PASSWORD" "$KC_TOKEN_URL")
[[ "$code" == 200 ]] || die "keycloak password grant answered $code"
KC_ALG=$(jwt_alg "$(jq -r .access_token "$LOGS/login.json")")
KC_JWKS=$(curl -s "$KC/realms/$KC_REALM/protocol/openid-connect/certs" | jq -r '[.keys[] | select(.use == "sig") | .alg] | sort | join(",")')
AUTH_JWKS=$(curl -s "$AUTH/.well-known/jwks.json" | jq -r '[.keys[].alg] | sort | join(",")')
say "access tokens: auth-service $AUTH_ALG (JWKS $AUTH_JWKS), keycloak $KC_ALG (JWKS signing keys $KC_JWKS)"
[[ "$AUTH_ALG" == "$SIG_ALG" && "$KC_ALG" == "$SIG_ALG" ]] || die "access tokens not $SIG_ALG on both sides"

# Rotation, checked rather than assumed: a new refresh token on every refresh, and what a second use
# of an already used one gets (each side on a session of its own, not used by the load).
auth_refresh() { curl -s -o "$LOGS/rotation.json" -w '%{http_code}' -H 'Content-Type: application/json' \
  -d "{\"refresh_token\":\"$1\"}" "$AUTH/api/auth/refresh"; }
kc_refresh() { curl -s -o "$LOGS/rotation.json" -w '%{http_code}' -d grant_type=refresh_token \
  -d "client_id=$KC_CLIENT" -d "client_secret=$KC_SECRET" --data-urlencode "refresh_token=$1" "$KC_TOKEN_URL"; }
rt=$(curl -s -H 'Content-Type: application/json' -d "{\"username\":\"$USERNAME\",\"password\":\"$PASSWORD\"}" \
  "$AUTH/api/auth/login" | jq -r .refresh_token)
[[ $(auth_refresh "$rt") == 200 ]] || die "auth-service refresh failed: $(cat "$LOGS/rotation.json")"
[[ $(jq -r .refresh_token "$LOGS/rotation.json") != "$rt" ]] || die "auth-service returned the same refresh token"
AUTH_REUSE=$(auth_refresh "$rt")
rt=$(curl -s -d grant_type=password -d "client_id=$KC_CLIENT" -d "client_secret=$KC_SECRET" -d "username=$USERNAME" \
  --data-urlencode "password=$PASSWORD" "$KC_TOKEN_URL" | jq -r .refresh_token)
[[ $(kc_refresh "$rt") == 200 ]] || die "keycloak refresh failed: $(cat "$LOGS/rotation.json")"
[[ $(jq -r .refresh_token "$LOGS/rotation.json") != "$rt" ]] || die "keycloak returned the same refresh token"
KC_REUSE=$(kc_refresh "$rt")
say "second use of a used refresh token: auth-service $AUTH_REUSE, keycloak $KC_REUSE"

# auth-service's client_credentials grant (POST /oauth2/token) is being built in parallel. Once it
# answers something other than 404, this creates a partner client and measures it.
AUTH_CC_STATE=
AUTH_CC_BODY=
create_auth_partner_client() {
  # Admins are made by admins; the very first one by the operator, in the database. The bench does
  # exactly that for a second account, then registers a confidential partner client through the API.
  local admin_user=bench-admin admin_token answer id secret
  curl -s -o /dev/null -H 'Content-Type: application/json' -d "{\"email\":\"$admin_user@example.com\",\"username\":\"$admin_user\",\"password\":\"$PASSWORD\",\"display_name\":\"Bench Admin\",\"role\":\"creator\"}" \
    "$AUTH/api/auth/register"
  python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE users SET role='admin' WHERE username=?\", (sys.argv[2],)); c.commit()" \
    "$AUTH_DATA/auth.db" "$admin_user" || return 1
  admin_token=$(curl -s -H 'Content-Type: application/json' -d "{\"username\":\"$admin_user\",\"password\":\"$PASSWORD\"}" \
    "$AUTH/api/auth/login" | jq -r .access_token)
  answer=$(curl -s -H "Authorization: Bearer $admin_token" -H 'Content-Type: application/json' \
    -d '{"name":"bench","redirect_uris":[],"scopes":["content:read"],"grant_types":["client_credentials"],"public_client":false}' \
    "$AUTH/api/admin/oauth-clients")
  id=$(jq -r .client_id <<< "$answer"); secret=$(jq -r .client_secret <<< "$answer")
  [[ -n "$id" && "$id" != null && -n "$secret" && "$secret" != null ]] || { say "partner client not created: $answer"; return 1; }
  AUTH_CC_BODY="grant_type=client_credentials&client_id=$id&client_secret=$secret&scope=content:read"
}
cc_status=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/x-www-form-urlencoded' \
  -d grant_type=client_credentials "$AUTH/oauth2/token" || true)
if [[ "$cc_status" == 404 ]]; then
  AUTH_CC_STATE="n/a: /oauth2/token answers 404 (not built yet)"
elif ! create_auth_partner_client; then
  AUTH_CC_STATE="n/a: TODO create a partner client in run.sh (/oauth2/token answers $cc_status)"
fi
[[ -z "$AUTH_CC_STATE" ]] || say "auth-service client_credentials: $AUTH_CC_STATE"

# --- Idle memory ------------------------------------------------------------------------------
sleep 10
AUTH_RSS_IDLE=$(rss_mb "$AUTH_PID")
KC_RSS_IDLE=$(rss_mb "$KC_PID")
say "RSS idle: auth-service $AUTH_RSS_IDLE MB, keycloak $KC_RSS_IDLE MB"

# --- Load generators ---------------------------------------------------------------------------
CLASSES=$TARGET/classes
mkdir -p "$CLASSES"
# HashTime: auth-service's own argon2-jvm and JNA jars, Keycloak's own Bouncy Castle.
HASH_CP=$(ls "$AUTH_LIB"/de.mkammerer.argon2-jvm-*.jar "$AUTH_LIB"/net.java.dev.jna.jna-*.jar \
  "$KC_HOME"/lib/lib/main/org.bouncycastle.bcprov-*.jar | paste -sd:)
"$JAVA_HOME/bin/javac" -nowarn -d "$CLASSES" -cp "$HASH_CP" "$HERE/LoadRefresh.java" "$HERE/HashTime.java" 2>&1 \
  | grep -v '^Note:' >&2 || true
LOADGEN_JAVA=("$JAVA" -XX:+UseSerialGC -Xmx256m -cp "$CLASSES")

RAW=$TARGET/raw-$STAMP.txt   # every run's numbers
: > "$RAW"
declare -A RPS P50 P99 ERRS CPU   # key "metric side" -> space-separated values of the runs

# CPU time (user + system) a server spends per request: unlike its rate, it hardly depends on what
# else the machine runs (the load generator, the other side's leftovers), so it is the steadier
# comparison of the two. From /proc/<pid>/stat, in clock ticks.
CLK_TCK=$(getconf CLK_TCK)
server_pid() { [[ $1 == auth ]] && echo "$AUTH_PID" || echo "$KC_PID"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
cpu_ms_per() { # TICKS_BEFORE TICKS_AFTER REQUESTS -> ms of CPU per request
  awk -v a="$1" -v b="$2" -v n="$3" -v hz="$CLK_TCK" 'BEGIN {if (n > 0) printf "%.3f", (b - a) * 1000 / hz / n}'
}

record() { # METRIC SIDE RPS P50 P99 ERRORS CPU_MS_PER_REQUEST
  RPS["$1 $2"]+="$3 "; P50["$1 $2"]+="$4 "; P99["$1 $2"]+="$5 "; ERRS["$1 $2"]+="$6 "; CPU["$1 $2"]+="$7 "
  printf '%-8s %-9s rps=%-8s p50_ms=%-8s p99_ms=%-8s errors=%-4s cpu_ms=%-7s load=%s\n' "$1" "$2" "$3" "$4" "$5" "$6" "$7" \
    "$(loadavg)" | tee -a "$RAW" >&2
}

# wrk_run METRIC SIDE URL CONNECTIONS SECONDS CONTENT_TYPE BODY [warmup]
wrk_run() {
  local out line pid t0 t1
  pid=$(server_pid "$2"); t0=$(cpu_ticks "$pid")
  out=$(WRK_BODY=$7 WRK_CONTENT_TYPE=$6 wrk -t1 -c"$4" -d"$5"s --timeout 30s -s "$HERE/wrk/post.lua" "$3" 2>&1) || true
  t1=$(cpu_ticks "$pid")
  line=$(grep '^WRKRESULT' <<< "$out") || { echo "$out" >&2; die "wrk gave no result for $1 $2"; }
  [[ "${8:-}" == warmup ]] && return 0
  eval "local ${line#WRKRESULT }"   # requests seconds non2xx socket_errors p50_ms p99_ms
  # shellcheck disable=SC2154
  record "$1" "$2" "$(awk -v r="$requests" -v n="$non2xx" -v s="$seconds" 'BEGIN {printf "%.1f", (r - n) / s}')" \
    "$p50_ms" "$p99_ms" $(( non2xx + socket_errors )) "$(cpu_ms_per "$t0" "$t1" "$requests")"
}

# refresh_run SIDE WARMUP SECONDS
refresh_run() {
  local out line pid t0 t1 gen
  out=$(mktemp "$TARGET/loadrefresh.XXXXXX")
  if [[ $1 == auth ]]; then
    "${LOADGEN_JAVA[@]}" LoadRefresh auth "$AUTH" "$USERNAME" "$PASSWORD" "$CONNECTIONS" "$2" "$3" >"$out" 2>&1 &
  else
    "${LOADGEN_JAVA[@]}" LoadRefresh keycloak "$KC_TOKEN_URL" "$USERNAME" "$PASSWORD" "$KC_CLIENT" "$KC_SECRET" \
      "$CONNECTIONS" "$2" "$3" >"$out" 2>&1 &
  fi
  gen=$!
  # The server's CPU over LoadRefresh's measured window, whose edges it marks on stdout.
  pid=$(server_pid "$1") t0='' t1=''
  while kill -0 "$gen" 2>/dev/null; do
    if [[ -z "$t0" ]] && grep -q '^window=start' "$out"; then t0=$(cpu_ticks "$pid"); fi
    if [[ -n "$t0" ]] && grep -q '^window=end' "$out"; then t1=$(cpu_ticks "$pid"); break; fi
    sleep 0.05
  done
  wait "$gen" || true
  line=$(grep '^ok=' "$out") || { cat "$out" >&2; die "LoadRefresh gave no result for $1"; }
  grep -v '^ok=\|^window=' "$out" | head -n 5 >&2 || true
  rm -f "$out"
  local ok _seconds rps p50_ms p99_ms errors _rest
  read -r ok _seconds rps p50_ms p99_ms errors _rest <<< "$(sed -E 's/(^| )[a-z0-9_]+=/\1/g' <<< "$line")"
  record refresh "$1" "$rps" "$p50_ms" "$p99_ms" "$errors" "$([[ -z "$t1" ]] || cpu_ms_per "$t0" "$t1" "$ok")"
  echo "  $line" | tee -a "$RAW" >&2
}

median() { tr ' ' '\n' | sort -g | awk 'NF {a[++n] = $1} END {if (n == 0) print ""; else if (n % 2) print a[(n + 1) / 2]; else printf "%.2f\n", (a[n / 2] + a[n / 2 + 1]) / 2}'; }
sum() { tr ' ' '\n' | awk '{s += $1} END {print s + 0}'; }

AUTH_LOGIN_BODY="{\"username\":\"$USERNAME\",\"password\":\"$PASSWORD\"}"
KC_LOGIN_BODY="grant_type=password&client_id=$KC_CLIENT&client_secret=$KC_SECRET&username=$USERNAME&password=${PASSWORD// /+}"
KC_CC_BODY="grant_type=client_credentials&client_id=$KC_CLIENT&client_secret=$KC_SECRET"
FORM=application/x-www-form-urlencoded

# --- argon2id: one hash on this machine --------------------------------------------------------
HASH_MS='' KC_HASH_MS='' HASH_ALL_CORES=''
if wants hash; then
  say "argon2id: one hash, median of 20 (auth-service: argon2-jvm m=7168 KiB t=5 p=1)"
  HASH_MS=$("$JAVA" --enable-native-access=ALL-UNNAMED -cp "$CLASSES:$HASH_CP" HashTime argon2-jvm 7168 5 1 20 \
    | sed -E 's/^median_ms=([0-9.]+).*/\1/')
  KC_HASH_MS=$("$JAVA" -cp "$CLASSES:$HASH_CP" HashTime bc "$KC_HASH_M" "$KC_HASH_T" "$KC_HASH_P" 20 \
    | sed -E 's/^median_ms=([0-9.]+).*/\1/')
  say "  auth-service hash $HASH_MS ms; keycloak's (Bouncy Castle, m=$KC_HASH_M t=$KC_HASH_T p=$KC_HASH_P) $KC_HASH_MS ms (load $(loadavg))"
  # What a server that did nothing but hash would reach: one hashing thread per core, side by side
  # (they share the memory bus and the caches, so this is less than cores ÷ one hash's time).
  HASH_ALL_CORES=$("$JAVA" --enable-native-access=ALL-UNNAMED -cp "$CLASSES:$HASH_CP" HashTime argon2-jvm 7168 5 1 10 "$(nproc)" \
    | sed -E 's/^hashes_per_s=([0-9.]+).*/\1/')
  say "  argon2id hashing alone on $(nproc) threads: $HASH_ALL_CORES hashes/s"
fi
# What a server that did nothing but sign would reach: one signature per token, RSA-2048 for RS256,
# ECDSA P-256 for ES256 (both measured: the ratio is what the switch bought).
SIGN_ALL_CORES='' SIGN_EC_ALL_CORES=''
if command -v openssl >/dev/null 2>&1 && { wants refresh || wants cc; }; then
  SIGN_ALL_CORES=$(openssl speed -seconds 5 -multi "$(nproc)" rsa2048 2>/dev/null | awk '/^rsa 2048 bits/ {print $(NF - 1)}')
  SIGN_EC_ALL_CORES=$(openssl speed -seconds 5 -multi "$(nproc)" ecdsap256 2>/dev/null \
    | awk '/^ *256 bits ecdsa \(nistp256\)/ {print $(NF - 1)}')
  say "  signatures alone on $(nproc) processes (openssl speed): RSA-2048 $SIGN_ALL_CORES/s, ECDSA P-256 $SIGN_EC_ALL_CORES/s"
fi

# --- Password logins -----------------------------------------------------------------------------
if wants login; then
  say "password logins: wrk, $LOGIN_CONNECTIONS connections, warm-up ${WARMUP}s, $RUNS x ${DURATION}s per side"
  wrk_run login auth "$AUTH/api/auth/login" "$LOGIN_CONNECTIONS" "$WARMUP" application/json "$AUTH_LOGIN_BODY" warmup
  wrk_run login keycloak "$KC_TOKEN_URL" "$LOGIN_CONNECTIONS" "$WARMUP" "$FORM" "$KC_LOGIN_BODY" warmup
  for (( r = 1; r <= RUNS; r++ )); do   # interleaved, so a change in the machine's load hits both sides
    wrk_run login auth "$AUTH/api/auth/login" "$LOGIN_CONNECTIONS" "$DURATION" application/json "$AUTH_LOGIN_BODY"
    wrk_run login keycloak "$KC_TOKEN_URL" "$LOGIN_CONNECTIONS" "$DURATION" "$FORM" "$KC_LOGIN_BODY"
  done
fi

# --- Refresh grants (one chain of rotated tokens per connection) -------------------------------
if wants refresh; then
  say "refresh grants: LoadRefresh, $CONNECTIONS chains, warm-up ${WARMUP}s (later runs ${REWARM}s) + ${DURATION}s per run, $RUNS runs per side"
  for (( r = 1; r <= RUNS; r++ )); do
    warm=$(( r == 1 ? WARMUP : REWARM ))
    refresh_run auth "$warm" "$DURATION"
    refresh_run keycloak "$warm" "$DURATION"
  done
fi

# --- client_credentials grants -------------------------------------------------------------------
if wants cc; then
  say "client_credentials grants: wrk, $CONNECTIONS connections, warm-up ${WARMUP}s, $RUNS x ${DURATION}s per side"
  [[ -n "$AUTH_CC_STATE" ]] || wrk_run cc auth "$AUTH/oauth2/token" "$CONNECTIONS" "$WARMUP" "$FORM" "$AUTH_CC_BODY" warmup
  wrk_run cc keycloak "$KC_TOKEN_URL" "$CONNECTIONS" "$WARMUP" "$FORM" "$KC_CC_BODY" warmup
  for (( r = 1; r <= RUNS; r++ )); do
    [[ -n "$AUTH_CC_STATE" ]] || wrk_run cc auth "$AUTH/oauth2/token" "$CONNECTIONS" "$DURATION" "$FORM" "$AUTH_CC_BODY"
    wrk_run cc keycloak "$KC_TOKEN_URL" "$CONNECTIONS" "$DURATION" "$FORM" "$KC_CC_BODY"
  done
fi

# --- Memory after the load -----------------------------------------------------------------------
AUTH_RSS_LOAD=$(rss_mb "$AUTH_PID") AUTH_HWM=$(hwm_mb "$AUTH_PID")
KC_RSS_LOAD=$(rss_mb "$KC_PID") KC_HWM=$(hwm_mb "$KC_PID")
KAFKA_RSS=$(rss_mb "$(cat "$FLEET_DIR/pids/kafka.pid")") REDIS_RSS=$(rss_mb "$(cat "$FLEET_DIR/pids/redis.pid")")
LOAD_END=$(loadavg)

# --- Table --------------------------------------------------------------------------------------
fmt() { [[ -n "$1" ]] && printf '%s' "$1" || printf 'n/a'; }
ratio() { # A B -> A/B as "2.50×", or empty
  [[ -n "$1" && -n "$2" ]] && awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f×", a / b}'
}
verdict() { [[ -n "$1" ]] && { awk "BEGIN {exit !($1)}" && printf ' ✔ met' || printf ' ✘ missed'; }; }
m() { median <<< "${RPS["$1 $2"]:-}"; }
lat() { # METRIC SIDE -> "p50 / p99" medians
  local a b
  a=$(median <<< "${P50["$1 $2"]:-}"); b=$(median <<< "${P99["$1 $2"]:-}")
  [[ -n "$a" ]] && printf '%s / %s' "$a" "$b" || printf 'n/a'
}
errs() { local e; e=$(sum <<< "${ERRS["$1 $2"]:-}"); (( e == 0 )) || printf ' (%s failed)' "$e"; }
cpu() { median <<< "${CPU["$1 $2"]:-}"; }
cpu_row() { # METRIC LABEL: the servers' CPU per request, and how many times Keycloak's is auth-service's
  local a k
  a=$(cpu "$1" auth); k=$(cpu "$1" keycloak)
  echo "| $2 server CPU ms per request (ratio: Keycloak's ÷ auth-service's) | $(fmt "$a") | $(fmt "$k") | $(ratio "$k" "$a") | |"
}

{
echo "## auth-service vs Keycloak $KC_VERSION ($(date -u +%Y-%m-%dT%H:%MZ))"
echo
echo "Tree at commit $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- auth-service 2>/dev/null || echo ' (auth-service with uncommitted changes)'); auth-service jar built $AUTH_BUILT_AT."
echo
echo "$(nproc) cores; load average $LOAD_START at the start, $LOAD_END at the end."
echo "Median of $RUNS runs of ${DURATION} s after ${WARMUP} s of warm-up per metric (later refresh runs ${REWARM} s); logins $LOGIN_CONNECTIONS connections,"
echo "refresh $CONNECTIONS chains (each refresh presents the token the previous answer returned), client_credentials $CONNECTIONS connections."
echo "Access tokens: auth-service $AUTH_ALG (JWKS: $AUTH_JWKS), Keycloak $KC_ALG (realm defaultSignatureAlgorithm; JWKS signing keys: $KC_JWKS)."
echo
echo "| metric | auth-service | Keycloak | ratio | target |"
echo "| --- | --- | --- | --- | --- |"
if wants login; then
  a=$(m login auth); k=$(m login keycloak)
  goal=
  if [[ -n "$HASH_MS" ]]; then
    ceiling=$(awk -v c="$(nproc)" -v h="$HASH_MS" 'BEGIN {printf "%.1f", c * 1000 / h}')
    goal=$(awk -v c="$ceiling" 'BEGIN {printf "%.1f", 0.8 * c}')
  fi
  echo "| password logins/s | $(fmt "$a")$(errs login auth) | $(fmt "$k")$(errs login keycloak) | $(ratio "$a" "$k") | ${goal:+≥ $goal/s (80% of $(nproc) cores ÷ $HASH_MS ms = $ceiling/s)$(verdict "${a:-0} >= $goal")} |"
  echo "| login p50 / p99 ms | $(lat login auth) | $(lat login keycloak) | | |"
  cpu_row login login
fi
if wants refresh; then
  a=$(m refresh auth); k=$(m refresh keycloak)
  echo "| refresh grants/s | $(fmt "$a")$(errs refresh auth) | $(fmt "$k")$(errs refresh keycloak) | $(ratio "$a" "$k") | ≥ 5× Keycloak$( [[ -n "$a" && -n "$k" ]] && verdict "$a >= 5 * $k") |"
  echo "| refresh p50 / p99 ms | $(lat refresh auth) | $(lat refresh keycloak) | | |"
  cpu_row refresh refresh
fi
if wants cc; then
  a=$(m cc auth); k=$(m cc keycloak)
  echo "| client_credentials grants/s | ${AUTH_CC_STATE:-$(fmt "$a")$(errs cc auth)} | $(fmt "$k")$(errs cc keycloak) | $(ratio "$a" "$k") | ≥ 5× Keycloak$( [[ -n "$a" && -n "$k" ]] && verdict "$a >= 5 * $k") |"
  echo "| client_credentials p50 / p99 ms | $(if [[ -n "$AUTH_CC_STATE" ]]; then echo n/a; else lat cc auth; fi) | $(lat cc keycloak) | | |"
  cpu_row cc client_credentials
fi
echo "| RSS idle MB | $AUTH_RSS_IDLE | $KC_RSS_IDLE | $(awk -v a="$AUTH_RSS_IDLE" -v k="$KC_RSS_IDLE" 'BEGIN {printf "%.0f%%", 100 * a / k}') | ≤ 25% of Keycloak$(verdict "$AUTH_RSS_IDLE <= 0.25 * $KC_RSS_IDLE") |"
echo "| RSS after the load MB (peak) | $AUTH_RSS_LOAD ($AUTH_HWM) | $KC_RSS_LOAD ($KC_HWM) | $(awk -v a="$AUTH_RSS_LOAD" -v k="$KC_RSS_LOAD" 'BEGIN {printf "%.0f%%", 100 * a / k}') | ≤ 25% of Keycloak$(verdict "$AUTH_RSS_LOAD <= 0.25 * $KC_RSS_LOAD") |"
echo
if wants hash; then
  echo "One argon2id hash here (median of 20, one thread): auth-service's argon2-jvm, m=7168 KiB t=5 p=1: **$HASH_MS ms**;"
  echo "Keycloak's default, $KC_HASH, in Bouncy Castle (what Keycloak calls): $KC_HASH_MS ms."
  echo "Hashing alone, one thread per core side by side (HashTime, 10 s): **$HASH_ALL_CORES hashes/s**: no server can log in faster here."
fi
[[ -z "$SIGN_ALL_CORES" ]] || echo "Signing alone on $(nproc) processes (\`openssl speed -multi $(nproc) rsa2048 / ecdsap256\`, $(openssl version | cut -d' ' -f1-2)): RSA-2048 **$SIGN_ALL_CORES signatures/s**, ECDSA P-256 **${SIGN_EC_ALL_CORES:-n/a} signatures/s**: an RS256 (ES256) issuer hands out at most that many tokens per second here."
echo "auth-service: JVM \`$AUTH_JAVA_OPTS\`, MALLOC_ARENA_MAX=2, SQLite synchronous=NORMAL with a group commit (an fsync before every answer)."
echo "Keycloak: \`kc.sh start-dev\` (H2, shipped JVM defaults: G1, -Xms64m -Xmx512m), realm revokeRefreshToken=$KC_REVOKE_REFRESH."
echo "Both return a new refresh token on every refresh; a second use of a used one got: auth-service $AUTH_REUSE"
echo "(200 = inside its grace window, auth.tokens.refresh-grace-window), Keycloak $KC_REUSE. The load never reuses a token."
echo "Not in auth-service's RSS: the Kafka broker ($KAFKA_RSS MB) and Redis ($REDIS_RSS MB) it needs (Keycloak embeds H2 and Infinispan)."
echo "Every run: \`$RAW\`; logs: \`$LOGS\`."
} | tee "$TARGET/results-$STAMP.md"
