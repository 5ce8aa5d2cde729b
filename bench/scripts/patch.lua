-- PATCH /api/imports/{id}: a worker's progress report on random jobs from IDS_FILE (jobs that are
-- processing; the status is resent unchanged, so every update is accepted and the job stays put).
local ids = {}
for line in io.lines(os.getenv("IDS_FILE") or "ids.txt") do ids[#ids + 1] = line end
math.randomseed(os.time())
local headers = {["Content-Type"] = "application/json"}

request = function()
  local total = 1000
  local processed = math.random(0, 900)
  local body = string.format(
    '{"status":"processing","progress":{"total_items":%d,"processed_items":%d,"failed_items":%d}}',
    total, processed, math.random(0, total - processed))
  return wrk.format("PATCH", "/api/imports/" .. ids[math.random(#ids)], headers, body)
end

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "report.lua")
