-- Takes or renews the relay lease: one relay at a time moves the stream to Kafka.
-- KEYS[1] lease key; ARGV[1] the caller's token, ARGV[2] lease time in ms
-- Returns 1 when the caller holds the lease now, 0 when another does.
local holder = redis.call('GET', KEYS[1])
if holder == false or holder == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
