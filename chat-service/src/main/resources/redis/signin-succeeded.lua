-- A sign-in with the right password: its name's failures are forgiven, and its address's counter gives
-- back the attempt signin-attempt.lua counted for it, so that only failures lock an address.
-- KEYS[1]  pai:chat:signin:name:<lower-case name>   KEYS[2]  pai:chat:signin:address:<address>
-- Invariant: the address's counter never goes below zero, and keeps its expiry.
redis.call('DEL', KEYS[1])
if tonumber(redis.call('GET', KEYS[2]) or '0') > 0 then
  redis.call('DECR', KEYS[2])
end
return 0
