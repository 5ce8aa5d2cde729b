import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// SIGTERM/SIGINT: stop accepting, let requests in flight finish within
/// SHUTDOWN_GRACE_SECONDS, close Redis, exit 0. Each test stops its own extra service on the
/// class's Redis, which it freezes (SIGSTOP) to hold a request in flight.
final class OpsShutdownTests: ServiceTestCase {
    /// Starts a service with `environment`, connected to Redis.
    private func startService(_ environment: [String: String], _ name: String) throws -> ServiceProcess {
        let started = try fixture.startExtraService(environment: environment, name: "\(name)-\(opsTag())")
        guard opsWait(for: 200, on: started.client, timeout: 5) else {
            started.stop()
            throw HarnessError("\(name): /health not 200 within 5 s")
        }
        return started
    }

    /// Starts `POST /api/imports` on a thread (it waits on the frozen Redis) and returns once
    /// the service counts it in flight.
    private func createInFlight(on service: ServiceProcess, requestID: String, clientTimeout: TimeInterval)
        throws -> OpsBox<(result: Result<HTTPResponse, Error>, seconds: TimeInterval)> {
        var slowClient = service.client
        slowClient.timeout = clientTimeout
        let client = slowClient
        let box = opsInBackground {
            try client.postJSON("/api/imports", Payloads.jira, headers: [("X-Request-ID", requestID)])
        }
        let inFlight = poll(timeout: 3, interval: 0.01) {
            // The scrape counts itself: 2 means the create is waiting.
            let text = (try? service.client.get("/metrics").text) ?? ""
            return (PrometheusExposition(parsing: text).value("http_requests_in_flight") ?? 0) >= 2
        }
        guard inFlight else { throw HarnessError("the create never showed as in flight") }
        return box
    }

    /// Ids of the jobs in Redis whose request_id is `requestID` (Redis holds only this test's jobs).
    private func jobIDs(withRequestID requestID: String) -> [String] {
        let keys = redis.cli("KEYS", "import:job:*").split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        return keys.map { String($0.dropFirst("import:job:".count)) }.filter { storedJob($0)?.string("request_id") == requestID }
    }

    func testSIGTERMDrainsTheRequestInFlightThenExitsZero() throws {
        let draining = try startService([:], "drain")
        defer { draining.stop() }
        redis.pause()
        defer { redis.resume() }
        let requestID = "drain-\(opsTag())"
        let pending = try createInFlight(on: draining, requestID: requestID, clientTimeout: 10)

        let sigterm = Date()
        draining.child.send(signal: SIGTERM)
        let refused = poll(timeout: 1, interval: 0.01) { !FreePort.isAccepting(port: draining.port) }
        XCTAssertTrue(refused, "new connections are still accepted 1 s after SIGTERM")
        var probe = draining.client
        probe.timeout = 1
        if let ready = try? probe.get("/ready") {
            XCTAssertEqual(ready.status, 503, "/ready during the drain: \(ready)")
        }
        XCTAssertTrue(draining.isRunning, "the service exited with a request in flight: "
            + "\(draining.child.exit.map { "\($0)" } ?? "?")\n\(draining.child.stderrTail())")
        XCTAssertNil(pending.wait(timeout: 0), "the request in flight was answered before Redis could reply")

        Thread.sleep(until: sigterm.addingTimeInterval(0.3))
        redis.resume()
        let resumed = Date()
        let outcome = pending.wait(timeout: 5)
        let exit = draining.child.waitForExit(timeout: 3)
        XCTAssertEqual(exit, .code(0), "the service did not exit 0 within 3 s of the drain: "
            + "\(exit.map { "\($0)" } ?? "still running")\n\(draining.child.stderrTail())")
        XCTAssertLessThan(Date().timeIntervalSince(resumed), 3.5)

        let storedIDs = jobIDs(withRequestID: requestID)
        XCTAssertEqual(storedIDs.count, 1, "jobs in Redis with request_id \(requestID): \(storedIDs)")
        guard let outcome else { return XCTFail("the request in flight got no answer within 5 s of Redis resuming") }
        switch outcome.result {
        case .success(let response):
            XCTAssertEqual(response.status, 201, "the request in flight at SIGTERM: \(response)")
            XCTAssertEqual(response.header("X-Request-ID"), requestID)
            XCTAssertEqual(try? response.jsonObject().string("job_id"), storedIDs.first, "answered job vs stored job")
        case .failure(let error):
            XCTFail("the create in flight at SIGTERM got no HTTP response (\(error)), yet its job "
                + "\(storedIDs.first ?? "?") was written to Redis and logged as 201: the reply was lost when the "
                + "service exited; a client retrying it makes a duplicate job")
        }
        let messages = OpsLog.parse(draining.stderrText).objects.compactMap { $0["message"] as? String }
        XCTAssertTrue(messages.contains { $0.hasPrefix("shutting down") }, "no shutdown line in \(messages)")
        XCTAssertEqual(messages.last, "stopped", "the last log line is not \"stopped\": \(messages)")
    }

    /// SHUTDOWN_GRACE_SECONDS=1 with Redis frozen throughout: the service still exits 0 within
    /// about 3 s, and the waiting client gets an answer or a closed connection, never a hang.
    func testShortGracePeriodExitsWhileRedisStaysHung() throws {
        let draining = try startService(["SHUTDOWN_GRACE_SECONDS": "1"], "grace1")
        defer { draining.stop() }
        redis.pause()
        defer { redis.resume() }
        let pending = try createInFlight(on: draining, requestID: "grace-\(opsTag())", clientTimeout: 8)

        let sigterm = Date()
        draining.child.send(signal: SIGTERM)
        let exit = draining.child.waitForExit(timeout: 6)
        let seconds = Date().timeIntervalSince(sigterm)
        XCTAssertEqual(exit, .code(0), "exit with Redis hung: \(exit.map { "\($0)" } ?? "still running after 6 s")")
        XCTAssertLessThan(seconds, 3.2, "with SHUTDOWN_GRACE_SECONDS=1 the service took \(seconds) s to exit")

        guard let outcome = pending.wait(timeout: 3) else { return XCTFail("the waiting client hung after the exit") }
        switch outcome.result {
        case .success(let response):
            XCTAssertNotEqual(response.status, 201, "a create was answered 201 while Redis was frozen")
        case .failure(let error):
            XCTAssertFalse(opsIsTimeout(error), "the waiting client hung: \(error)")
        }
        redis.resume()
        XCTAssertTrue(opsWait(for: 200, on: client, timeout: 5), "the class's service did not recover")
    }

    /// The grace period bounds the shutdown, whatever REDIS_TIMEOUT_MS says: with
    /// SHUTDOWN_GRACE_SECONDS=1 and REDIS_TIMEOUT_MS=6000 an operator expects the process gone
    /// about 1 s after SIGTERM, not 6 s.
    func testGracePeriodBoundsShutdownEvenWithALongRedisTimeout() throws {
        let draining = try startService(["SHUTDOWN_GRACE_SECONDS": "1", "REDIS_TIMEOUT_MS": "6000"], "grace1-timeout6")
        defer { draining.stop() }
        redis.pause()
        defer { redis.resume() }
        let pending = try createInFlight(on: draining, requestID: "grace-long-\(opsTag())", clientTimeout: 10)

        let sigterm = Date()
        draining.child.send(signal: SIGTERM)
        let exit = draining.child.waitForExit(timeout: 8)
        let seconds = Date().timeIntervalSince(sigterm)
        XCTAssertEqual(exit, .code(0), "\(exit.map { "\($0)" } ?? "still running after 8 s")")
        XCTAssertLessThan(seconds, 2.5, "SHUTDOWN_GRACE_SECONDS=1 but the service exited \(String(format: "%.1f", seconds)) s "
            + "after SIGTERM (it waited for REDIS_TIMEOUT_MS=6000):\n\(draining.child.stderrTail())")
        if let outcome = pending.wait(timeout: 3), case .failure(let error) = outcome.result {
            XCTAssertFalse(opsIsTimeout(error), "the waiting client hung: \(error)")
        }
    }

    /// An idle keep-alive connection and a half-sent request are not requests in flight:
    /// SIGINT ends the service at once with exit code 0.
    func testSIGINTWithIdleConnectionsExitsZeroPromptly() throws {
        let draining = try startService([:], "sigint")
        defer { draining.stop() }
        let idle = try TCPConnection(port: draining.port, timeout: 5)
        defer { idle.close() }
        let partial = try TCPConnection(port: draining.port, timeout: 5)
        defer { partial.close() }
        partial.writeAll(Data("GET /api/imports HTTP/1.1\r\nHost: x\r\n".utf8))
        Thread.sleep(forTimeInterval: 0.1)

        let sigint = Date()
        draining.child.send(signal: SIGINT)
        let exit = draining.child.waitForExit(timeout: 5)
        XCTAssertEqual(exit, .code(0), "SIGINT: \(exit.map { "\($0)" } ?? "still running after 5 s")")
        XCTAssertLessThan(Date().timeIntervalSince(sigint), 1, "idle connections held the shutdown")
    }
}
