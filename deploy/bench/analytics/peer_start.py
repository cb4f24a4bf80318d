"""The start line of a SQLite peer that pipeline_peer.sh runs beside Kafka's perf tools: with PEER_GO set, the
peer makes its data first, says so by creating PEER_GO.ready, and starts its clock (and its writes) only once
PEER_GO exists, so that the parts started together share the same seconds of the machine."""
import os
import time


def wait_for_go():
    go = os.environ.get("PEER_GO")
    if not go:
        return
    open(go + ".ready", "w").close()
    while not os.path.exists(go):
        time.sleep(0.001)
