import Foundation
import XCTest

/// REDIS_TIMEOUT_MS=300: a hung Redis costs a request at most that long, then 503; the
/// connection is rebuilt and the service serves again soon after Redis answers.
final class OpsRedisTimeoutTests: ServiceTestCase {
    override class var serviceEnvironment: [String: String] { ["REDIS_TIMEOUT_MS": "300"] }

    func testHungRedisAnswers503WithinOneSecondAndRecoversWithinTwo() throws {
        let id = try XCTUnwrap(try createJob().string("job_id"))
        let reconnectsBefore = try scrapeMetrics().count("redis_reconnects_total")
        redis.pause()
        defer { redis.resume() }

        let requests: [(String, () throws -> HTTPResponse)] = [
            ("GET /api/imports", { try self.client.get("/api/imports") }),
            ("GET /api/imports (again)", { try self.client.get("/api/imports") }),
            ("GET /api/imports/{id}", { try self.client.get("/api/imports/\(id)") }),
            ("POST /api/imports", { try self.client.postJSON("/api/imports", Payloads.gitlab) }),
        ]
        for (name, request) in requests {
            let (response, seconds) = try timed(request)
            assertProblem(response, status: 503, "\(name) with Redis hung")
            XCTAssertNotNil(response.header("Retry-After"), "\(name): 503 without Retry-After: \(response)")
            XCTAssertLessThan(seconds, 1, "\(name) took \(seconds) s with REDIS_TIMEOUT_MS=300")
        }
        let (health, healthSeconds) = try timed { try client.get("/health") }
        XCTAssertEqual(health.status, 503, "/health with Redis hung: \(health)")
        XCTAssertLessThan(healthSeconds, 1)
        XCTAssertTrue(service.isRunning)

        redis.resume()
        let resumed = Date()
        var last: HTTPResponse?
        let recovered = poll(timeout: 2, interval: 0.05) {
            last = try? client.get("/api/imports")
            return last?.status == 200
        }
        XCTAssertTrue(recovered, "GET /api/imports not 200 within 2 s of Redis resuming; last: \(String(describing: last))")
        XCTAssertLessThan(Date().timeIntervalSince(resumed), 2)
        let fetched = try client.get("/api/imports/\(id)")
        XCTAssertEqual(fetched.status, 200)
        XCTAssertEqual(try fetched.jsonObject().string("job_id"), id, "a late reply was taken for a new request")
        XCTAssertEqual(try client.postJSON("/api/imports", Payloads.github).status, 201)
        XCTAssertGreaterThanOrEqual(try scrapeMetrics().count("redis_reconnects_total"), reconnectsBefore + 1,
                                    "the connection was not rebuilt after the timeout")
    }
}
