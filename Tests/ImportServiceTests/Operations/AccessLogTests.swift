import Foundation
import XCTest

/// The log on stderr: JSON lines, one access line per request with the documented fields, no
/// secrets or bodies; `ACCESS_LOG` and `LOG_LEVEL` change what is written; a bad value stops
/// start-up.
final class OpsAccessLogTests: ServiceTestCase {
    private static let timestampPattern = #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$"#

    /// Asserts `line` is one well-formed access line: exactly the documented fields, with types.
    private func assertAccessLine(_ line: [String: Any], method: String, route: String, status: Int,
                                  requestID: String, jobID: String?, tenantID: String?, _ context: String,
                                  file: StaticString = #filePath, line number: UInt = #line) {
        let text = JobDocument.text(line)
        XCTAssertEqual(Set(line.keys), OpsLog.accessFields, "\(context): fields of \(text)", file: file, line: number)
        XCTAssertNotNil((line["time"] as? String)?.range(of: Self.timestampPattern, options: .regularExpression),
                        "\(context): time is not ISO-8601 UTC: \(text)", file: file, line: number)
        XCTAssertEqual(line["level"] as? String, "info", "\(context): \(text)", file: file, line: number)
        XCTAssertEqual(line["message"] as? String, "request", "\(context): \(text)", file: file, line: number)
        XCTAssertEqual(line["method"] as? String, method, "\(context): method in \(text)", file: file, line: number)
        XCTAssertEqual(line["route"] as? String, route, "\(context): route in \(text)", file: file, line: number)
        XCTAssertEqual((line["status"] as? NSNumber)?.intValue, status, "\(context): status in \(text)", file: file, line: number)
        let duration = (line["duration_ms"] as? NSNumber)?.doubleValue ?? -1
        XCTAssertTrue(duration >= 0 && duration < 5000, "\(context): duration_ms in \(text)", file: file, line: number)
        XCTAssertEqual(line["request_id"] as? String, requestID, "\(context): request_id in \(text)", file: file, line: number)
        if let jobID {
            XCTAssertEqual(line["job_id"] as? String, jobID, "\(context): job_id in \(text)", file: file, line: number)
        } else {
            XCTAssertTrue(line["job_id"] is NSNull, "\(context): job_id should be null in \(text)", file: file, line: number)
        }
        if let tenantID {
            XCTAssertEqual(line["tenant_id"] as? String, tenantID, "\(context): tenant_id in \(text)", file: file, line: number)
        } else {
            XCTAssertTrue(line["tenant_id"] is NSNull, "\(context): tenant_id should be null in \(text)", file: file, line: number)
        }
    }

    /// The one access line of `requestID` (fails when there is none or several).
    private func onlyAccessLine(_ requestID: String, of service: ServiceProcess? = nil,
                                file: StaticString = #filePath, line: UInt = #line) -> [String: Any]? {
        let lines = OpsLog.accessLines(service ?? self.service, requestID: requestID)
        XCTAssertEqual(lines.count, 1, "expected one access line with request_id \(requestID), got "
            + "\(lines.map { JobDocument.text($0) }); stderr tail:\n\((service ?? self.service).child.stderrTail())",
            file: file, line: line)
        return lines.first
    }

    func testEveryStderrLineIsAJSONEventOrAccessLine() throws {
        let tag = opsTag()
        _ = try createJob(headers: [("X-Request-ID", "every-\(tag)")])
        _ = try client.get("/nowhere")
        _ = try client.get("/health")
        XCTAssertNotNil(onlyAccessLine("every-\(tag)"))

        let (objects, invalid) = OpsLog.parse(service.stderrText)
        XCTAssertEqual(invalid, [], "stderr lines that are not JSON objects")
        XCTAssertGreaterThan(objects.count, 3)
        for object in objects {
            let text = JobDocument.text(object)
            XCTAssertNotNil((object["time"] as? String)?.range(of: Self.timestampPattern, options: .regularExpression),
                            "time of \(text)")
            XCTAssertTrue(["error", "warn", "info", "debug"].contains(object["level"] as? String ?? ""), "level of \(text)")
            XCTAssertTrue(object["message"] is String, "message of \(text)")
            if object["message"] as? String != "request" {
                XCTAssertEqual(Set(object.keys), ["time", "level", "message"], "an event line has other fields: \(text)")
            }
        }
        XCTAssertTrue(objects.contains { ($0["message"] as? String)?.contains("listening on") == true },
                      "no start-up line \"listening on ...\" at info level")
    }

    func testAccessLinesCarryRouteStatusRequestJobAndTenant() throws {
        let tag = opsTag()
        let created = try createJob(Payloads.gitlab, headers: [("X-Request-ID", "create-\(tag)"), ("X-Tenant-ID", "tenant-\(tag)")])
        let id = try XCTUnwrap(created.string("job_id"))
        XCTAssertEqual(try client.get("/api/imports/\(id)", headers: [("X-Request-ID", "get-\(tag)")]).status, 200)
        XCTAssertEqual(try client.get("/api/imports/\(id)", headers: [("X-Request-ID", "get-tenant-\(tag)"),
                                                                      ("X-Tenant-ID", "tenant-\(tag)")]).status, 200)
        XCTAssertEqual(try client.get("/api/imports?limit=5", headers: [("X-Request-ID", "list-\(tag)")]).status, 200)
        let patch = try JSONSerialization.data(withJSONObject: ["status": "processing"])
        XCTAssertEqual(try client.send("PATCH", "/api/imports/\(id)", headers: [("X-Request-ID", "patch-\(tag)"),
                       ("Content-Type", "application/json")], body: patch).status, 200)
        XCTAssertEqual(try client.send("POST", "/api/imports/\(id)/cancel", headers: [("X-Request-ID", "cancel-\(tag)")]).status, 200)
        let unknown = UUID().uuidString.lowercased()
        XCTAssertEqual(try client.get("/api/imports/\(unknown)", headers: [("X-Request-ID", "missing-\(tag)")]).status, 404)
        XCTAssertEqual(try client.get("/no/such/\(tag)", headers: [("X-Request-ID", "unmatched-\(tag)")]).status, 404)
        XCTAssertEqual(try client.send("DELETE", "/api/imports/\(id)", headers: [("X-Request-ID", "delete-\(tag)")]).status, 204)

        if let line = onlyAccessLine("create-\(tag)") {
            assertAccessLine(line, method: "POST", route: "/api/imports", status: 201, requestID: "create-\(tag)",
                             jobID: id, tenantID: "tenant-\(tag)", "create")
        }
        if let line = onlyAccessLine("get-\(tag)") {
            assertAccessLine(line, method: "GET", route: "/api/imports/{job_id}", status: 200, requestID: "get-\(tag)",
                             jobID: id, tenantID: nil, "get without tenant")
        }
        if let line = onlyAccessLine("get-tenant-\(tag)") {
            assertAccessLine(line, method: "GET", route: "/api/imports/{job_id}", status: 200, requestID: "get-tenant-\(tag)",
                             jobID: id, tenantID: "tenant-\(tag)", "get with tenant")
        }
        if let line = onlyAccessLine("list-\(tag)") {
            assertAccessLine(line, method: "GET", route: "/api/imports", status: 200, requestID: "list-\(tag)",
                             jobID: nil, tenantID: nil, "list")
        }
        if let line = onlyAccessLine("patch-\(tag)") {
            assertAccessLine(line, method: "PATCH", route: "/api/imports/{job_id}", status: 200, requestID: "patch-\(tag)",
                             jobID: id, tenantID: nil, "patch")
        }
        if let line = onlyAccessLine("cancel-\(tag)") {
            assertAccessLine(line, method: "POST", route: "/api/imports/{job_id}/cancel", status: 200,
                             requestID: "cancel-\(tag)", jobID: id, tenantID: nil, "cancel")
        }
        if let line = onlyAccessLine("missing-\(tag)") {
            assertAccessLine(line, method: "GET", route: "/api/imports/{job_id}", status: 404, requestID: "missing-\(tag)",
                             jobID: unknown, tenantID: nil, "unknown job")
        }
        if let line = onlyAccessLine("unmatched-\(tag)") {
            assertAccessLine(line, method: "GET", route: "unmatched", status: 404, requestID: "unmatched-\(tag)",
                             jobID: nil, tenantID: nil, "unknown path")
        }
        if let line = onlyAccessLine("delete-\(tag)") {
            assertAccessLine(line, method: "DELETE", route: "/api/imports/{job_id}", status: 204, requestID: "delete-\(tag)",
                             jobID: id, tenantID: nil, "delete")
        }
        XCTAssertFalse(service.stderrText.contains("/no/such/\(tag)"), "the raw unknown path is logged")
    }

    func testLogNeverHoldsCredentialsOrRequestBodies() throws {
        let tag = opsTag()
        let marker = "body-marker-\(tag)"
        let extraSecrets = ["ops-invalid-body-secret-\(tag)", "ops-malformed-secret-\(tag)", "ops-patch-secret-\(tag)"]
        // Valid creates of every type, with a marker in a non-secret field of the body.
        for type in Payloads.sourceTypes {
            let payload = Payloads.settingOption(Payloads.valid(type), "batch_size", 7)
            _ = try createJob(payload, headers: [("X-Correlation-ID", "corr-\(tag)")])
        }
        let jira = Payloads.settingSourceConfig(Payloads.jira, "email", "\(marker)@example.com")
        let id = try XCTUnwrap(try createJob(jira).string("job_id"))
        // Refused bodies holding secrets: 422, 400, and a PATCH with an unknown field.
        var invalid = Payloads.settingSourceConfig(Payloads.jira, "api_token", extraSecrets[0])
        invalid["source_type"] = "bogus"
        XCTAssertEqual(try client.postJSON("/api/imports", invalid).status, 422)
        let malformed = Data(#"{"source_type":"jira","source_config":{"api_token":"\#(extraSecrets[1])""#.utf8)
        XCTAssertEqual(try client.send("POST", "/api/imports", headers: [("Content-Type", "application/json")],
                                       body: malformed).status, 400)
        let patch = try JSONSerialization.data(withJSONObject: ["password": extraSecrets[2]])
        XCTAssertEqual(try client.send("PATCH", "/api/imports/\(id)", headers: [("Content-Type", "application/json")],
                                       body: patch).status, 422)
        _ = try client.get("/health", headers: [("X-Request-ID", "sync-\(tag)")])
        XCTAssertNotNil(onlyAccessLine("sync-\(tag)"))

        let log = service.stderrText
        for secret in Payloads.secrets + extraSecrets {
            XCTAssertFalse(log.contains(secret), "the log holds the credential \(secret)")
        }
        for fragment in [marker, "atlassian.net", "octocat", "project_key", "source_config", "batch_size"] {
            XCTAssertFalse(log.contains(fragment), "the log holds request-body content \"\(fragment)\"")
        }
    }

    func testAccessLogOffWritesNoRequestLines() throws {
        let quiet = try fixture.startExtraService(environment: ["ACCESS_LOG": "off"], name: "access-off-\(opsTag())")
        defer { quiet.stop() }
        let tag = opsTag()
        XCTAssertEqual(try quiet.client.get("/health").status, 200)
        let response = try quiet.client.postJSON("/api/imports", Payloads.jira, headers: [("X-Request-ID", "off-\(tag)")])
        XCTAssertEqual(response.status, 201, "\(response)")
        XCTAssertEqual(try quiet.client.get("/nowhere").status, 404)
        // The same requests on the class's service (ACCESS_LOG unset) are logged.
        _ = try client.postJSON("/api/imports", Payloads.jira, headers: [("X-Request-ID", "on-\(tag)")])
        XCTAssertNotNil(onlyAccessLine("on-\(tag)"), "with ACCESS_LOG unset requests must be logged")
        Thread.sleep(forTimeInterval: 0.4) // four log flushes

        let (objects, invalid) = OpsLog.parse(quiet.stderrText)
        XCTAssertEqual(invalid, [])
        XCTAssertTrue(objects.contains { ($0["message"] as? String)?.contains("listening on") == true },
                      "with ACCESS_LOG=off the start-up line is missing too:\n\(quiet.stderrText)")
        XCTAssertEqual(objects.filter { $0["message"] as? String == "request" }.map { JobDocument.text($0) }, [],
                       "ACCESS_LOG=off still writes access lines")
        XCTAssertFalse(quiet.stderrText.contains("off-\(tag)"))
    }

    func testLogLevelErrorSuppressesInfoEvents() throws {
        let terse = try fixture.startExtraService(environment: ["LOG_LEVEL": "error", "ACCESS_LOG": "off"],
                                                  name: "level-error-\(opsTag())")
        defer { terse.stop() }
        XCTAssertTrue(opsWait(for: 200, on: terse.client, timeout: 5))
        XCTAssertEqual(try terse.client.postJSON("/api/imports", Payloads.jira).status, 201)
        Thread.sleep(forTimeInterval: 0.4)
        let (objects, invalid) = OpsLog.parse(terse.stderrText)
        XCTAssertEqual(invalid, [])
        XCTAssertEqual(objects.filter { $0["level"] as? String != "error" }.map { JobDocument.text($0) }, [],
                       "LOG_LEVEL=error still logs lower levels (e.g. the start-up line)")
        // Control: at the default level the start-up and Redis lines are there.
        let (defaults, _) = OpsLog.parse(service.stderrText)
        XCTAssertTrue(defaults.contains { ($0["message"] as? String)?.contains("listening on") == true })

        // LOG_LEVEL=error leaves the access log (controlled by ACCESS_LOG) as it is.
        let terseLogged = try fixture.startExtraService(environment: ["LOG_LEVEL": "error"], name: "level-error-access-\(opsTag())")
        defer { terseLogged.stop() }
        let tag = opsTag()
        _ = try terseLogged.client.get("/ready", headers: [("X-Request-ID", "terse-\(tag)")])
        XCTAssertNotNil(onlyAccessLine("terse-\(tag)", of: terseLogged))
        XCTAssertFalse(terseLogged.stderrText.contains("listening on"), "LOG_LEVEL=error printed the start-up line")
    }

    func testBadLogSettingsExitWithCode2AndOneLine() throws {
        for (setting, value) in [("LOG_LEVEL", "loud"), ("LOG_LEVEL", ""), ("ACCESS_LOG", "sometimes")] {
            let child = try ServiceProcess.launch(environment: [setting: value, "PORT": "\(try FreePort.find())",
                                                                "REDIS_URL": redis.url()],
                                                  directory: fixture.directory, name: "bad-\(setting)-\(opsTag())")
            defer { child.stop() }
            let exit = child.waitForExit(timeout: 5)
            XCTAssertEqual(exit, .code(2), "\(setting)=\(value): expected exit code 2, got \(exit.map { "\($0)" } ?? "still running")")
            let lines = child.stderrText.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            XCTAssertEqual(lines.count, 1, "\(setting)=\(value): expected one line, got:\n\(child.stderrText)")
            XCTAssertTrue(child.stderrText.contains(setting), "\(setting)=\(value): the line does not name \(setting)")
        }
    }
}
