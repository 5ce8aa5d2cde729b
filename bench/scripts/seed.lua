-- Creates SEED_COUNT jobs (spread over the four source types) and stops.
local count = tonumber(os.getenv("SEED_COUNT") or "1000")
local sent = 0
local bodies = {
  [[{"source_type":"jira","source_config":{"base_url":"https://test.atlassian.net","email":"test@example.com","api_token":"t","project_key":"TEST"}}]],
  [[{"source_type":"github","source_config":{"token":"t","owner":"o","repo":"r"}}]],
  [[{"source_type":"gitlab","source_config":{"token":"t","project_id":"42"}}]],
  [[{"source_type":"servicenow","source_config":{"instance_url":"https://x.service-now.com","username":"u","password":"p"}}]],
}

request = function()
  sent = sent + 1
  return wrk.format("POST", "/api/imports", {["Content-Type"] = "application/json"}, bodies[sent % 4 + 1])
end

response = function()
  -- Requests still in flight when the thread stops are lost, so send a few more than asked.
  if sent >= count + 64 then wrk.thread:stop() end
end
