-- Adds a share reward's extra grab chances to a user's campaign bonus, at most once per reward
-- and never beyond the campaign's cap (docs/contract.md invariant 2: maxGrabsPerUser plus capped
-- bonus chances).
-- KEYS[1] campaign bonus hash (user -> chances), KEYS[2] campaign applied-rewards set
-- ARGV[1] user id, ARGV[2] reward id, ARGV[3] chances the reward gives, ARGV[4] cap per user
-- Returns the user's bonus after the call, or -1 when the reward had been applied before.
if redis.call('SADD', KEYS[2], ARGV[2]) == 0 then
  return -1
end
local current = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
local raised = math.min(current + tonumber(ARGV[3]), tonumber(ARGV[4]))
redis.call('HSET', KEYS[1], ARGV[1], raised)
return raised
