-- wrk script for the ASan soak (Fuzz/asan/soak.sh): a mix of every kind of request with
-- valid and invalid input, so that ASan sees the success paths and the error paths.
--   30 % GET /api/imports/{id}            (ids from IDS_FILE; some upper-case, some unknown)
--   20 % GET /api/imports?<query>         (valid and invalid limit/offset/status/source_type)
--   20 % PATCH /api/imports/{id}          (progress reports; a few invalid bodies)
--   20 % POST /api/imports                (the four source types, tenant and correlation headers)
--   10 % odd requests                     (bad JSON, unknown paths, 405s, cancel, percent escapes)
local ids = {}
for line in io.lines(os.getenv("IDS_FILE") or "ids.txt") do ids[#ids + 1] = line end
math.randomseed(os.time())

local json = {["Content-Type"] = "application/json"}
local creates = {
  [[{"source_type":"jira","source_config":{"base_url":"https://test.atlassian.net","email":"test@example.com","api_token":"t","project_key":"TEST"},"options":{"batch_size":100,"preview_limit":10}}]],
  [[{"source_type":"github","source_config":{"token":"t","owner":"o","repo":"r"},"tenant_id":"tenant-a"}]],
  [[{"source_type":"gitlab","source_config":{"token":"t","project_id":42,"base_url":"https://gitlab.example.org"}}]],
  [[{"source_type":"servicenow","source_config":{"instance_url":"https://x.service-now.com","username":"u","password":"p"},"correlation_id":"corr-1"}]],
  [[{"source_type":"jira","source_config":{"base_url":"ftp://user:pw@host","email":"x"},"options":{"batch_size":0}}]],
  [[{"source_type":"gitlab","source_config":{"token":"t","project_id":"grp/\u00e9t\u00e9 \ud83d\ude00"}}]],
}
local queries = {
  "limit=20", "limit=5&offset=10&status=pending", "status=processing&source_type=github",
  "limit=0", "offset=-1", "status=bogus&source_type=svn", "limit=100&offset=1000000000",
  "limit=%32%30&status=pend%69ng", "x=%zz&y=%4&+=+",
}
local odd = {
  function() return wrk.format("POST", "/api/imports", json, '{"source_type":') end,
  function() return wrk.format("POST", "/api/imports", json, '[' .. string.rep('[', 70) .. ']') end,
  function() return wrk.format("GET", "/api/imports/not-a-uuid") end,
  function() return wrk.format("GET", "/no/such/path?a=b") end,
  function() return wrk.format("DELETE", "/health") end,
  function() return wrk.format("POST", "/api/imports/" .. ids[math.random(#ids)] .. "/cancel") end,
  function() return wrk.format("GET", "/api/imports/%E2%82%AC/cancel") end,
  function() return wrk.format("PATCH", "/api/imports/" .. ids[math.random(#ids)], json, '{"status":"done","x":1}') end,
  function() return wrk.format("GET", "/metrics") end,
  function() return wrk.format("GET", "/openapi.json") end,
}

request = function()
  local dice = math.random(100)
  local id = ids[math.random(#ids)]
  if dice <= 30 then
    if dice <= 3 then id = string.upper(id) elseif dice <= 5 then id = "00000000-0000-4000-8000-000000000000" end
    return wrk.format("GET", "/api/imports/" .. id)
  elseif dice <= 50 then
    return wrk.format("GET", "/api/imports?" .. queries[math.random(#queries)])
  elseif dice <= 70 then
    local total = 1000
    local processed = math.random(0, 900)
    local body = string.format(
      '{"status":"processing","progress":{"total_items":%d,"processed_items":%d,"failed_items":%d},"error":%s}',
      total, processed, math.random(0, total - processed), dice % 2 == 0 and 'null' or '"retrying \\"x\\""')
    if dice == 70 then body = '{"progress":{"total_items":1,"processed_items":2}}' end
    return wrk.format("PATCH", "/api/imports/" .. id, json, body)
  elseif dice <= 90 then
    local headers = {["Content-Type"] = "application/json"}
    if dice % 3 == 0 then headers["X-Correlation-ID"] = "corr-" .. dice end
    return wrk.format("POST", "/api/imports", headers, creates[math.random(#creates)])
  end
  return odd[math.random(#odd)]()
end

-- Status counts per route are read from the service's /metrics afterwards (wrk's threads
-- have separate Lua states, so a response() tally here could not be summed in done()).
done = function(summary, latency, requests)
  io.write(string.format("requests=%d errors: connect=%d read=%d write=%d timeout=%d status=%d\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout, summary.errors.status))
end
