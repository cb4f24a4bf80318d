-- GET /api/content/feed?limit=20: a page of the public feed, the first or one further down (a
-- cursor from $CURSORS_FILE, written by ContentLoad seed), one of each kind in turn.
local cursors = {}
for line in io.lines(os.getenv("CURSORS_FILE")) do cursors[#cursors + 1] = line end
math.randomseed(os.time())
local n = 0
request = function()
  n = n + 1
  if n % 2 == 0 or #cursors == 0 then
    return wrk.format("GET", "/api/content/feed?limit=20")
  end
  return wrk.format("GET", "/api/content/feed?limit=20&cursor=" .. cursors[math.random(#cursors)])
end
