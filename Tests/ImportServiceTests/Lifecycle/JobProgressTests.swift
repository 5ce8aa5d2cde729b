import Foundation
import XCTest

/// PATCH progress: the server-computed percentage, the validation of PATCH bodies, and ids
/// that name no job.
final class JobProgressTests: LifecycleTestCase {
    /// PATCHes `progress` onto a processing job and returns the answered progress object,
    /// checking it equals what redis stores.
    private func report(_ id: String, _ progress: [String: Any]) throws -> [String: Any] {
        let job = try patchOK(id, ["progress": progress])
        XCTAssertTrue(JobDocument.jsonEqual(job, storedJob(id)), "answer differs from redis after \(progress)")
        return try XCTUnwrap(job["progress"] as? [String: Any], "no progress object in \(JobDocument.text(job))")
    }

    private func percentage(_ progress: [String: Any]) -> Double? { (progress["percentage"] as? NSNumber)?.doubleValue }

    func testPercentageIsComputedByTheServer() throws {
        let id = try XCTUnwrap(try createJob(inStatus: "processing").string("job_id"))

        let third = try report(id, ["total_items": 3, "processed_items": 1])
        XCTAssertEqual(percentage(third) ?? -1, 33.33, accuracy: 0.0001, JobDocument.text(third))
        XCTAssertEqual(third.int("total_items"), 3)
        XCTAssertEqual(third.int("processed_items"), 1)
        XCTAssertEqual(third.int("failed_items"), 0, "failed_items defaults to 0")
        let stored = try XCTUnwrap(storedJob(id)?["progress"] as? [String: Any])
        XCTAssertEqual(percentage(stored) ?? -1, 33.33, accuracy: 0.0001, "redis: \(JobDocument.text(stored))")

        let full = try report(id, ["total_items": 4, "processed_items": 2, "failed_items": 2])
        XCTAssertEqual(percentage(full) ?? -1, 100, accuracy: 0.0001, JobDocument.text(full))
        XCTAssertEqual(full.int("failed_items"), 2)

        let empty = try report(id, ["total_items": 0, "processed_items": 0])
        XCTAssertEqual(percentage(empty) ?? -1, 0, accuracy: 0.0001, JobDocument.text(empty))

        let ignored = try report(id, ["total_items": 10, "processed_items": 5, "percentage": 99])
        XCTAssertEqual(percentage(ignored) ?? -1, 50, accuracy: 0.0001, "a client-sent percentage must be ignored")

        let twoThirds = try report(id, ["total_items": 3, "processed_items": 1, "failed_items": 1])
        XCTAssertEqual(percentage(twoThirds) ?? -1, 66.67, accuracy: 0.0001, JobDocument.text(twoThirds))
    }

    /// Counts beyond 14 significant digits are stored and answered exactly (a JSON number,
    /// not rounded or turned into exponent notation) when the job document is rewritten.
    func testLargeCountsSurviveAPatch() throws {
        let id = try XCTUnwrap(try createJob(inStatus: "processing").string("job_id"))
        let total: Int64 = 123_456_789_012_345
        let response = try patch(id, ["progress": ["total_items": total, "processed_items": total - 1]])
        XCTAssertEqual(response.status, 200, "\(response)")
        let raw = redis.cli("GET", JobDocument.key(id))
        XCTAssertTrue(raw.contains("\"total_items\":123456789012345"),
                      "PATCH progress total_items=123456789012345: redis stores \(raw)")
        XCTAssertTrue(raw.contains("\"processed_items\":123456789012344"),
                      "PATCH progress processed_items=123456789012344: redis stores \(raw)")
        XCTAssertTrue(response.text.contains("\"total_items\":123456789012345"), "answer: \(response.text)")
    }

    /// Bad PATCH bodies are problems (400 / 415 / 422 with the field named) and change nothing.
    func testInvalidPatchBodiesAreRejected() throws {
        let id = try XCTUnwrap(try createJob(inStatus: "processing").string("job_id"))
        let before = redis.cli("GET", JobDocument.key(id))
        let json = "application/json"
        let cases: [(name: String, body: String, contentType: String?, status: Int, field: String?)] = [
            ("processed+failed > total", #"{"progress":{"total_items":3,"processed_items":2,"failed_items":2}}"#,
             json, 422, "progress"),
            ("processed > total", #"{"progress":{"total_items":3,"processed_items":4}}"#, json, 422, "progress"),
            ("negative processed", #"{"progress":{"total_items":3,"processed_items":-1}}"#, json, 422, "processed_items"),
            ("negative total", #"{"progress":{"total_items":-3,"processed_items":0}}"#, json, 422, "total_items"),
            ("negative failed", #"{"progress":{"total_items":3,"processed_items":0,"failed_items":-1}}"#, json, 422,
             "failed_items"),
            ("fractional count", #"{"progress":{"total_items":3.5,"processed_items":1}}"#, json, 422, "total_items"),
            ("missing total", #"{"progress":{"processed_items":1}}"#, json, 422, "total_items"),
            ("unknown top-level key", #"{"status":"completed","colour":"red"}"#, json, 422, "colour"),
            ("unknown progress key", #"{"progress":{"total_items":3,"processed_items":1,"skipped":1}}"#, json, 422,
             "skipped"),
            ("unknown status", #"{"status":"done"}"#, json, 422, "status"),
            ("error not a string", #"{"error":42}"#, json, 422, "error"),
            ("empty object", "{}", json, 422, nil),
            ("array body", "[]", json, 422, nil),
            ("malformed JSON", #"{"status":"#, json, 400, nil),
            ("malformed JSON (trailing comma)", #"{"status":"completed",}"#, json, 400, nil),
            ("empty body", "", json, 400, nil),
            ("text/plain", #"{"status":"completed"}"#, "text/plain", 415, nil),
            ("form encoded", "status=completed", "application/x-www-form-urlencoded", 415, nil),
            ("no Content-Type", #"{"status":"completed"}"#, nil, 415, nil),
        ]
        for item in cases {
            let context = "PATCH \(item.name) (\(item.body.debugDescription), Content-Type \(item.contentType ?? "none"))"
            let response = try patch(id, body: Data(item.body.utf8), contentType: item.contentType)
            let problem = assertProblem(response, status: item.status, context)
            if item.status == 422, let field = item.field {
                assertValidationError(problem, mentions: field, context)
            } else if item.status == 422 {
                let errors = problem["errors"] as? [[String: Any]] ?? []
                XCTAssertFalse(errors.isEmpty, "\(context): a 422 without an errors list: \(response)")
            }
            XCTAssertEqual(redis.cli("GET", JobDocument.key(id)), before, "\(context): the stored job changed")
        }
    }

    /// A non-UUID id and an unknown UUID are 404 problems for every job route, and create nothing.
    func testUnknownJobIs404() throws {
        let existing = try XCTUnwrap(try createJob().string("job_id"))
        let unknown = UUID().uuidString.lowercased()
        let body: [String: Any] = ["status": "processing"]
        for id in ["not-a-uuid", "12345", unknown, unknown.uppercased()] {
            assertProblem(try patch(id, body), status: 404, "PATCH /api/imports/\(id)")
            assertProblem(try patch(id, ["progress": ["total_items": 1, "processed_items": 1]]), status: 404,
                          "progress PATCH /api/imports/\(id)")
            assertProblem(try getJob(id), status: 404, "GET /api/imports/\(id)")
            assertProblem(try cancel(id), status: 404, "POST /api/imports/\(id)/cancel")
            assertProblem(try delete(id), status: 404, "DELETE /api/imports/\(id)")
        }
        XCTAssertEqual(jobKeys(), [JobDocument.key(existing)], "requests for unknown jobs created keys")
        XCTAssertEqual(redis.cli("EXISTS", JobDocument.key(unknown)), "0")
        XCTAssertEqual(redis.cli("HEXISTS", "import:jobs:indexes", unknown), "0")
        XCTAssertNil(zscore("import:jobs:expiry", unknown))
        XCTAssertEqual(try list().int("total"), 1)
    }
}

/// Every write resets the job key's TTL: to the default 86400 s, and to JOB_TTL_SECONDS when set.
final class JobTTLTests: LifecycleTestCase {
    func testPatchAndCancelResetTheTTL() throws {
        let id = try XCTUnwrap(try createJob().string("job_id"))
        let key = JobDocument.key(id)
        XCTAssertEqual(redis.cli("EXPIRE", key, "100"), "1")
        XCTAssertLessThanOrEqual(ttl(key), 100)

        try patchOK(id, ["progress": ["total_items": 5, "processed_items": 1]])
        let afterPatch = ttl(key)
        XCTAssertTrue((86_300...86_400).contains(afterPatch), "TTL after a progress PATCH is \(afterPatch), not near 86400")
        if let score = zscore("import:jobs:expiry", id).flatMap(Double.init) {
            let remaining = score - redisNowMilliseconds()
            XCTAssertTrue((86_300_000...86_400_000).contains(remaining),
                          "import:jobs:expiry scores the job \(remaining) ms from now, not ~86400 s")
        } else {
            XCTFail("job not in import:jobs:expiry after a PATCH")
        }

        XCTAssertEqual(redis.cli("EXPIRE", key, "100"), "1")
        try patchOK(id, ["status": "processing"])
        let afterStatus = ttl(key)
        XCTAssertTrue((86_300...86_400).contains(afterStatus), "TTL after a status PATCH is \(afterStatus)")

        XCTAssertEqual(redis.cli("EXPIRE", key, "100"), "1")
        XCTAssertEqual(try cancel(id).status, 200)
        let afterCancel = ttl(key)
        XCTAssertTrue((86_300...86_400).contains(afterCancel), "TTL after cancel is \(afterCancel)")
    }

    /// A service started with JOB_TTL_SECONDS=500 writes and resets the TTL to 500.
    func testPatchResetsTheTTLToJobTTLSeconds() throws {
        let shortLived = try fixture.startExtraService(environment: ["JOB_TTL_SECONDS": "500"], name: "service-ttl500")
        defer { shortLived.stop() }
        let client = shortLived.client
        let created = try client.postJSON("/api/imports", Payloads.gitlab)
        XCTAssertEqual(created.status, 201, "\(created)")
        let id = try XCTUnwrap(try created.jsonObject().string("job_id"))
        let key = JobDocument.key(id)
        let initial = ttl(key)
        XCTAssertTrue((401...500).contains(initial), "TTL after create with JOB_TTL_SECONDS=500 is \(initial)")

        XCTAssertEqual(redis.cli("EXPIRE", key, "100"), "1")
        let body = try JSONSerialization.data(withJSONObject: ["progress": ["total_items": 2, "processed_items": 1]])
        let patched = try client.send("PATCH", "/api/imports/\(id)", headers: [("Content-Type", "application/json")],
                                      body: body)
        XCTAssertEqual(patched.status, 200, "\(patched)")
        let afterPatch = ttl(key)
        XCTAssertTrue((401...500).contains(afterPatch), "TTL after PATCH with JOB_TTL_SECONDS=500 is \(afterPatch)")

        XCTAssertEqual(redis.cli("EXPIRE", key, "100"), "1")
        let cancelled = try client.send("POST", "/api/imports/\(id)/cancel")
        XCTAssertEqual(cancelled.status, 200, "\(cancelled)")
        let afterCancel = ttl(key)
        XCTAssertTrue((401...500).contains(afterCancel), "TTL after cancel with JOB_TTL_SECONDS=500 is \(afterCancel)")
    }
}
