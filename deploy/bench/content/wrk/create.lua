-- POST /api/content: a new public blog post with unique title each time (so each gets its own
-- slug without a clash), a text that passes the ethics check, two tags. Token from $TOKEN.
local token = os.getenv("TOKEN")
local run = os.getenv("RUN_ID") or tostring(os.time())
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
local n = 0
request = function()
  n = n + 1
  local body = '{"type":"blog_post","visibility":"public","title":"Bench ' .. run .. ' ' .. tid .. ' ' .. n ..
    '","body":"Notes on growing herbs on a windowsill: light, water and patience, entry ' .. n ..
    '.","tags":["bench","herbs"]}'
  return wrk.format("POST", "/api/content",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }, body)
end
