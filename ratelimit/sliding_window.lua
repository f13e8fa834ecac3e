-- Exact sliding-window log over every window of one client, atomically, on Redis's clock.
-- KEYS[i]   one sorted set per window (all share one hash tag, so one Cluster slot)
-- ARGV[1]   member suffix (3 digits, so members stay 19-digit integers Redis packs small)
-- ARGV[2]   clock offset in microseconds (0 in production; tests move time with it)
-- ARGV[2+2i-1], ARGV[2+2i]   limit and window length (microseconds) of KEYS[i]
-- Returns {allowed, blocked, used_1, reset_1, used_2, reset_2, ...}: allowed is 1 or 0,
-- blocked the index of the first full window (0 if none), used the entries in the window after
-- this request, reset the microseconds until usage drops below the limit (full window) or until
-- the oldest entry ages out (otherwise).
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2]) + tonumber(ARGV[2])
local n = #KEYS
local counts, limits, windows = {}, {}, {}
local blocked = 0
for i = 1, n do
  local limit = tonumber(ARGV[1 + 2 * i])
  local window = tonumber(ARGV[2 + 2 * i])
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
  local count = redis.call('ZCARD', KEYS[i])
  counts[i], limits[i], windows[i] = count, limit, window
  if count >= limit and blocked == 0 then blocked = i end
end
if blocked == 0 then
  local member = string.format('%d', now) .. ARGV[1]
  for i = 1, n do
    redis.call('ZADD', KEYS[i], now, member)
    redis.call('PEXPIRE', KEYS[i], math.ceil(windows[i] / 1000))
    counts[i] = counts[i] + 1
  end
end
local out = {blocked == 0 and 1 or 0, blocked}
for i = 1, n do
  local index = 0
  if counts[i] >= limits[i] then index = counts[i] - limits[i] end
  local entry = redis.call('ZRANGE', KEYS[i], index, index, 'WITHSCORES')
  local reset = windows[i]
  if entry[2] then reset = tonumber(entry[2]) + windows[i] - now end
  out[#out + 1] = counts[i]
  out[#out + 1] = reset
end
return out
