import Foundation
import XCTest

/// `X-Request-ID`: kept when safe, replaced by a UUID otherwise, echoed on every response.
final class OpsRequestIDTests: ServiceTestCase {
    private static let safeAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:"

    func testGivenRequestIDIsEchoedAndBecomesTheJobsRequestID() throws {
        let response = try client.postJSON("/api/imports", Payloads.jira, headers: [("X-Request-ID", "abc-123")])
        XCTAssertEqual(response.status, 201, "\(response)")
        XCTAssertEqual(response.headerValues("X-Request-ID"), ["abc-123"], "echoed X-Request-ID: \(response)")
        let job = try response.jsonObject()
        XCTAssertEqual(job.string("request_id"), "abc-123", "request_id of the created job")
        let id = try XCTUnwrap(job.string("job_id"))
        XCTAssertEqual(storedJob(id)?.string("request_id"), "abc-123", "request_id stored in Redis")

        // A later request's id is echoed but does not change the job's request_id.
        let fetched = try client.get("/api/imports/\(id)", headers: [("X-Request-ID", "read-456")])
        XCTAssertEqual(fetched.header("X-Request-ID"), "read-456")
        XCTAssertEqual(try fetched.jsonObject().string("request_id"), "abc-123")
        let line = OpsLog.accessLines(service, requestID: "abc-123").first
        XCTAssertEqual(line?["job_id"] as? String, id, "the access line of the create carries the given request id")
    }

    func testSafeRequestIDsUpTo128CharactersAreKept() throws {
        let alphabet = Array(Self.safeAlphabet)
        let longest = String((0..<128).map { alphabet[$0 % alphabet.count] })
        for candidate in [longest, "a", "trace:01.span_02-x", Self.safeAlphabet] {
            let response = try client.postJSON("/api/imports", Payloads.github, headers: [("X-Request-ID", candidate)])
            XCTAssertEqual(response.status, 201, "\(response)")
            XCTAssertEqual(response.header("X-Request-ID"), candidate, "a safe id of \(candidate.count) chars is not kept")
            XCTAssertEqual(try response.jsonObject().string("request_id"), candidate)
        }
    }

    func testUnsafeOrOverlongRequestIDIsReplacedByAUUID() throws {
        let candidates = [
            String(repeating: "a", count: 129), String(repeating: "r", count: 200), "abc 123", "abc/123",
            "<script>alert(1)</script>", "a\"b", "id,other", "tab\tinside", "caf\u{e9}", "{\"json\":1}", "",
        ]
        var seen: Set<String> = []
        for candidate in candidates {
            let response = try client.postJSON("/api/imports", Payloads.jira, headers: [("X-Request-ID", candidate)])
            XCTAssertEqual(response.status, 201, "X-Request-ID \(candidate.debugDescription): \(response)")
            let echoed = response.headerValues("X-Request-ID")
            XCTAssertEqual(echoed.count, 1, "X-Request-ID \(candidate.debugDescription): echoed \(echoed)")
            let replacement = echoed.first
            XCTAssertTrue(opsIsUUID(replacement), "X-Request-ID \(candidate.debugDescription) was answered with "
                + "\(String(describing: replacement)), not a new UUID")
            XCTAssertNotEqual(replacement, candidate)
            XCTAssertEqual(try response.jsonObject().string("request_id"), replacement,
                           "the job's request_id is not the echoed replacement")
            if let replacement { XCTAssertTrue(seen.insert(replacement).inserted, "replacement \(replacement) reused") }
        }
        let log = service.stderrText
        XCTAssertFalse(log.contains("<script>") || log.contains(String(repeating: "r", count: 200)),
                       "an unsafe request id reached the log")
    }

    func testEveryResponseCarriesARequestID() throws {
        let id = try XCTUnwrap(try createJob().string("job_id"))
        let json = [("Content-Type", "application/json")]
        let big = Data(repeating: UInt8(ascii: " "), count: (1 << 20) + 10)
        let requests: [(String, String, [(String, String)], Data?, Int)] = [
            ("GET", "/health", [], nil, 200),
            ("GET", "/ready", [], nil, 200),
            ("GET", "/metrics", [], nil, 200),
            ("GET", "/openapi.json", [], nil, 200),
            ("HEAD", "/health", [], nil, 200),
            ("POST", "/api/imports", json, try JSONSerialization.data(withJSONObject: Payloads.jira), 201),
            ("GET", "/api/imports/\(id)", [], nil, 200),
            ("GET", "/api/imports", [], nil, 200),
            ("POST", "/api/imports/\(id)/cancel", [], nil, 200),
            ("POST", "/api/imports/\(id)/cancel", [], nil, 409),
            ("GET", "/nowhere", [], nil, 404),
            ("GET", "/api/imports/\(UUID().uuidString.lowercased())", [], nil, 404),
            ("GET", "/api/imports/not-a-uuid", [], nil, 404),
            ("PUT", "/api/imports", [], nil, 405),
            ("DELETE", "/health", [], nil, 405),
            ("POST", "/api/imports", json, Data(#"{"source_type":"jira"}"#.utf8), 422),
            ("GET", "/api/imports?limit=0", [], nil, 422),
            ("POST", "/api/imports", json, Data("{not json".utf8), 400),
            ("POST", "/api/imports", [("Content-Type", "text/plain")], Data("hello".utf8), 415),
            ("POST", "/api/imports", json, big, 413),
            ("DELETE", "/api/imports/\(id)", [], nil, 204),
        ]
        var generated: Set<String> = []
        for (index, (method, path, headers, body, status)) in requests.enumerated() {
            let given = "rid-\(index)-\(opsTag())"
            let withID = try client.send(method, path, headers: headers + [("X-Request-ID", given)], body: body)
            XCTAssertEqual(withID.status, status, "\(method) \(path): \(withID)")
            XCTAssertEqual(withID.headerValues("X-Request-ID"), [given], "\(method) \(path) \(withID.status) did not echo X-Request-ID")
            assertCurrentDate(withID, "\(method) \(path) \(withID.status)")
            if method == "DELETE" && status == 204 { continue }
            let without = try client.send(method, path, headers: headers, body: body)
            let echoed = without.header("X-Request-ID")
            XCTAssertTrue(opsIsUUID(echoed), "\(method) \(path) \(without.status) without X-Request-ID answered "
                + "\(String(describing: echoed)) instead of a new UUID")
            if let echoed { XCTAssertTrue(generated.insert(echoed).inserted, "generated id \(echoed) answered twice") }
        }
    }

    /// One `Date` header in the RFC 9110 IMF-fixdate form, within a few seconds of now (the
    /// service formats it once a second instead of per reply).
    private func assertCurrentDate(_ response: HTTPResponse, _ context: String, file: StaticString = #filePath, line: UInt = #line) {
        let values = response.headerValues("Date")
        XCTAssertEqual(values.count, 1, "\(context): Date headers \(values)", file: file, line: line)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        guard let value = values.first, let date = formatter.date(from: value) else {
            return XCTFail("\(context): Date \(values) is not an IMF-fixdate", file: file, line: line)
        }
        XCTAssertLessThan(abs(date.timeIntervalSinceNow), 5, "\(context): Date \(value) is not now", file: file, line: line)
    }
}
