-- Moves the jobs in IDS_FILE to processing: PATCHes them in order, round and round (a repeat is
-- accepted and changes nothing) until bench/run.sh sees them all processing and stops wrk.
local ids = {}
for line in io.lines(os.getenv("IDS_FILE") or "ids.txt") do ids[#ids + 1] = line end
local sent = 0
local headers = {["Content-Type"] = "application/json"}

request = function()
  sent = sent + 1
  return wrk.format("PATCH", "/api/imports/" .. ids[(sent - 1) % #ids + 1], headers, '{"status":"processing"}')
end
