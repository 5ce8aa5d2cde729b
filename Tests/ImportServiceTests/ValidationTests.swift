import Foundation
import XCTest

/// Rejected creates: 400 / 413 / 415 / 422 problem+json, and nothing written to redis.
final class ValidationTests: ServiceTestCase {
    /// Sends `body` (raw) to POST /api/imports, asserts a problem with `status`, and that
    /// `redis-cli DBSIZE` did not change. Returns the problem.
    @discardableResult
    private func assertRejected(body: Data, contentType: String? = "application/json", status: Int,
                                _ context: String, client: HTTPClient? = nil,
                                file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let keysBefore = redis.dbsize()
        let headers = contentType.map { [("Content-Type", $0)] } ?? []
        let response = try (client ?? self.client).send("POST", "/api/imports", headers: headers, body: body)
        let problem = assertProblem(response, status: status, context, file: file, line: line)
        XCTAssertEqual(redis.dbsize(), keysBefore, "\(context): a rejected request wrote to redis", file: file, line: line)
        return problem
    }

    /// Sends `payload` as JSON and asserts a 422 whose `errors` name `field`.
    private func assertInvalid(_ payload: [String: Any], field: String, _ context: String,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let body = try JSONSerialization.data(withJSONObject: payload)
        let problem = try assertRejected(body: body, status: 422, context, file: file, line: line)
        assertValidationError(problem, mentions: field, context, file: file, line: line)
    }

    func testMissingSourceTypeIs422() throws {
        var payload = Payloads.jira
        payload.removeValue(forKey: "source_type")
        try assertInvalid(payload, field: "source_type", "missing source_type")
    }

    func testUnknownSourceTypeIs422() throws {
        var payload = Payloads.jira
        payload["source_type"] = "bitbucket"
        try assertInvalid(payload, field: "source_type", "unknown source_type")
        payload["source_type"] = 42
        try assertInvalid(payload, field: "source_type", "numeric source_type")
    }

    func testMissingSourceConfigIs422() throws {
        var payload = Payloads.github
        payload.removeValue(forKey: "source_config")
        try assertInvalid(payload, field: "source_config", "missing source_config")
    }

    /// Every required source_config field of every source type, removed one at a time.
    func testEachMissingRequiredSourceConfigFieldIs422() throws {
        for sourceType in Payloads.sourceTypes {
            for field in Payloads.requiredFields[sourceType]! {
                let payload = Payloads.settingSourceConfig(Payloads.valid(sourceType), field, nil)
                try assertInvalid(payload, field: field, "\(sourceType) without \(field)")
            }
        }
    }

    func testNonHTTPURLsAre422() throws {
        let cases: [(String, String, String)] = [
            ("jira", "base_url", "ftp://test.atlassian.net"),
            ("jira", "base_url", "not a url"),
            ("servicenow", "instance_url", "file:///etc/passwd"),
            ("gitlab", "base_url", "javascript:alert(1)"),
        ]
        for (sourceType, field, url) in cases {
            let payload = Payloads.settingSourceConfig(Payloads.valid(sourceType), field, url)
            try assertInvalid(payload, field: field, "\(sourceType) \(field)=\(url)")
        }
    }

    func testBatchSizeOutOfRangeOrNotANumberIs422() throws {
        for value in [0, 1001, "ten"] as [Any] {
            try assertInvalid(Payloads.settingOption(Payloads.jira, "batch_size", value), field: "batch_size",
                              "batch_size=\(value)")
        }
    }

    func testNegativePreviewLimitIs422() throws {
        try assertInvalid(Payloads.settingOption(Payloads.jira, "preview_limit", -1), field: "preview_limit",
                          "preview_limit=-1")
    }

    /// The range ends themselves are valid: batch_size 1 and 1000, preview_limit 0 and 1000.
    func testOptionBoundariesAreAccepted() throws {
        for (field, value) in [("batch_size", 1), ("batch_size", 1000), ("preview_limit", 0), ("preview_limit", 1000)] {
            let response = try client.postJSON("/api/imports", Payloads.settingOption(Payloads.jira, field, value))
            XCTAssertEqual(response.status, 201, "\(field)=\(value): \(response)")
        }
    }

    func testMalformedJSONIs400() throws {
        try assertRejected(body: Data(#"{"source_type": "jira", "source_config": {"#.utf8), status: 400, "truncated JSON")
        try assertRejected(body: Data("source_type=jira".utf8), status: 400, "form-encoded body labelled JSON")
    }

    func testEmptyBodyIs400() throws {
        try assertRejected(body: Data(), status: 400, "empty body")
    }

    func testTextPlainContentTypeIs415() throws {
        let body = try JSONSerialization.data(withJSONObject: Payloads.jira)
        try assertRejected(body: body, contentType: "text/plain", status: 415, "text/plain")
    }

    /// MAX_BODY_BYTES=1024 (a second service): a 4 KiB body is 413, a small one still works.
    func testBodyOverMaxBodyBytesIs413() throws {
        let small = try fixture.startExtraService(environment: ["MAX_BODY_BYTES": "1024"], name: "service-max1024")
        defer { small.stop() }
        let padded = Payloads.settingSourceConfig(Payloads.jira, "project_key", String(repeating: "A", count: 4096))
        let body = try JSONSerialization.data(withJSONObject: padded)
        XCTAssertGreaterThan(body.count, 4096)
        try assertRejected(body: body, status: 413, "4 KiB body with MAX_BODY_BYTES=1024", client: small.client)

        let response = try small.client.postJSON("/api/imports", Payloads.jira)
        XCTAssertEqual(response.status, 201, "a small body must still be accepted: \(response)")
        XCTAssertTrue(small.isRunning, "service died after an oversized body")
    }
}
