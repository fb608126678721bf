-- Closes a pool (a drop, or a group packet at expiry): no grab succeeds after this, and what is left goes into the stream once, for the
-- ledger to refund (docs/contract.md invariant 5). A second close, from another scheduler, changes nothing.
-- KEYS[1] drop meta hash, KEYS[2] drop packets list, KEYS[3] drop claims hash, KEYS[4] grab stream
-- ARGV[1] pool id, ARGV[2] owner (campaign or pai id), ARGV[3] seconds to keep the claims for repeated
-- grabs, ARGV[4] pool kind
-- Returns {'CLOSED', remainingCents, remainingPackets} or {'ALREADY'} or {'NOT_LOADED'}.
local meta = redis.call('HMGET', KEYS[1], 'status', 'remainingCents')
if not meta[1] then
  return {'NOT_LOADED'}
end
if meta[1] == 'CLOSED' then
  return {'ALREADY'}
end
local packets = redis.call('LLEN', KEYS[2])
redis.call('HSET', KEYS[1], 'status', 'CLOSED')
redis.call('DEL', KEYS[2])
redis.call('XADD', KEYS[4], '*', 'type', 'CLOSE', 'pool', ARGV[1], 'owner', ARGV[2], 'kind', ARGV[4],
  'amount', meta[2], 'packets', packets)
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('EXPIRE', KEYS[3], ARGV[3])
return {'CLOSED', meta[2], packets}
