-- A mix: 80 % GET /api/imports/{id} over random ids from IDS_FILE, 15 % list (limit 20),
-- 5 % create (the document's Jira example).
local ids = {}
for line in io.lines(os.getenv("IDS_FILE") or "ids.txt") do ids[#ids + 1] = line end
math.randomseed(os.time())
local create_headers = {["Content-Type"] = "application/json"}
local create_body = [[{"source_type":"jira","source_config":{"base_url":"https://test.atlassian.net","email":"test@example.com","api_token":"test-token","project_key":"TEST"},"options":{"batch_size":100,"preview_limit":10}}]]

request = function()
  local dice = math.random(100)
  if dice <= 80 then return wrk.format("GET", "/api/imports/" .. ids[math.random(#ids)]) end
  if dice <= 95 then return wrk.format("GET", "/api/imports?limit=20") end
  return wrk.format("POST", "/api/imports", create_headers, create_body)
end

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "report.lua")
