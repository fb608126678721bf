-- Trims the grab stream below the first entry the relay has not yet seen acknowledged by Kafka,
-- but only while the caller still holds the relay lease (fencing): a relay that lost its lease
-- must not trim what the new one may still need.
-- KEYS[1] lease key, KEYS[2] grab stream; ARGV[1] the caller's lease token, ARGV[2] the min id to keep
-- Returns the number of entries trimmed, or -1 when the lease is not the caller's.
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return -1
end
return redis.call('XTRIM', KEYS[2], 'MINID', ARGV[2])
