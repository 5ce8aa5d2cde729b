import Foundation
import XCTest

/// `GET /ready` and `GET /health` as an orchestrator sees them.
final class OpsReadinessTests: ServiceTestCase {
    func testServiceStartedWithRedisDownIsNotReadyUntilRedisConnects() throws {
        redis.stop()
        let late = try fixture.startExtraService(environment: [:], name: "ready-late-\(opsTag())")
        defer { late.stop() }

        let (ready, readySeconds) = try timed { try late.client.get("/ready") }
        XCTAssertEqual(ready.status, 503, "/ready before Redis ever connected: \(ready)")
        XCTAssertLessThan(readySeconds, 1, "/ready took \(readySeconds) s")
        XCTAssertNotNil(ready.header("X-Request-ID"), "503 from /ready without X-Request-ID")
        let (health, healthSeconds) = try timed { try late.client.get("/health") }
        XCTAssertEqual(health.status, 503, "/health with Redis down: \(health)")
        XCTAssertLessThan(healthSeconds, 1, "/health took \(healthSeconds) s")
        XCTAssertEqual(try health.jsonObject().string("status"), "unavailable", "\(health)")
        XCTAssertNotNil(health.header("Retry-After"), "503 /health without Retry-After: \(health)")
        XCTAssertNotNil(health.header("X-Request-ID"), "503 from /health without X-Request-ID")
        let create = try late.client.postJSON("/api/imports", Payloads.jira)
        assertProblem(create, status: 503, "create before Redis ever connected")
        XCTAssertNotNil(create.header("X-Request-ID"), "503 problem without X-Request-ID")
        XCTAssertEqual(try late.client.get("/metrics").status, 200, "/metrics must answer without Redis")
        XCTAssertTrue(late.isRunning)

        try redis.start()
        let started = Date()
        XCTAssertTrue(opsWait(for: 200, "/ready", on: late.client, timeout: 5), "/ready not 200 within 5 s of Redis starting")
        XCTAssertLessThan(Date().timeIntervalSince(started), 2, "/ready took over 2 s to follow Redis")
        let nowReady = try late.client.get("/ready")
        XCTAssertEqual(nowReady.status, 200)
        XCTAssertEqual(try nowReady.jsonObject().string("status"), "ready")
        let healthy = try late.client.get("/health")
        XCTAssertEqual(healthy.status, 200)
        XCTAssertTrue(JobDocument.jsonEqual(try healthy.jsonObject(), ["status": "ok", "redis": "ok"]), "\(healthy)")
    }

    /// Once connected, a Redis outage shows on /health (503) but not on /ready, so an
    /// orchestrator does not pull every instance out at once; both recover with Redis.
    func testReadyStaysUpWhileHealthReportsALaterRedisOutage() throws {
        XCTAssertEqual(try client.get("/ready").status, 200)
        redis.stop()
        XCTAssertTrue(opsWait(for: 503, on: client, timeout: 3), "/health not 503 within 3 s of Redis stopping")
        XCTAssertEqual(try client.get("/ready").status, 200, "/ready after Redis had connected once")
        try redis.start()
        XCTAssertTrue(opsWait(for: 200, on: client, timeout: 5), "/health not 200 within 5 s of Redis returning")
        XCTAssertEqual(try client.get("/ready").status, 200)
    }
}
