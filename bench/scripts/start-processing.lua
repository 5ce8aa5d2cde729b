-- Moves every job in IDS_FILE to processing, once each, in order, then stops sending.
local ids = {}
for line in io.lines(os.getenv("IDS_FILE") or "ids.txt") do ids[#ids + 1] = line end
local sent = 0
local headers = {["Content-Type"] = "application/json"}

request = function()
  sent = sent + 1
  local id = ids[(sent - 1) % #ids + 1]
  return wrk.format("PATCH", "/api/imports/" .. id, headers, '{"status":"processing"}')
end

response = function()
  if sent >= #ids then wrk.thread:stop() end
end
