-- The nginx-redis target's access phase: nginx pays what the gateway's rate limit costs on the
-- wire, one Redis round trip per request, and nothing else (no token check). It runs the gateway's
-- own GCRA script (loaded by run.sh, called by its SHA as the gateway does) with the same shape
-- of keys and arguments, over a connection kept in the worker's pool, and answers 429 when the
-- script refuses. So the added cost of a Redis call on this machine is measured with the best
-- C proxy there is, side by side with the gateway.
local sock = ngx.socket.tcp()
sock:settimeouts(50, 50, 50) -- the gateway's redis-timeout
local ok, err = sock:connect("127.0.0.1", tonumber(ngx.var.redis_port))
if not ok then
  ngx.log(ngx.ERR, "redis: ", err)
  return ngx.exit(503)
end

-- KEYS: the bucket, the session's revocation marker, the user's quota from billing; ARGV: emission
-- interval (µs), limit, cost, check the session, look up the user's quota, billing's period (µs).
-- A limit of 10^9 per 10^9 µs never trips, as in the gateway's bench setup; the user has no quota
-- of their own (the lookup is paid, as for every user token).
local args = { "EVALSHA", ngx.var.gcra_sha, "3", "rl:user:bench", "revoked:bench-session", "quota:user:bench",
  "1", "1000000000", "1", "1", "1", "60000000" }
local command = { "*", #args, "\r\n" }
for _, arg in ipairs(args) do
  command[#command + 1] = "$" .. #arg .. "\r\n" .. arg .. "\r\n"
end
local _, send_err = sock:send(command)
if send_err then
  ngx.log(ngx.ERR, "redis: ", send_err)
  return ngx.exit(503)
end

-- The reply is an array of five integers: {1 allowed | 0 refused | -1 revoked, remaining, ..., limit}.
local header, read_err = sock:receive("*l")
if header ~= "*5" then
  ngx.log(ngx.ERR, "redis: unexpected reply ", header or read_err)
  sock:close()
  return ngx.exit(503)
end
local status = sock:receive("*l")
for _ = 2, 5 do
  sock:receive("*l")
end
sock:setkeepalive(60000, 64)
if status ~= ":1" then
  return ngx.exit(status == ":-1" and 401 or 429)
end
