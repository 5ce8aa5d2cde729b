import Foundation
import XCTest

/// `Idempotency-Key` on POST /api/imports: a repeat answers the first job, never makes another.
final class IdempotencyTests: LifecycleTestCase {
    private func create(_ body: Data, key: String) throws -> HTTPResponse {
        try client.send("POST", "/api/imports", headers: [("Content-Type", "application/json"), ("Idempotency-Key", key)],
                        body: body)
    }

    func testSameKeyAndBodyReplaysTheFirstJob() throws {
        let body = try JSONSerialization.data(withJSONObject: Payloads.github)
        let first = try create(body, key: "order-7781")
        XCTAssertEqual(first.status, 201, "\(first)")
        let firstJob = try first.jsonObject()
        let id = try XCTUnwrap(firstJob.string("job_id"))

        let second = try create(body, key: "order-7781")
        XCTAssertEqual(second.status, 200, "a replay must answer 200: \(second)")
        let secondJob = try second.jsonObject()
        XCTAssertEqual(secondJob.string("job_id"), id, "a replay made another job")
        XCTAssertTrue(JobDocument.jsonEqual(firstJob, secondJob), "the replay answers a different document")
        XCTAssertEqual(second.header("Location"), "/api/imports/\(id)")

        XCTAssertEqual(jobKeys(), [JobDocument.key(id)], "expected exactly one job key")
        XCTAssertEqual(try list().int("total"), 1)

        // A replay after the job moved on answers the job as it is now, still without a new one.
        try patchOK(id, ["status": "processing"])
        let third = try create(body, key: "order-7781")
        XCTAssertEqual(third.status, 200, "\(third)")
        XCTAssertEqual(try third.jsonObject().string("job_id"), id)
        XCTAssertEqual(jobKeys().count, 1)

        // Another key makes another job.
        XCTAssertEqual(try create(body, key: "order-7782").status, 201)
        XCTAssertEqual(jobKeys().count, 2)
    }

    func testSameKeyWithDifferentBodyIs422() throws {
        let first = try create(try JSONSerialization.data(withJSONObject: Payloads.github), key: "batch-1")
        XCTAssertEqual(first.status, 201, "\(first)")
        let id = try XCTUnwrap(try first.jsonObject().string("job_id"))
        let other = try create(try JSONSerialization.data(withJSONObject: Payloads.jira), key: "batch-1")
        let problem = assertProblem(other, status: 422, "same Idempotency-Key, different body")
        assertValidationError(problem, mentions: "Idempotency-Key", "same Idempotency-Key, different body")
        XCTAssertEqual(jobKeys(), [JobDocument.key(id)], "a rejected replay created a job")
    }

    /// 20 simultaneous creates with one key: one job, one key in redis, one 201 and 19 replays.
    func testConcurrentCreatesWithOneKeyMakeOneJob() throws {
        let body = try JSONSerialization.data(withJSONObject: Payloads.gitlab)
        let client = self.client
        let results = runConcurrently(20) { _ in
            try client.send("POST", "/api/imports",
                            headers: [("Content-Type", "application/json"), ("Idempotency-Key", "concurrent-key-1")],
                            body: body)
        }
        var ids = Set<String>()
        var statuses: [Int] = []
        for result in results {
            switch result {
            case .success(let response):
                statuses.append(response.status)
                XCTAssertTrue([200, 201].contains(response.status), "\(response)")
                if let id = try? response.jsonObject().string("job_id") { ids.insert(id) }
            case .failure(let error):
                XCTFail("request failed: \(error)")
            }
        }
        XCTAssertEqual(ids.count, 1, "distinct job ids across the 20 answers: \(ids)")
        XCTAssertEqual(statuses.filter { $0 == 201 }.count, 1, "statuses: \(statuses.sorted())")
        XCTAssertEqual(statuses.filter { $0 == 200 }.count, 19, "statuses: \(statuses.sorted())")
        let keys = jobKeys()
        XCTAssertEqual(keys.count, 1, "import:job:* keys: \(keys)")
        XCTAssertEqual(keys.first, ids.first.map(JobDocument.key))
        XCTAssertEqual(redis.cli("ZCARD", "import:jobs:created"), "1")
    }
}
