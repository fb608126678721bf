-- Replaces a pai's watch/listen session state only if it is still the state the caller read.
-- KEYS[1]  pai:chat:playback:<deployment>:<paiId>  the session state as JSON, with a "version" field
-- ARGV[1]  the version the caller read ("0" when there was no state)
-- ARGV[2]  the new state as JSON (its version is ARGV[1] + 1)
-- ARGV[3]  seconds the state lives without a change
-- Invariant: every state is computed from the one it replaces, so two concurrent controls (a seek
-- racing a hand-over) never merge into a state that neither of them made. Returns 1 if set, 0 if
-- the caller must read again.
local current = redis.call('GET', KEYS[1])
local version = 0
if current then
  version = cjson.decode(current).version
end
if tostring(version) ~= ARGV[1] then
  return 0
end
redis.call('SET', KEYS[1], ARGV[2], 'EX', tonumber(ARGV[3]))
return 1
