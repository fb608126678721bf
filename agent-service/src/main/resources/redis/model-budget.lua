-- Reserves one model call in a pai's hourly budget, or refuses it, in one round trip.
-- KEYS[1]  pai:agent:model:<paiId>:<epoch hour>  the calls reserved in that hour
-- ARGV[1]  the pai's hourly limit
-- ARGV[2]  seconds the counter lives (two hours, so that instances whose clocks differ a little agree)
-- Invariant: the counter never exceeds the limit, so it is the number of calls the pai made that hour.
-- Returns 1 when the call is reserved, 0 when the hour's budget is spent.
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
if used >= tonumber(ARGV[1]) then
  return 0
end
if redis.call('INCR', KEYS[1]) == 1 then
  redis.call('EXPIRE', KEYS[1], tonumber(ARGV[2]))
end
return 1
