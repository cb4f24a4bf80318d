-- wrk script for the auth benchmark: the same POST on every request, body and content type from
-- the environment (WRK_BODY, WRK_CONTENT_TYPE). At the end prints one machine-readable line:
--   WRKRESULT requests=N seconds=T non2xx=N socket_errors=N p50_ms=X p99_ms=X
-- Only 2xx answers are successes: run.sh divides (requests - non2xx - socket errors) by the time.
wrk.method = "POST"
wrk.body = os.getenv("WRK_BODY") or error("WRK_BODY is not set")
wrk.headers["Content-Type"] = os.getenv("WRK_CONTENT_TYPE") or "application/json"
wrk.headers["User-Agent"] = "wrk-auth-bench"

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRKRESULT requests=%d seconds=%.3f non2xx=%d socket_errors=%d p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.duration / 1e6, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
