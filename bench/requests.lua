-- wrk script: sends raw HTTP requests read from a file prepared before the run (bench/wrk.ts), one after
-- the other, so no signing happens while wrk measures. Each request ends with an empty line (no body).
--   wrk -s bench/requests.lua <url> -- <file> once|cycle
-- once: each request is sent at most once (a fresh nonce each); running out is reported as exhausted.
-- cycle: the file is replayed (the baseline verifies nothing). done() prints one JSON line.
local requests, count, next_index = {}, 0, 0
local cycle = false
-- Global, so that done() can read it from each thread.
exhausted = 0

function init(args)
  local file = assert(io.open(args[1], "rb"))
  local data = file:read("*a")
  file:close()
  local from = 1
  while true do
    local stop = string.find(data, "\r\n\r\n", from, true)
    if not stop then break end
    count = count + 1
    requests[count] = string.sub(data, from, stop + 3)
    from = stop + 4
  end
  cycle = args[2] == "cycle"
end

function request()
  next_index = next_index + 1
  if next_index > count then
    next_index = 1
    if not cycle then exhausted = 1 end
  end
  return requests[next_index]
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function done(summary, latency, _)
  local ran_out = 0
  for _, thread in ipairs(threads) do ran_out = ran_out + thread:get("exhausted") end
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"durationUs":%d,"non2xx":%d,"connectErrors":%d,"readErrors":%d,"writeErrors":%d,"timeouts":%d,"p50Us":%d,"p90Us":%d,"p99Us":%d,"maxUs":%d,"exhausted":%d}\n',
    summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, ran_out))
end
