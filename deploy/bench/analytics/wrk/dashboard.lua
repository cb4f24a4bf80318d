-- GET /api/analytics/content/{id} of a random seeded content (all the token's author's), QUERY appended.
local ids = {}
for line in io.lines(os.getenv("IDS_FILE")) do ids[#ids + 1] = line end
local query = os.getenv("QUERY") or ""
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
request = function()
  return wrk.format("GET", "/api/analytics/content/" .. ids[math.random(#ids)] .. query)
end
