-- gateway-fresh: every request carries another valid access token (BenchToken's tokens file,
-- WRK_TOKENS), so the gateway's verified-token cache never holds it and each request pays a full
-- signature verification. Each thread walks the file from its own offset. WRK_DELAY_MS paces the
-- half-load runs as paced.lua does.
local pause = tonumber(os.getenv("WRK_DELAY_MS") or "0")
local tokens = {}
local next_index = 1
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("offset", threads)
end

function init(args)
  for line in io.lines(os.getenv("WRK_TOKENS")) do
    tokens[#tokens + 1] = line
  end
  next_index = (tonumber(offset) or 1) * math.floor(#tokens / 4) % #tokens + 1
end

function request()
  local headers = {}
  for name, value in pairs(wrk.headers) do
    headers[name] = value
  end
  headers["Authorization"] = "Bearer " .. tokens[next_index]
  next_index = next_index % #tokens + 1
  return wrk.format(nil, nil, headers)
end

function delay()
  return pause
end
