-- GET /api/imports (limit 20), optionally with a status filter from LIST_QUERY.
local query = os.getenv("LIST_QUERY") or "limit=20"
request = function()
  return wrk.format("GET", "/api/imports?" .. query)
end

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "report.lua")
