-- Grabs one packet of a pool (a drop or a group packet) for each of a batch of users, or says why
-- not, in the order given. The service batches the grabs that arrive together for one pool into
-- one call (a batch of one is a single grab); each grab is decided exactly as if it ran alone.
-- Every check comes before the first write to money state; the packet pop, the claim and the
-- stream entry happen together.
-- KEYS[1] pool meta hash {status OPEN|PAUSED|CLOSED, startMs, endMs, maxGrabs, remainingCents}
-- KEYS[2] pool packets list, entries "index:amount"
-- KEYS[3] pool claims hash, user -> "grabId:index:amount:grabbedMs"
-- KEYS[4] scope grabs hash, user -> packets taken in the campaign (a group packet is its own scope)
-- KEYS[5] scope bonus hash, user -> extra chances earned (already capped)
-- KEYS[6] grab stream (the relay moves it to Kafka)
-- KEYS[6 + i] the attempt counter for this second of the i-th grab's user
-- ARGV[1] stream length limit, ARGV[2] attempts per second, ARGV[3] pool id,
-- ARGV[4] owner (campaign id of a drop, pai id of a group packet), ARGV[5] pool kind,
-- then per grab i: ARGV[4 + 2i] user id, ARGV[5 + 2i] a fresh grab id
-- Returns one reply per grab, {outcome[, claim]}; outcome OK | REPLAY | NOT_LOADED | NOT_ACTIVE |
-- LIMIT | BUSY | SOLD_OUT | RATE_LIMITED.
-- Keeps docs/contract.md invariant 2 (one packet per user per drop, per campaign at most maxGrabs +
-- bonus) and invariant 5's "no grab succeeds after the close" (the close script sets CLOSED atomically).
local function grab(user, grabId, attemptsKey)
  local claim = redis.call('HGET', KEYS[3], user)
  if claim then
    return {'REPLAY', claim}
  end
  local attempts = redis.call('INCR', attemptsKey)
  if attempts == 1 then
    redis.call('EXPIRE', attemptsKey, 2)
  end
  if attempts > tonumber(ARGV[2]) then
    return {'RATE_LIMITED'}
  end
  local meta = redis.call('HMGET', KEYS[1], 'status', 'startMs', 'endMs', 'maxGrabs')
  -- The scope's counters carry a '~' field from the load: without it Redis lost them, and a limit
  -- checked against nothing would let a user past it.
  if not meta[1] or redis.call('HEXISTS', KEYS[4], '~') == 0 then
    return {'NOT_LOADED'}
  end
  local time = redis.call('TIME')
  local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
  if meta[1] ~= 'OPEN' or now < tonumber(meta[2]) or now >= tonumber(meta[3]) then
    return {'NOT_ACTIVE'}
  end
  local used = tonumber(redis.call('HGET', KEYS[4], user) or '0')
  local bonus = tonumber(redis.call('HGET', KEYS[5], user) or '0')
  if used >= tonumber(meta[4]) + bonus then
    return {'LIMIT'}
  end
  if redis.call('XLEN', KEYS[6]) >= tonumber(ARGV[1]) then
    return {'BUSY'}
  end
  local packet = redis.call('LPOP', KEYS[2])
  if not packet then
    return {'SOLD_OUT'}
  end
  local colon = string.find(packet, ':', 1, true)
  local amount = tonumber(string.sub(packet, colon + 1))
  local value = grabId .. ':' .. packet .. ':' .. now
  redis.call('HSET', KEYS[3], user, value)
  redis.call('HINCRBY', KEYS[4], user, 1)
  redis.call('HINCRBY', KEYS[1], 'remainingCents', -amount)
  redis.call('XADD', KEYS[6], '*', 'type', 'GRAB', 'claim', value, 'user', user, 'pool', ARGV[3], 'owner', ARGV[4],
    'kind', ARGV[5])
  return {'OK', value}
end

local replies = {}
for i = 1, #KEYS - 6 do
  replies[i] = grab(ARGV[4 + 2 * i], ARGV[5 + 2 * i], KEYS[6 + i])
end
return replies
