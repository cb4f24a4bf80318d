-- GET /api/content/{id} of a random published post: ids from $IDS_FILE (one per line, written by
-- ContentLoad seed). Anonymous, as the public reads are.
local ids = {}
for line in io.lines(os.getenv("IDS_FILE")) do ids[#ids + 1] = line end
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/api/content/" .. ids[math.random(#ids)])
end
