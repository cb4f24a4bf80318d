-- POST /api/events with one event per request, a fresh id each time, about a random seeded content id.
local ids = {}
for line in io.lines(os.getenv("IDS_FILE")) do ids[#ids + 1] = line end
local now = os.getenv("NOW_ISO")
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
local function uuid()
  return string.format("%08x-%04x-4%03x-%04x-%012x", math.random(0, 0xffffffff), math.random(0, 0xffff),
    math.random(0, 0xfff), math.random(0x8000, 0xbfff), math.random(0, 0xffffffff) * 0x10000 + math.random(0, 0xffff))
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0"
request = function()
  return wrk.format(nil, "/api/events", nil, '{"events":[{"id":"' .. uuid() .. '","event_type":"view","content_id":"'
    .. ids[math.random(#ids)] .. '","occurred_at":"' .. now .. '"}]}')
end
