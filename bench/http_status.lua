-- wrk script of bench/bench_http.py: every status other than 200 counts as an error (wrk itself
-- counts only 4xx and 5xx, so a redirect to the login page would pass unnoticed), and one
-- summary line that bench/http_wrk.py reads, instead of wrk's human-readable report.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non200 = 0
end

function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("non200")
  end
  local e = summary.errors
  io.write(string.format(
    "jaartaak-wrk requests=%d duration_us=%d connect=%d read=%d write=%d timeout=%d non200=%d\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.timeout, total))
end
