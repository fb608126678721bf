-- Makes a drop grabbable: the packets pushed by one loader into its own staging list become the
-- drop's list, and the meta appears, in one step. A second loader finds the meta and backs off,
-- so packets are never loaded twice (docs/contract.md invariant 1).
-- KEYS[1] drop meta hash, KEYS[2] drop packets list, KEYS[3] this loader's staging list,
-- KEYS[4] the scope's grabs hash, which gets its '~' marker (see grab.lua)
-- ARGV[1] startMs, ARGV[2] endMs, ARGV[3] maxGrabs, ARGV[4] amountCents, ARGV[5] packet count,
-- ARGV[6] status (OPEN or PAUSED)
-- Returns 'LOADED', 'ALREADY' or 'INCOMPLETE' (the staging list does not hold every packet).
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('DEL', KEYS[3])
  return 'ALREADY'
end
if redis.call('LLEN', KEYS[3]) ~= tonumber(ARGV[5]) then
  redis.call('DEL', KEYS[3])
  return 'INCOMPLETE'
end
redis.call('RENAME', KEYS[3], KEYS[2])
redis.call('HSET', KEYS[4], '~', 1)
redis.call('HSET', KEYS[1], 'status', ARGV[6], 'startMs', ARGV[1], 'endMs', ARGV[2], 'maxGrabs', ARGV[3],
  'remainingCents', ARGV[4])
return 'LOADED'
