-- GET /api/imports/{id} over random existing ids, read from the file named by IDS_FILE.
local ids = {}
for line in io.lines(os.getenv("IDS_FILE") or "ids.txt") do ids[#ids + 1] = line end
math.randomseed(os.time())

request = function()
  return wrk.format("GET", "/api/imports/" .. ids[math.random(#ids)])
end

function done(summary, latency, requests)
  io.stderr:write(string.format("non2xx=%d\n", summary.errors.status))
end
