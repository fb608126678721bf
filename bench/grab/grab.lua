-- wrk script for the grab benchmark: every request is a grab by a different user.
-- Reads the tokens file named by the environment variable GRAB_TOKENS (one JWT a line); thread k of
-- n takes lines k, k+n, k+2n, ... so no two requests share a user. A thread that has used all its
-- tokens sends a request without a token (answered 401, counted as "exhausted") and stops, unless
-- GRAB_CYCLE is 1 (the warm-up): then it starts over, and the repeats are answered as replays.
-- The path comes from the URL given to wrk: /api/redpackets/drops/<id>/grab.

local threads = {}
local counter = 0

function setup(thread)
  thread:set("index", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  tokens = {}
  local file = assert(io.open(os.getenv("GRAB_TOKENS"), "r"))
  local line_no = 0
  local threads_total = tonumber(os.getenv("GRAB_THREADS"))
  for line in file:lines() do
    if line_no % threads_total == index then
      tokens[#tokens + 1] = line
    end
    line_no = line_no + 1
  end
  file:close()
  next_token = 1
  cycle = os.getenv("GRAB_CYCLE") == "1"
  statuses = {}
  exhausted = 0
  wrk.method = "POST"
  wrk.body = ""
end

function request()
  if cycle and next_token > #tokens then
    next_token = 1
  end
  local token = tokens[next_token]
  next_token = next_token + 1
  if token == nil then
    exhausted = exhausted + 1
    return wrk.format("POST", nil, {["X-Bench"] = "exhausted"}, "")
  end
  return wrk.format("POST", nil, {["Authorization"] = "Bearer " .. token}, "")
end

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
  if not cycle and next_token > #tokens + 1 then
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local merged = {}
  local exhausted_total = 0
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for status, n in pairs(counts) do
      merged[status] = (merged[status] or 0) + n
    end
    exhausted_total = exhausted_total + thread:get("exhausted")
  end
  -- One machine-readable line each, read by run.sh.
  io.write(string.format("BENCH duration_s %.3f\n", summary.duration / 1e6))
  io.write(string.format("BENCH requests %d\n", summary.requests))
  io.write(string.format("BENCH errors connect=%d read=%d write=%d timeout=%d status=%d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout,
    summary.errors.status))
  io.write(string.format("BENCH latency_ms p50=%.2f p90=%.2f p99=%.2f max=%.2f mean=%.2f\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, latency.mean / 1000))
  io.write(string.format("BENCH exhausted %d\n", exhausted_total))
  for status, n in pairs(merged) do
    io.write(string.format("BENCH status %s %d\n", status, n))
  end
end
