-- GET /api/imports/{id} over random existing ids, read from the file named by IDS_FILE.
local ids = {}
for line in io.lines(os.getenv("IDS_FILE") or "ids.txt") do ids[#ids + 1] = line end
math.randomseed(os.time())

request = function()
  return wrk.format("GET", "/api/imports/" .. ids[math.random(#ids)])
end

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "report.lua")
