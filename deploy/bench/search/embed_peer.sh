#!/usr/bin/env bash
# The embedding peer of the search bench (issue 15's ≥ 300 items/s): the service's embedding stack (langchain4j's
# tokenizer and encoder over ONNX Runtime for Java, Embedder's session options; EmbedRef.java) beside Microsoft's
# ONNX Runtime through its Node binding (embed_peer.mjs; onnxruntime-node from npm, whose CPU library ships in the
# package), on the same model file (taken from langchain4j's jar), the same token ids (made by langchain4j's
# tokenizer) and the bench's own pieces (bench.py's generator). Each row: pieces/s, CPU ms per piece (the process's,
# every thread), the cosine of each vector to the service's; medians of RUNS. Prints markdown and writes
# BENCH_SEARCH_DIR/peer/results.md. Node missing: the service's rows alone.
#
#   deploy/bench/search/embed_peer.sh                   # PIECES=1000 RUNS=3
#   NEWER_ORT=1 deploy/bench/search/embed_peer.sh       # also the newest ONNX Runtime for Java on Maven under the service's code
#   ONLY=node deploy/bench/search/embed_peer.sh         # the peer's rows alone (ONLY=java: the service's alone)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
cd "$ROOT"
. .mvn/java-home.sh
JAVA_HOME=$(mbv_find_java_home)
export JAVA_HOME
OUT=${BENCH_SEARCH_DIR:-$HERE/target}/peer
mkdir -p "$OUT"
# The service's versions, so the class path is its embedding stack.
VERSION=$(sed -n 's:.*<langchain4j-embeddings.version>\(.*\)</langchain4j-embeddings.version>.*:\1:p' content-service/pom.xml)
ORT=$(sed -n 's:.*<onnxruntime.version>\(.*\)</onnxruntime.version>.*:\1:p' content-service/pom.xml)
./mvnw -q -B -f "$HERE/peer-classpath.xml" dependency:build-classpath -Dlangchain4j-embeddings.version="$VERSION" \
  -Donnxruntime.version="$ORT" -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null
NEWER=""
if [ "${NEWER_ORT:-0}" = 1 ]; then
  ./mvnw -q -B -f "$HERE/peer-classpath.xml" dependency:build-classpath -Dlangchain4j-embeddings.version="$VERSION" \
    -Donnxruntime.version='[1.21.0,)' -Dmdep.outputFile="$OUT/classpath-newer.txt" >/dev/null
  NEWER=$(cat "$OUT/classpath-newer.txt")
fi
if ! command -v node >/dev/null 2>&1; then
  echo "node is not installed: the peer (onnxruntime-node) is skipped; the service's stack alone" >&2
  export ONLY=java
elif [ "${ONLY:-}" != java ] && [ ! -d "$HERE/node_modules/onnxruntime-node" ]; then
  # The package's install script fetches only GPU libraries (from outside the npm registry): skipped.
  (cd "$HERE" && ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund >/dev/null)
fi
exec python3 "$HERE/embed_peer.py" "$JAVA_HOME/bin/java" "$(cat "$OUT/classpath.txt")" $NEWER
