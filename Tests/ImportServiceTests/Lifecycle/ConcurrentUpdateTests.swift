import Foundation
import XCTest

/// Simultaneous writes to one job: none is lost, none is refused wrongly, one final wins.
final class ConcurrentUpdateTests: LifecycleTestCase {
    /// 50 threads PATCH different progress values onto one processing job: all 200; redis
    /// holds exactly the document of the answer with the latest updated_at.
    func testConcurrentProgressPatchesAllSucceed() throws {
        let job = try createJob(inStatus: "processing")
        let id = try XCTUnwrap(job.string("job_id"))
        let bodies = try (1...50).map {
            try JSONSerialization.data(withJSONObject: ["progress": ["total_items": 100, "processed_items": $0]])
        }
        let client = self.client
        let results = runConcurrently(50) { index in
            try client.send("PATCH", "/api/imports/\(id)", headers: [("Content-Type", "application/json")],
                            body: bodies[index])
        }
        var answers: [(processed: Int, updatedAt: Date, text: String)] = []
        for (index, result) in results.enumerated() {
            switch result {
            case .success(let response):
                XCTAssertEqual(response.status, 200, "PATCH processed_items=\(index + 1): \(response)")
                guard response.status == 200, let document = try? response.jsonObject(),
                      let progress = document["progress"] as? [String: Any],
                      let updatedAt = JobDocument.parseUTCTimestamp(document["updated_at"]) else { continue }
                XCTAssertEqual(progress.int("processed_items"), index + 1, "the answer shows another request's progress")
                answers.append((index + 1, updatedAt, response.text))
            case .failure(let error):
                XCTFail("PATCH processed_items=\(index + 1) failed: \(error)")
            }
        }
        let stored = try XCTUnwrap(storedJob(id))
        let storedText = redis.cli("GET", JobDocument.key(id))
        let storedProgress = try XCTUnwrap(stored["progress"] as? [String: Any])
        let processed = try XCTUnwrap(storedProgress.int("processed_items"))
        XCTAssertTrue((1...50).contains(processed), "stored processed_items \(processed) was never sent")
        XCTAssertEqual(storedProgress.int("total_items"), 100)
        XCTAssertEqual(stored.string("status"), "processing")
        XCTAssertEqual(stored.string("started_at"), job.string("started_at"))
        XCTAssertEqual(stored.string("created_at"), job.string("created_at"))
        let latest = answers.map(\.updatedAt).max()
        XCTAssertEqual(JobDocument.parseUTCTimestamp(stored["updated_at"]), latest,
                       "stored updated_at is not the latest of the answers")
        XCTAssertTrue(answers.contains { $0.text == storedText && $0.updatedAt == latest },
                      "redis holds no answered document with the latest updated_at: \(storedText)")
    }

    /// Half the writers report progress and half report an error at the same time: both
    /// fields survive (no write is based on a stale read of the other).
    func testConcurrentProgressAndErrorReportsLoseNothing() throws {
        let id = try XCTUnwrap(try createJob(inStatus: "processing").string("job_id"))
        let bodies = try (0..<40).map { index -> Data in
            let body: [String: Any] = index.isMultiple(of: 2)
                ? ["progress": ["total_items": 40, "processed_items": index]]
                : ["error": "error-\(index)"]
            return try JSONSerialization.data(withJSONObject: body)
        }
        let client = self.client
        let results = runConcurrently(40) { index in
            try client.send("PATCH", "/api/imports/\(id)", headers: [("Content-Type", "application/json")],
                            body: bodies[index])
        }
        XCTAssertEqual(results.compactMap { try? $0.get().status }.filter { $0 == 200 }.count, 40,
                       "not every PATCH was 200: \(results.map { (try? $0.get().status).map(String.init) ?? "error" })")
        let stored = try XCTUnwrap(storedJob(id))
        let progress = stored["progress"] as? [String: Any]
        XCTAssertNotNil(progress, "a progress report was lost: \(JobDocument.text(stored))")
        if let processed = progress?.int("processed_items") {
            XCTAssertTrue(processed.isMultiple(of: 2) && processed < 40, "stored processed_items \(processed) never sent")
        }
        let error = stored.string("error") ?? ""
        XCTAssertTrue(error.hasPrefix("error-"), "an error report was lost: \(JobDocument.text(stored))")
    }

    /// 20 simultaneous final transitions (10 PATCH completed, 10 cancel) on one processing
    /// job: exactly one 200, nineteen 409s naming the winner's status.
    func testConcurrentFinalTransitionsHaveOneWinner() throws {
        let id = try XCTUnwrap(try createJob(inStatus: "processing", payload: Payloads.servicenow).string("job_id"))
        let complete = try JSONSerialization.data(withJSONObject: ["status": "completed"])
        let client = self.client
        let results = runConcurrently(20) { index in
            if index.isMultiple(of: 2) {
                return try client.send("PATCH", "/api/imports/\(id)", headers: [("Content-Type", "application/json")],
                                       body: complete)
            }
            return try client.send("POST", "/api/imports/\(id)/cancel")
        }
        var winners: [[String: Any]] = []
        var conflicts: [HTTPResponse] = []
        for result in results {
            switch result {
            case .success(let response) where response.status == 200:
                winners.append((try? response.jsonObject()) ?? [:])
            case .success(let response) where response.status == 409:
                conflicts.append(response)
            case .success(let response):
                XCTFail("unexpected answer: \(response)")
            case .failure(let error):
                XCTFail("request failed: \(error)")
            }
        }
        XCTAssertEqual(winners.count, 1, "200 answers: \(winners.map(JobDocument.text))")
        XCTAssertEqual(conflicts.count, 19)
        guard winners.count == 1, let status = winners[0].string("status") else { return }
        XCTAssertTrue(["completed", "cancelled"].contains(status))
        let stored = try XCTUnwrap(storedJob(id))
        XCTAssertTrue(JobDocument.jsonEqual(stored, winners[0]), "redis differs from the winning answer")
        XCTAssertNotNil(JobDocument.parseUTCTimestamp(stored["completed_at"]))
        for response in conflicts {
            let problem = (try? response.jsonObject()) ?? [:]
            XCTAssertEqual(problem.string("current_status"), status, "a loser names another current status: \(response)")
        }
        assertIndexed(id, status: status, sourceType: "servicenow", tenant: nil, "after the race")
        XCTAssertEqual(try list("status=\(status)").int("total"), 1)
        XCTAssertEqual(try list("status=processing").int("total"), 0)
    }
}
