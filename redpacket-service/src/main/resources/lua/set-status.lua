-- Pauses or resumes a loaded drop; a closed drop stays closed.
-- KEYS[1] drop meta hash; ARGV[1] OPEN or PAUSED. Returns the status now.
local status = redis.call('HGET', KEYS[1], 'status')
if not status or status == 'CLOSED' then
  return status or 'NOT_LOADED'
end
redis.call('HSET', KEYS[1], 'status', ARGV[1])
return ARGV[1]
