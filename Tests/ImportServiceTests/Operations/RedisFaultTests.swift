import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Redis killed (SIGKILL) under a create load and started again: the service never crashes,
/// never leaves a request hanging, answers 503 while Redis is away, serves again within 1 s of
/// its return, and every job it confirmed with 201 after the kill is really there.
///
/// The test's Redis keeps no data (`--save "" --appendonly no`), so jobs created before the
/// kill die with it; that is Redis's durability, not the service's, and is not checked.
final class OpsRedisFaultTests: ServiceTestCase {
    private struct Outcome {
        let start: Date
        let end: Date
        let status: Int?
        let jobID: String?
        let isProblemWithRetryAfter: Bool
        let error: String?
        var seconds: TimeInterval { end.timeIntervalSince(start) }
    }

    private final class Ledger: @unchecked Sendable {
        private let lock = NSLock()
        private var outcomes: [Outcome] = []
        private var running = true

        var isRunning: Bool { lock.lock(); defer { lock.unlock() }; return running }
        func stop() { lock.lock(); running = false; lock.unlock() }
        func add(_ outcome: Outcome) { lock.lock(); outcomes.append(outcome); lock.unlock() }
        var all: [Outcome] { lock.lock(); defer { lock.unlock() }; return outcomes }
    }

    func testRedisKilledUnderCreateLoadNeverHangsOrCrashesAndRecoversWithinOneSecond() throws {
        let threads = 8
        let ledger = Ledger()
        let finished = DispatchGroup()
        var loadClient = client
        loadClient.timeout = 3
        let loadingClient = loadClient
        let body = try JSONSerialization.data(withJSONObject: Payloads.jira)
        for _ in 0..<threads {
            finished.enter()
            Thread {
                while ledger.isRunning {
                    let start = Date()
                    let result = Result {
                        try loadingClient.send("POST", "/api/imports", headers: [("Content-Type", "application/json")], body: body)
                    }
                    let end = Date()
                    switch result {
                    case .success(let response):
                        let jobID = response.status == 201 ? (try? response.jsonObject())?["job_id"] as? String : nil
                        ledger.add(Outcome(start: start, end: end, status: response.status, jobID: jobID,
                                           isProblemWithRetryAfter: response.mediaType == "application/problem+json"
                                               && response.header("Retry-After") != nil,
                                           error: nil))
                        if response.status != 201 { Thread.sleep(forTimeInterval: 0.005) }
                    case .failure(let error):
                        ledger.add(Outcome(start: start, end: end, status: nil, jobID: nil, isProblemWithRetryAfter: false,
                                           error: "\(error)"))
                        Thread.sleep(forTimeInterval: 0.005)
                    }
                }
                finished.leave()
            }.start()
        }
        defer {
            ledger.stop()
            _ = finished.wait(timeout: .now() + 10)
        }

        Thread.sleep(forTimeInterval: 1.0)
        let pid = try XCTUnwrap(opsRedisPID(redis), "no process_id in INFO server")
        XCTAssertEqual(kill(pid, SIGKILL), 0, "kill -9 \(pid)")
        XCTAssertTrue(poll(timeout: 3, interval: 0.005) { !FreePort.isAccepting(port: redis.port) }, "Redis still accepts after SIGKILL")
        let killedAt = Date()
        XCTAssertTrue(poll(timeout: 3, interval: 0.01) { !redis.isRunning }, "the killed Redis still shows as running")
        Thread.sleep(until: killedAt.addingTimeInterval(0.7))

        let restartAt = Date()
        try redis.start()
        let upAt = Date()
        var healthyAt: Date?
        let probe = HTTPClient(port: service.port, timeout: 2)
        poll(timeout: 3, interval: 0.05) {
            guard (try? probe.get("/health"))?.status == 200 else { return false }
            healthyAt = Date()
            return true
        }
        Thread.sleep(forTimeInterval: 1.5)
        ledger.stop()
        XCTAssertEqual(finished.wait(timeout: .now() + 10), .success, "the load threads did not finish: a request hung")

        XCTAssertTrue(service.isRunning, "the service died: \(service.child.exit.map { "\($0)" } ?? "?")\n"
            + service.child.stderrTail())
        let outcomes = ledger.all
        let summary = Dictionary(grouping: outcomes, by: { $0.status.map(String.init) ?? "error" }).mapValues(\.count)
        print("Redis fault under load: \(outcomes.count) creates \(summary); health back "
            + "\(healthyAt.map { String(format: "%.3f", $0.timeIntervalSince(upAt)) } ?? "never") s after Redis returned")
        XCTAssertGreaterThan(outcomes.count, 100, "too little load to mean anything")

        // Every request got an HTTP answer, within 3 s.
        let failures = outcomes.compactMap(\.error)
        XCTAssertEqual(failures.count, 0, "requests without an HTTP answer: \(Set(failures).prefix(5))")
        let slowest = outcomes.map(\.seconds).max() ?? 0
        XCTAssertLessThan(slowest, 3, "the slowest request took \(slowest) s")

        // Only 201 and 503 (problem+json with Retry-After).
        let statuses = Dictionary(grouping: outcomes.compactMap(\.status), by: { $0 }).mapValues(\.count)
        XCTAssertEqual(Set(statuses.keys).subtracting([201, 503]), [], "unexpected statuses: \(statuses)")
        let badUnavailable = outcomes.filter { $0.status == 503 && !$0.isProblemWithRetryAfter }
        XCTAssertEqual(badUnavailable.count, 0, "503s without problem+json and Retry-After")

        // While Redis was away: 503, and only 503.
        let whileDown = outcomes.filter { $0.start > killedAt && $0.end < restartAt }
        XCTAssertGreaterThan(whileDown.count, 0, "no request ran while Redis was down")
        XCTAssertEqual(whileDown.filter { $0.status != 503 }.count, 0,
                       "requests made while Redis was dead got \(Set(whileDown.compactMap(\.status)))")

        // Serving again within 1 s of Redis's return.
        let healthy = try XCTUnwrap(healthyAt, "/health never answered 200 after Redis restarted")
        XCTAssertLessThan(healthy.timeIntervalSince(upAt), 1, "/health 200 came \(healthy.timeIntervalSince(upAt)) s after Redis returned")
        let firstCreated = outcomes.filter { $0.status == 201 && $0.start > upAt }.map(\.end).min()
        let created = try XCTUnwrap(firstCreated, "no create succeeded after Redis returned")
        XCTAssertLessThan(created.timeIntervalSince(upAt), 1, "the first 201 came \(created.timeIntervalSince(upAt)) s after Redis returned")

        // Every job confirmed with 201 after the kill is in Redis and readable.
        let confirmed = outcomes.filter { $0.status == 201 && $0.start > killedAt }.compactMap(\.jobID)
        XCTAssertGreaterThan(confirmed.count, 10, "too few creates after Redis returned")
        var missing: [String] = []
        var index = 0
        while index < confirmed.count {
            let chunk = Array(confirmed[index..<min(index + 200, confirmed.count)])
            if redis.cli(arguments: ["EXISTS"] + chunk.map(JobDocument.key)) != "\(chunk.count)" {
                missing += chunk.filter { redis.cli("EXISTS", JobDocument.key($0)) != "1" }
            }
            index += 200
        }
        XCTAssertEqual(missing, [], "\(missing.count) of \(confirmed.count) jobs answered 201 after the kill are not in Redis")
        for id in confirmed.shuffled().prefix(20) {
            let fetched = try client.get("/api/imports/\(id)")
            XCTAssertEqual(fetched.status, 200, "GET of a confirmed job: \(fetched)")
        }
    }
}
