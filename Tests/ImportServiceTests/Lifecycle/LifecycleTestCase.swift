import Foundation
import XCTest

/// Base class of the job-lifecycle tests (PATCH, cancel, DELETE, idempotency, tenants, expiry,
/// OpenAPI): request helpers, Redis probes through `redis-cli`, and a concurrency helper.
///
/// It has no tests of its own; each subclass still gets its own redis and service from
/// `ServiceTestCase`.
class LifecycleTestCase: ServiceTestCase {
    /// The five statuses, in lifecycle order.
    static let statuses = ["pending", "processing", "completed", "failed", "cancelled"]
    /// Statuses that take no more updates.
    static let finalStatuses: Set<String> = ["completed", "failed", "cancelled"]
    /// The allowed transitions, as "from>to" (from the contract).
    static let allowedTransitions: Set<String> = [
        "pending>processing", "pending>cancelled", "pending>failed",
        "processing>completed", "processing>failed", "processing>cancelled",
    ]

    // MARK: - Requests

    /// `PATCH /api/imports/{id}` with `object` as JSON.
    func patch(_ id: String, _ object: [String: Any], headers: [(String, String)] = []) throws -> HTTPResponse {
        let body = try JSONSerialization.data(withJSONObject: object)
        return try patch(id, body: body, contentType: "application/json", headers: headers)
    }

    /// `PATCH /api/imports/{id}` with raw `body` and `contentType` (nil sends none).
    func patch(_ id: String, body: Data, contentType: String?, headers: [(String, String)] = []) throws -> HTTPResponse {
        let type = contentType.map { [("Content-Type", $0)] } ?? []
        return try client.send("PATCH", "/api/imports/\(id)", headers: type + headers, body: body)
    }

    /// PATCHes `object`, requires 200 and returns the returned document.
    @discardableResult
    func patchOK(_ id: String, _ object: [String: Any], headers: [(String, String)] = [],
                 file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let response = try patch(id, object, headers: headers)
        guard response.status == 200 else {
            throw HarnessError("PATCH /api/imports/\(id) \(JobDocument.text(object)): expected 200, got \(response)")
        }
        return try response.jsonObject()
    }

    /// `POST /api/imports/{id}/cancel`.
    func cancel(_ id: String, headers: [(String, String)] = []) throws -> HTTPResponse {
        try client.send("POST", "/api/imports/\(id)/cancel", headers: headers)
    }

    /// `DELETE /api/imports/{id}`.
    func delete(_ id: String, headers: [(String, String)] = []) throws -> HTTPResponse {
        try client.send("DELETE", "/api/imports/\(id)", headers: headers)
    }

    /// `GET /api/imports/{id}`.
    func getJob(_ id: String, headers: [(String, String)] = []) throws -> HTTPResponse {
        try client.get("/api/imports/\(id)", headers: headers)
    }

    /// `GET /api/imports?query` with `headers`, requiring 200; the parsed list.
    func list(_ query: String = "", headers: [(String, String)] = []) throws -> [String: Any] {
        let path = query.isEmpty ? "/api/imports" : "/api/imports?\(query)"
        let response = try client.get(path, headers: headers)
        guard response.status == 200 else { throw HarnessError("GET \(path) \(headers): expected 200, got \(response)") }
        return try response.jsonObject()
    }

    /// Creates a job and drives it to `status` through the API (the shortest legal way);
    /// returns the last document the API answered.
    @discardableResult
    func createJob(inStatus status: String, payload: [String: Any] = Payloads.jira,
                   headers: [(String, String)] = []) throws -> [String: Any] {
        let job = try createJob(payload, headers: headers)
        let id = try XCTUnwrap(job.string("job_id"))
        switch status {
        case "pending":
            return job
        case "processing":
            return try patchOK(id, ["status": "processing"], headers: headers)
        case "completed":
            try patchOK(id, ["status": "processing"], headers: headers)
            return try patchOK(id, ["status": "completed"], headers: headers)
        default:
            return try patchOK(id, ["status": status], headers: headers)
        }
    }

    // MARK: - Redis probes

    /// `ZSCORE key id`, or nil when the member is absent.
    func zscore(_ key: String, _ id: String) -> String? {
        let reply = redis.cli("ZSCORE", key, id)
        return reply.isEmpty ? nil : reply
    }

    /// `TTL key` (-2 when the key does not exist, -1 without expiry, -99 if unparsable).
    func ttl(_ key: String) -> Int { Int(redis.cli("TTL", key)) ?? -99 }

    /// The job document keys, via `redis-cli --scan --pattern 'import:job:*'`.
    func jobKeys() -> [String] {
        redis.cli("--scan", "--pattern", "import:job:*").split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    }

    /// Redis's clock (`TIME`) in milliseconds.
    func redisNowMilliseconds() -> Double {
        let parts = redis.cli("TIME").split(separator: "\n").compactMap { Double($0) }
        guard parts.count == 2 else { return 0 }
        return parts[0] * 1000 + (parts[1] / 1000).rounded(.down)
    }

    /// Every listing sorted set a job of `sourceType` could sit in, for every status: the
    /// global ones, plus the copies under `import:tenant:{tenant}:jobs:...` when `tenant` is set.
    static func indexKeys(tenant: String?, sourceType: String) -> [String] {
        var prefixes = ["import:jobs"]
        if let tenant { prefixes.append("import:tenant:{\(tenant)}:jobs") }
        return prefixes.flatMap { prefix in
            ["\(prefix):created", "\(prefix):source:\(sourceType)"]
                + statuses.flatMap { ["\(prefix):status:\($0)", "\(prefix):status:\($0):source:\(sourceType)"] }
        }
    }

    /// The listing sets that should hold a job of `status` and `sourceType` (global, and the
    /// tenant copies when `tenant` is set).
    static func expectedIndexKeys(tenant: String?, status: String, sourceType: String) -> Set<String> {
        var prefixes = ["import:jobs"]
        if let tenant { prefixes.append("import:tenant:{\(tenant)}:jobs") }
        return Set(prefixes.flatMap { prefix in
            ["\(prefix):created", "\(prefix):source:\(sourceType)", "\(prefix):status:\(status)",
             "\(prefix):status:\(status):source:\(sourceType)"]
        })
    }

    /// Asserts that job `id` is in exactly the listing sets for `status` (ZSCORE on every set
    /// it could be in), globally and under `tenant`.
    func assertIndexed(_ id: String, status: String, sourceType: String, tenant: String?, _ context: String,
                       file: StaticString = #filePath, line: UInt = #line) {
        let expected = Self.expectedIndexKeys(tenant: tenant, status: status, sourceType: sourceType)
        for key in Self.indexKeys(tenant: tenant, sourceType: sourceType) {
            let score = zscore(key, id)
            if expected.contains(key) {
                XCTAssertNotNil(score, "\(context): ZSCORE \(key) \(id) is nil, expected the id there",
                                file: file, line: line)
            } else {
                XCTAssertNil(score, "\(context): ZSCORE \(key) \(id) is \(score ?? ""), expected nil",
                             file: file, line: line)
            }
        }
    }

    /// Asserts that Redis keeps no trace of job `id` in any listing set (global and `tenant`),
    /// in `import:jobs:indexes` or in `import:jobs:expiry`.
    func assertNotIndexed(_ id: String, sourceType: String, tenant: String?, _ context: String,
                          file: StaticString = #filePath, line: UInt = #line) {
        for key in Self.indexKeys(tenant: tenant, sourceType: sourceType) {
            XCTAssertNil(zscore(key, id), "\(context): ZSCORE \(key) \(id) should be nil", file: file, line: line)
        }
        XCTAssertEqual(redis.cli("HEXISTS", "import:jobs:indexes", id), "0",
                       "\(context): HEXISTS import:jobs:indexes \(id) should be 0", file: file, line: line)
        XCTAssertNil(zscore("import:jobs:expiry", id), "\(context): ZSCORE import:jobs:expiry \(id) should be nil",
                     file: file, line: line)
    }

    // MARK: - Assertions

    /// Asserts a 409 problem naming `current` in `current_status` and `requested` in
    /// `requested_status` (absent or null when `requested` is nil), with `current` in the
    /// detail. Returns the problem.
    @discardableResult
    func assertConflict(_ response: HTTPResponse, current: String, requested: String?, _ context: String,
                        file: StaticString = #filePath, line: UInt = #line) -> [String: Any] {
        let problem = assertProblem(response, status: 409, context, file: file, line: line)
        guard !problem.isEmpty else { return problem }
        XCTAssertEqual(problem.string("current_status"), current, "\(context): current_status in \(response)",
                       file: file, line: line)
        if let requested {
            XCTAssertEqual(problem.string("requested_status"), requested, "\(context): requested_status in \(response)",
                           file: file, line: line)
        } else {
            XCTAssertTrue(problem["requested_status"] == nil || problem["requested_status"] is NSNull,
                          "\(context): no status was requested, yet requested_status is set: \(response)",
                          file: file, line: line)
        }
        XCTAssertTrue((problem.string("detail") ?? "").contains(current),
                      "\(context): detail does not name the current status \(current): \(response)",
                      file: file, line: line)
        return problem
    }

    /// `updated_at` (or another timestamp field) of `job` as a Date, failing if unparsable.
    func date(_ job: [String: Any]?, _ field: String, file: StaticString = #filePath, line: UInt = #line) -> Date? {
        let value = JobDocument.parseUTCTimestamp(job?[field])
        if value == nil {
            XCTFail("\(field) is not an ISO-8601 UTC timestamp: \(JobDocument.text(job?[field]))", file: file, line: line)
        }
        return value
    }
}

/// Runs `body(0..<count)` on `count` threads released together; returns each result by index.
func runConcurrently(_ count: Int, _ body: @escaping @Sendable (Int) throws -> HTTPResponse)
    -> [Result<HTTPResponse, Error>] {
    final class Collector: @unchecked Sendable {
        let lock = NSLock()
        var results: [Result<HTTPResponse, Error>?]
        init(count: Int) { results = Array(repeating: nil, count: count) }
    }
    let collector = Collector(count: count)
    let gate = DispatchSemaphore(value: 0)
    let ready = DispatchSemaphore(value: 0)
    let done = DispatchGroup()
    for index in 0..<count {
        done.enter()
        let thread = Thread {
            ready.signal()
            gate.wait()
            let result = Result { try body(index) }
            collector.lock.lock()
            collector.results[index] = result
            collector.lock.unlock()
            done.leave()
        }
        thread.start()
    }
    for _ in 0..<count { ready.wait() }
    for _ in 0..<count { gate.signal() }
    _ = done.wait(timeout: .now() + 60)
    collector.lock.lock()
    defer { collector.lock.unlock() }
    return collector.results.map { $0 ?? .failure(HarnessError("the request did not finish within 60 s")) }
}
