-- Counts a sign-in attempt against its account name and its client address, unless either is locked.
-- KEYS[1]  pai:chat:signin:name:<lower-case name>  sign-ins of that name that have not succeeded
-- KEYS[2]  pai:chat:signin:address:<address>       the same, from that client address
-- ARGV[1]  the name's limit   ARGV[2]  the address's limit   ARGV[3]  the window, in milliseconds
-- Invariant: a counter holds the attempts since its first one that did not succeed (signin-succeeded.lua
-- takes a success back out) and lives one window from that first attempt; at its limit nothing more is
-- counted or let through until it expires. The attempt is counted before its password is checked, so
-- that many attempts at once cannot slip past the limit together.
-- Returns {0, 0} when the attempt may go on, else {1 (the name) or 2 (the address), ms until it opens}.
for i, key in ipairs(KEYS) do
  local count = tonumber(redis.call('GET', key) or '0')
  if count >= tonumber(ARGV[i]) then
    local ttl = redis.call('PTTL', key)
    if ttl < 0 then
      -- a counter without an expiry would lock for ever: give it the window it should have had
      redis.call('PEXPIRE', key, ARGV[3])
      ttl = tonumber(ARGV[3])
    end
    return {i, ttl}
  end
end
for _, key in ipairs(KEYS) do
  if redis.call('INCR', key) == 1 then
    redis.call('PEXPIRE', key, ARGV[3])
  end
end
return {0, 0}
