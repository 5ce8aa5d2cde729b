import Foundation
import XCTest

/// Many simultaneous creates.
final class ConcurrencyTests: ServiceTestCase {
    /// Thread-safe collector of per-request outcomes.
    private final class Outcomes: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var statuses: [Int] = []
        private(set) var ids: [String] = []
        private(set) var errors: [String] = []

        func record(_ result: Result<HTTPResponse, Error>) {
            lock.lock(); defer { lock.unlock() }
            switch result {
            case .success(let response):
                statuses.append(response.status)
                if let id = try? response.jsonObject()["job_id"] as? String { ids.append(id) }
                if response.status != 201 { errors.append("\(response)") }
            case .failure(let error):
                errors.append("\(error)")
            }
        }
    }

    func test50ConcurrentCreatesAllSucceedWithDistinctIDs() throws {
        let count = 50
        let outcomes = Outcomes()
        let finished = DispatchGroup()
        let gate = DispatchSemaphore(value: 0)
        let client = self.client
        let body = try JSONSerialization.data(withJSONObject: Payloads.jira)
        for _ in 0..<count {
            finished.enter()
            let thread = Thread {
                gate.wait()
                var timedClient = client
                timedClient.timeout = 15
                outcomes.record(Result {
                    try timedClient.send("POST", "/api/imports", headers: [("Content-Type", "application/json")], body: body)
                })
                finished.leave()
            }
            thread.start()
        }
        for _ in 0..<count { gate.signal() }
        XCTAssertEqual(finished.wait(timeout: .now() + 30), .success, "concurrent creates did not finish in 30 s")

        XCTAssertEqual(outcomes.errors, [], "failed creates")
        XCTAssertEqual(outcomes.statuses.filter { $0 == 201 }.count, count)
        XCTAssertEqual(Set(outcomes.ids).count, count, "job ids are not distinct")
        let keys = outcomes.ids.map(JobDocument.key)
        XCTAssertEqual(redis.cli(arguments: ["EXISTS"] + keys), "\(count)", "not every job is in redis")
        XCTAssertEqual(try listJobs("limit=100").int("total"), count)
        XCTAssertEqual(Set(try listJobs("limit=100").itemIDs), Set(outcomes.ids))
    }
}
