-- POST /api/imports with the document's Jira example.
wrk.method = "POST"
wrk.path = "/api/imports"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[{"source_type":"jira","source_config":{"base_url":"https://test.atlassian.net","email":"test@example.com","api_token":"test-token","project_key":"TEST"},"options":{"batch_size":100,"preview_limit":10}}]]

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "report.lua")
