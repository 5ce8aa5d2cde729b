import Foundation
import XCTest

/// Shared request helpers and assertions for service tests.
extension ServiceTestCase {
    /// POSTs `payload` to /api/imports, asserts 201, and returns the parsed job document.
    @discardableResult
    func createJob(_ payload: [String: Any] = Payloads.jira, headers: [(String, String)] = [],
                   file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let response = try client.postJSON("/api/imports", payload, headers: headers)
        guard response.status == 201 else {
            throw HarnessError("expected 201 from POST /api/imports, got \(response)")
        }
        let job = try response.jsonObject()
        guard JobDocument.isLowercaseUUID(job["job_id"]) else {
            throw HarnessError("created job has no lowercase UUID job_id: \(response)")
        }
        return job
    }

    /// The job document stored under `import:job:{id}` as read by `redis-cli GET`, or nil.
    func storedJob(_ id: String) -> [String: Any]? {
        let raw = redis.cli("GET", JobDocument.key(id))
        guard !raw.isEmpty, let data = raw.data(using: .utf8) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    /// Every value in redis database 0 (strings, sets, sorted sets, hashes, lists, streams)
    /// as one text: used to check that no secret was ever written anywhere.
    func redisContents() -> (keys: [String], text: String) {
        let keys = redis.cli("KEYS", "*").split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        let types = redis.cli(script: keys.map { ["TYPE", $0] }).split(separator: "\n").map(String.init)
        let reads: [[String]] = zip(keys, types).map { key, type in
            switch type {
            case "string": return ["GET", key]
            case "zset": return ["ZRANGE", key, "0", "-1", "WITHSCORES"]
            case "set": return ["SMEMBERS", key]
            case "hash": return ["HGETALL", key]
            case "list": return ["LRANGE", key, "0", "-1"]
            case "stream": return ["XRANGE", key, "-", "+"]
            default: return ["DUMP", key]
            }
        }
        return (keys, redis.cli(script: reads))
    }

    /// Asserts `response` is an RFC 9457 problem: the given status, `application/problem+json`,
    /// and `type`, `title`, `status` (equal to the HTTP status) and `detail` in the body.
    /// Returns the parsed problem (empty if unparsable).
    @discardableResult
    func assertProblem(_ response: HTTPResponse, status: Int, _ context: String = "",
                       file: StaticString = #filePath, line: UInt = #line) -> [String: Any] {
        let prefix = context.isEmpty ? "" : "\(context): "
        XCTAssertEqual(response.status, status, "\(prefix)wrong status: \(response)", file: file, line: line)
        XCTAssertEqual(response.mediaType, "application/problem+json", "\(prefix)wrong Content-Type: \(response)",
                       file: file, line: line)
        guard let problem = try? response.jsonObject() else {
            XCTFail("\(prefix)problem body is not a JSON object: \(response)", file: file, line: line)
            return [:]
        }
        for field in ["type", "title", "detail"] {
            XCTAssertTrue(problem[field] is String, "\(prefix)problem lacks string \"\(field)\": \(response)",
                          file: file, line: line)
        }
        XCTAssertEqual((problem["status"] as? NSNumber)?.intValue, status,
                       "\(prefix)problem \"status\" differs from HTTP status: \(response)", file: file, line: line)
        return problem
    }

    /// Asserts `problem` has an `errors` list of `{field, message}` with an entry whose
    /// field mentions `field`.
    func assertValidationError(_ problem: [String: Any], mentions field: String, _ context: String = "",
                               file: StaticString = #filePath, line: UInt = #line) {
        guard let errors = problem["errors"] as? [[String: Any]], !errors.isEmpty else {
            XCTFail("\(context): problem has no non-empty \"errors\" list: \(JobDocument.text(problem))",
                    file: file, line: line)
            return
        }
        for entry in errors {
            XCTAssertTrue(entry["field"] is String && entry["message"] is String,
                          "\(context): errors entry is not {field, message}: \(JobDocument.text(entry))",
                          file: file, line: line)
        }
        let fields = errors.compactMap { $0["field"] as? String }
        XCTAssertTrue(fields.contains { $0.contains(field) },
                      "\(context): no error names \"\(field)\"; errors: \(JobDocument.text(errors))",
                      file: file, line: line)
    }

    /// Lists jobs with `query` (e.g. "status=pending&limit=5"), asserting 200, and returns
    /// the parsed `{items, total, limit, offset}` object.
    func listJobs(_ query: String = "", file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let path = query.isEmpty ? "/api/imports" : "/api/imports?\(query)"
        let response = try client.get(path)
        guard response.status == 200 else { throw HarnessError("GET \(path): expected 200, got \(response)") }
        return try response.jsonObject()
    }
}

/// Accessors for a parsed list response.
extension Dictionary where Key == String, Value == Any {
    /// `items` as job documents.
    var items: [[String: Any]] { self["items"] as? [[String: Any]] ?? [] }
    /// `job_id` of every item, in order.
    var itemIDs: [String] { items.compactMap { $0["job_id"] as? String } }
    /// An integer field (`total`, `limit`, `offset`), or nil.
    func int(_ key: String) -> Int? { (self[key] as? NSNumber)?.intValue }
    /// A string field, or nil.
    func string(_ key: String) -> String? { self[key] as? String }
}
