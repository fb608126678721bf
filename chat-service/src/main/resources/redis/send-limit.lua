-- Counts one send against a user's fixed window, in one round trip (and, with appendfsync always,
-- one fsync) instead of an INCR and an EXPIRE.
-- KEYS[1]  pai:chat:sends:<userId>:<window number>  the sends counted in that window
-- ARGV[1]  seconds the counter lives: the window's length and one more
-- Invariant: a counter never outlives its window by more than a second, so a window starts at 0
-- however the sends were spread. Returns the count including this send.
local sent = redis.call('INCR', KEYS[1])
if sent == 1 then
  redis.call('EXPIRE', KEYS[1], tonumber(ARGV[1]))
end
return sent
