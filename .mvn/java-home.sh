# Sourced by ./mvnw, deploy/local/fleet.sh and .ci/run: exports JAVA_HOME pointing at a JDK 21+.
# Order: $JAVA_HOME if new enough, the `java` on PATH, then the newest JDK under /usr/lib/jvm.

mbv_java_major() { # prints the major version of the JDK at $1, or 0
  local release="$1/release" v
  [ -f "$release" ] || { echo 0; return; }
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
  echo "${v:-0}"
}

mbv_find_java_home() {
  local min=21 candidate best="" best_major=0 major
  if [ -n "${JAVA_HOME:-}" ] && [ "$(mbv_java_major "$JAVA_HOME")" -ge $min ]; then
    echo "$JAVA_HOME"; return 0
  fi
  if command -v java >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    if [ "$(mbv_java_major "$candidate")" -ge $min ]; then echo "$candidate"; return 0; fi
  fi
  # find, not a glob: ./mvnw runs with globbing off (set -f).
  for candidate in $(find /usr/lib/jvm /opt/java /usr/local/lib/jvm -mindepth 1 -maxdepth 1 2>/dev/null); do
    [ -x "$candidate/bin/java" ] || continue
    major=$(mbv_java_major "$candidate")
    if [ "$major" -ge $min ] && [ "$major" -gt "$best_major" ]; then best="$candidate"; best_major=$major; fi
  done
  [ -n "$best" ] && { echo "$best"; return 0; }
  echo "No JDK $min+ found: install one (e.g. apt-get install openjdk-21-jdk-headless) or set JAVA_HOME." >&2
  return 1
}

if MBV_JAVA_HOME=$(mbv_find_java_home); then
  export JAVA_HOME="$MBV_JAVA_HOME"
  export PATH="$JAVA_HOME/bin:$PATH"
fi
