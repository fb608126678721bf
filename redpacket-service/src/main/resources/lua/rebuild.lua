-- Restores a pool that Redis lost, from PostgreSQL's truth: the packets not in the ledger become
-- the list (staged beforehand), the ledger's grabs become the claims, and the meta appears last,
-- all in one step. A pool Redis still (or again) holds is left alone, so a rebuild never doubles
-- a packet (docs/contract.md invariant 1) or forgets a grab (docs/contract.md invariants 2 and 4).
-- KEYS[1] meta hash, KEYS[2] packets list, KEYS[3] staged packets list, KEYS[4] claims hash,
-- KEYS[5] staged claims hash (user -> "grabId:index:amount:grabbedMs"), KEYS[6] the scope's grabs hash
-- ARGV[1] startMs, ARGV[2] endMs, ARGV[3] maxGrabs, ARGV[4] remainingCents, ARGV[5] remaining packets,
-- ARGV[6] status, ARGV[7] claims staged
-- Returns 'REBUILT', 'ALREADY' or 'INCOMPLETE'.
if redis.call('EXISTS', KEYS[1]) == 1 and redis.call('HEXISTS', KEYS[6], '~') == 1 then
  redis.call('DEL', KEYS[3], KEYS[5])
  return 'ALREADY'
end
if redis.call('LLEN', KEYS[3]) ~= tonumber(ARGV[5]) or redis.call('HLEN', KEYS[5]) ~= tonumber(ARGV[7]) then
  redis.call('DEL', KEYS[3], KEYS[5])
  return 'INCOMPLETE'
end
redis.call('DEL', KEYS[2], KEYS[4])
if tonumber(ARGV[5]) > 0 then
  redis.call('RENAME', KEYS[3], KEYS[2])
end
if tonumber(ARGV[7]) > 0 then
  redis.call('RENAME', KEYS[5], KEYS[4])
end
redis.call('HSET', KEYS[6], '~', 1)
redis.call('HSET', KEYS[1], 'status', ARGV[6], 'startMs', ARGV[1], 'endMs', ARGV[2], 'maxGrabs', ARGV[3],
  'remainingCents', ARGV[4])
return 'REBUILT'
