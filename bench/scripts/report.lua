-- The done() hook every bench script loads: one "BENCH ..." line on stderr with the counts and
-- the latency percentiles wrk's --latency does not print (99.9). Latencies in microseconds.
function done(summary, latency, requests)
  local e = summary.errors
  io.stderr:write(string.format("non2xx=%d\n", e.status))
  io.stderr:write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d mean_us=%.1f " ..
    "non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), latency.max, latency.mean, e.status, e.connect, e.read, e.write, e.timeout))
end
