-- Half-load runs: plain wrk has no fixed-rate mode (wrk2's -R), so each connection waits
-- WRK_DELAY_MS after every response before its next request. C connections then offer about
-- C * 1000 / (WRK_DELAY_MS + latency) requests per second; run.sh reports the rate achieved.
local pause = tonumber(os.getenv("WRK_DELAY_MS") or "0")

function delay()
  return pause
end
