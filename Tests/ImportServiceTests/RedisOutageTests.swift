import Foundation
import XCTest

/// Redis going away and coming back: fast 503s with Retry-After, then automatic recovery.
final class RedisOutageTests: ServiceTestCase {
    /// Polls GET /health until it answers `status` (bounded); returns whether it did.
    private func waitForHealth(_ status: Int, on client: HTTPClient, timeout: TimeInterval) -> Bool {
        poll(timeout: timeout, interval: 0.05) { (try? client.get("/health").status) == status }
    }

    /// Asserts `response` is a 503 problem with a Retry-After header that answered within 3 s.
    private func assertUnavailable(_ timed: (result: HTTPResponse, seconds: TimeInterval), _ context: String,
                                   file: StaticString = #filePath, line: UInt = #line) {
        assertProblem(timed.result, status: 503, context, file: file, line: line)
        XCTAssertNotNil(timed.result.header("Retry-After"), "\(context): no Retry-After: \(timed.result)", file: file, line: line)
        XCTAssertLessThan(timed.seconds, 3, "\(context) took \(timed.seconds) s while redis was down", file: file, line: line)
    }

    /// Asserts a timed GET /health answered 503 with Retry-After within 3 s.
    private func assertHealthUnavailable(_ timed: (result: HTTPResponse, seconds: TimeInterval), _ context: String,
                                         file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(timed.result.status, 503, "\(context): \(timed.result)", file: file, line: line)
        XCTAssertNotNil(timed.result.header("Retry-After"), "\(context): no Retry-After: \(timed.result)", file: file, line: line)
        XCTAssertLessThan(timed.seconds, 3, "\(context) took \(timed.seconds) s", file: file, line: line)
    }

    func testRedisOutageGives503QuicklyAndServiceRecoversWhenRedisReturns() throws {
        let before = try createJob()
        let beforeID = try XCTUnwrap(before.string("job_id"))
        redis.stop()

        assertHealthUnavailable(try timed { try client.get("/health") }, "health with redis stopped")

        assertUnavailable(try timed { try client.postJSON("/api/imports", Payloads.jira) }, "POST /api/imports")
        assertUnavailable(try timed { try client.get("/api/imports/\(beforeID)") }, "GET /api/imports/{id}")
        assertUnavailable(try timed { try client.get("/api/imports") }, "GET /api/imports")
        XCTAssertTrue(service.isRunning, "service died while redis was down")

        try redis.start()
        XCTAssertTrue(waitForHealth(200, on: client, timeout: 5), "health not 200 within 5 s of redis returning")
        let response = try client.postJSON("/api/imports", Payloads.github)
        XCTAssertEqual(response.status, 201, "create after recovery: \(response)")
        let id = try XCTUnwrap(try response.jsonObject().string("job_id"))
        XCTAssertEqual(storedJob(id)?.string("status"), "pending", "job created after recovery is not in redis")
    }

    func testServiceStartedWhileRedisIsDownStartsAndThenWorks() throws {
        redis.stop()
        let late = try fixture.startExtraService(environment: [:], name: "service-started-without-redis")
        defer { late.stop() }
        assertHealthUnavailable(try timed { try late.client.get("/health") }, "health before redis started")
        assertUnavailable(try timed { try late.client.postJSON("/api/imports", Payloads.jira) }, "POST before redis")

        try redis.start()
        XCTAssertTrue(waitForHealth(200, on: late.client, timeout: 5), "health not 200 within 5 s of redis starting")
        let response = try late.client.postJSON("/api/imports", Payloads.jira)
        XCTAssertEqual(response.status, 201, "\(response)")
        let id = try XCTUnwrap(try response.jsonObject().string("job_id"))
        XCTAssertNotNil(storedJob(id), "job not in redis")
    }

    /// A hung redis (SIGSTOP: connected but silent) must not hang requests: with the default
    /// REDIS_TIMEOUT_MS (2000) they answer 503 within 3 s. After SIGCONT the service recovers
    /// and late replies to timed-out commands are not mistaken for answers to new ones.
    func testHungRedisGives503WithinTimeoutAndRecoversWithoutMixingReplies() throws {
        let first = try XCTUnwrap(createJob(Payloads.jira).string("job_id"))
        redis.pause()
        defer { redis.resume() }

        assertUnavailable(try timed { try client.get("/api/imports/\(first)") }, "GET while redis hangs")
        assertUnavailable(try timed { try client.postJSON("/api/imports", Payloads.github) }, "POST while redis hangs")
        XCTAssertTrue(service.isRunning, "service died while redis hung")

        redis.resume()
        XCTAssertTrue(waitForHealth(200, on: client, timeout: 5), "health not 200 within 5 s of redis resuming")
        for _ in 0..<3 {
            let fetched = try client.get("/api/imports/\(first)")
            XCTAssertEqual(fetched.status, 200, "\(fetched)")
            XCTAssertEqual(try fetched.jsonObject().string("job_id"), first, "GET answered with another reply: \(fetched)")
            let created = try createJob(Payloads.gitlab)
            let id = try XCTUnwrap(created.string("job_id"))
            XCTAssertEqual(created.string("source_type"), "gitlab")
            XCTAssertEqual(storedJob(id)?.string("source_type"), "gitlab")
            XCTAssertEqual(try client.get("/api/imports/\(id)").jsonObject().string("job_id"), id)
        }
    }
}
