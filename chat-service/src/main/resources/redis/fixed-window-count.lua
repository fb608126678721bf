-- Counts one call against a fixed window (a user's sends, an address's sign-ups), in one round trip (and,
-- with appendfsync always, one fsync) instead of an INCR and an EXPIRE.
-- KEYS[1]  <prefix>:<subject>:<window number>  the calls counted in that window
-- ARGV[1]  seconds the counter lives: the window's length and one more
-- Invariant: a counter never outlives its window by more than a second, so a window starts at 0
-- however the calls were spread. Returns the count including this call.
local counted = redis.call('INCR', KEYS[1])
if counted == 1 then
  redis.call('EXPIRE', KEYS[1], tonumber(ARGV[1]))
end
return counted
