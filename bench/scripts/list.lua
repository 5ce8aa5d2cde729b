-- GET /api/imports (limit 20), optionally with a status filter from LIST_QUERY.
local query = os.getenv("LIST_QUERY") or "limit=20"
request = function()
  return wrk.format("GET", "/api/imports?" .. query)
end

function done(summary, latency, requests)
  io.stderr:write(string.format("non2xx=%d\n", summary.errors.status))
end
