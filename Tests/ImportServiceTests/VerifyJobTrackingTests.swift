import Foundation
import XCTest

/// Runs `.build/debug/verify-job-tracking` as a subprocess against the harness's private
/// redis and import-service, and checks its exit code and checklist lines.
final class VerifyJobTrackingTests: ServiceTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try waitUntilServiceSeesRedis()
    }

    func testPassesAgainstTheRealServiceAndRedis() throws {
        let run = try VerifierRun(self, [])
        XCTAssertEqual(run.exitCode, 0, run.transcript)
        for title in VerifierRun.documentChecklist {
            XCTAssertNotNil(run.line(startingWith: "✓ \(title)"), "no ✓ line for \(title)\n\(run.transcript)")
        }
        XCTAssertTrue(run.lines.contains { $0.hasPrefix("✓ Import job can be created") && $0.contains("request_id verify-") },
                      run.transcript)
        XCTAssertTrue(run.output.contains("JSON contains all twelve required fields"), run.transcript)
        XCTAssertFalse(run.lines.contains { $0.hasPrefix("✗") }, run.transcript)
        XCTAssertTrue(run.lastLine.contains(" passed, 0 failed, "), "summary: \(run.lastLine)\n\(run.transcript)")
        if run.output.contains("  job deleted: DELETE answered 204") {
            XCTAssertEqual(redis.cli("KEYS", "import:job:*"), "", "the verifier left its job behind\n\(run.transcript)")
        } else {
            XCTAssertTrue(run.output.contains("  job left in place: import:job:"), run.transcript)
        }
    }

    func testJSONReportIsOneMachineReadableDocument() throws {
        let run = try VerifierRun(self, ["--json"])
        XCTAssertEqual(run.exitCode, 0, run.transcript)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any],
                                   run.transcript)
        XCTAssertEqual(report.int("exit_code"), 0)
        XCTAssertEqual(report.int("failed"), 0)
        XCTAssertEqual(report.int("expected_ttl"), 86_400)
        let checks = report["checks"] as? [[String: Any]] ?? []
        XCTAssertEqual(checks.prefix(3).compactMap { $0.string("id") }, ["redis_reachable", "service_reachable", "job_created"])
        XCTAssertEqual(checks.count, 14, run.output)
        XCTAssertEqual(checks.filter { $0.string("status") == "passed" }.count, report.int("passed"))
        XCTAssertTrue(JobDocument.isLowercaseUUID(report["job_id"]), run.output)
    }

    func testKeepLeavesTheJobWithTheVerifiersRequestID() throws {
        let run = try VerifierRun(self, ["--keep", "--json"])
        XCTAssertEqual(run.exitCode, 0, run.transcript)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        let jobID = try XCTUnwrap(report.string("job_id"))
        let stored = try XCTUnwrap(storedJob(jobID), "--keep deleted the job")
        XCTAssertTrue(stored.string("request_id")?.hasPrefix("verify-") == true, JobDocument.text(stored))
        XCTAssertTrue(report.string("cleanup")?.contains("--keep") == true, run.output)
    }

    func testRedisStoppedFailsTheRedisLineWithTheFix() throws {
        redis.stop()
        let run = try VerifierRun(self, [])
        XCTAssertEqual(run.exitCode, 1, run.transcript)
        let index = try XCTUnwrap(run.lines.firstIndex { $0.hasPrefix("✗ Redis is running and accessible") }, run.transcript)
        XCTAssertTrue(run.lines[index].contains("Connection refused"), run.transcript)
        let advice = run.lines[index + 1]
        XCTAssertTrue(advice.hasPrefix("    likely cause:") && advice.contains("fix: start Redis"), run.transcript)
        XCTAssertTrue(advice.contains("docker run -d -p 6379:6379 redis:alpine"), run.transcript)
    }

    func testNothingOnTheServicePortFailsNamingTheService() throws {
        let port = try FreePort.find()
        let run = try VerifierRun(self, ["--base-url", "http://127.0.0.1:\(port)"])
        XCTAssertEqual(run.exitCode, 1, run.transcript)
        XCTAssertNotNil(run.line(startingWith: "✓ Redis is running and accessible"), run.transcript)
        let line = try XCTUnwrap(run.line(startingWith: "✗ Integration service is running"), run.transcript)
        XCTAssertTrue(line.contains("http://127.0.0.1:\(port)"), line)
        XCTAssertTrue(run.output.contains("fix: start it: PORT=8100"), run.transcript)
        XCTAssertNotNil(run.line(startingWith: "– Import job can be created via POST /api/imports — skipped"), run.transcript)
        XCTAssertTrue(run.lastLine.hasPrefix("1 passed, 1 failed, 12 skipped"), run.transcript)
    }

    func testWrongDatabaseIsNamedAsTheCause() throws {
        let run = try VerifierRun(self, ["--redis-url", redis.url(db: 1)])
        XCTAssertEqual(run.exitCode, 1, run.transcript)
        let index = try XCTUnwrap(run.lines.firstIndex { $0.hasPrefix("✗ Job is stored in Redis") }, run.transcript)
        XCTAssertTrue(run.lines[index].contains("it is in database 0"), run.transcript)
        XCTAssertTrue(run.lines[index + 1].contains("wrong Redis database") && run.lines[index + 1].contains("REDIS_URL"),
                      run.transcript)
        XCTAssertNotNil(run.line(startingWith: "– Redis value is valid JSON — skipped"), run.transcript)
    }

    func testEnvironmentVariablesConfigureTheTargets() throws {
        let run = try VerifierRun(self, [], environment: ["BASE_URL": "http://127.0.0.1:\(service.port)/",
                                                          "REDIS_URL": redis.url()])
        XCTAssertEqual(run.exitCode, 0, run.transcript)
    }

    func testBadArgumentsExitTwoAndHelpExitsZero() throws {
        for arguments in [["--base-url", "https://localhost:8100"], ["--frobnicate"], ["--expected-ttl", "soon"],
                          ["--redis-url", "http://localhost"], ["--base-url"], ["--keep=yes"]] {
            let run = try VerifierRun(self, arguments, useHarnessTargets: false)
            XCTAssertEqual(run.exitCode, 2, "\(arguments): \(run.transcript)")
            XCTAssertTrue(run.errorOutput.contains("verify-job-tracking:"), "\(arguments): \(run.transcript)")
            XCTAssertEqual(run.output, "", "\(arguments): nothing belongs on stdout")
        }
        let https = try VerifierRun(self, ["--base-url", "https://localhost"], useHarnessTargets: false)
        XCTAssertTrue(https.errorOutput.contains("https is not supported"), https.transcript)
        let help = try VerifierRun(self, ["--help"], useHarnessTargets: false)
        XCTAssertEqual(help.exitCode, 0, help.transcript)
        XCTAssertTrue(help.output.hasPrefix("usage: verify-job-tracking"), help.transcript)
    }
}

/// The same verifier against a service started with `JOB_TTL_SECONDS=100`.
final class VerifyJobTrackingTestsWithShortTTL: ServiceTestCase {
    override class var serviceEnvironment: [String: String] { ["JOB_TTL_SECONDS": "100"] }

    override func setUpWithError() throws {
        try super.setUpWithError()
        try waitUntilServiceSeesRedis()
    }

    func testShortTTLFailsTheTTLLineOnly() throws {
        let run = try VerifierRun(self, [])
        XCTAssertEqual(run.exitCode, 1, run.transcript)
        XCTAssertEqual(run.lines.filter { $0.hasPrefix("✗") }.count, 1, run.transcript)
        let index = try XCTUnwrap(run.lines.firstIndex { $0.hasPrefix("✗ TTL is set to 86400 seconds") }, run.transcript)
        XCTAssertTrue(run.lines[index].contains("expected 86340–86400"), run.transcript)
        XCTAssertTrue(run.lines[index + 1].contains("JOB_TTL_SECONDS"), run.transcript)
        XCTAssertTrue(run.lastLine.contains(" 1 failed, "), run.transcript)
    }

    func testExpectedTTLOptionAcceptsTheConfiguredTTL() throws {
        let run = try VerifierRun(self, ["--expected-ttl", "100"])
        XCTAssertEqual(run.exitCode, 0, run.transcript)
        XCTAssertNotNil(run.line(startingWith: "✓ TTL is set to 100 seconds"), run.transcript)
    }
}

extension ServiceTestCase {
    /// Waits until GET /health answers 200: after an earlier test stopped redis, setUp restarts
    /// it, but the service reconnects with a backoff and would answer 503 for a moment.
    fileprivate func waitUntilServiceSeesRedis() throws {
        let healthy = poll(timeout: 10, interval: 0.02) { (try? client.get("/health").status) == 200 }
        if !healthy { throw HarnessError("the service did not report redis ok within 10 s") }
    }
}

/// One finished run of the verifier binary: exit code, stdout lines and stderr.
private struct VerifierRun {
    /// The document's checklist items, as the verifier titles them.
    static let documentChecklist = [
        "Redis is running and accessible", "Integration service is running",
        "Import job can be created via POST /api/imports", "Job is stored in Redis with key import:job:{job_id}",
        "Redis value is valid JSON", "JSON contains all twelve required fields", "Status is pending",
        "TTL is set to 86400 seconds (24 hours)", "Job can be retrieved via GET /api/imports/{job_id}",
        "Retrieved job data matches what was stored", "Jobs can be listed via GET /api/imports",
    ]

    let exitCode: Int32?
    let output: String
    let errorOutput: String

    /// Runs the verifier with `arguments`, pointed at the test's redis and service unless told
    /// otherwise (later arguments win), with BASE_URL and REDIS_URL only from `environment`.
    init(_ test: ServiceTestCase, _ arguments: [String], environment: [String: String] = [:],
         useHarnessTargets: Bool = true) throws {
        let binary = ProcessInfo.processInfo.environment["VERIFY_JOB_TRACKING_BINARY"]
            ?? PackagePaths.packageRoot.appendingPathComponent(".build/debug/verify-job-tracking").path
        let targets = useHarnessTargets && environment.isEmpty
            ? ["--base-url", "http://127.0.0.1:\(test.service.port)", "--redis-url", test.redis.url()] : []
        var fullEnvironment = ProcessInfo.processInfo.environment
        fullEnvironment["BASE_URL"] = nil
        fullEnvironment["REDIS_URL"] = nil
        fullEnvironment.merge(environment) { _, new in new }
        let child = try ChildProcess(name: "verify-\(UUID().uuidString.prefix(8))", executable: binary,
                                     arguments: targets + arguments, environment: fullEnvironment,
                                     directory: try test.fixture.directory)
        let exit = child.waitForExit(timeout: 60)
        if exit == nil { child.stop() }
        exitCode = if case .code(let code)? = exit { code } else { nil }
        output = child.stdoutText
        errorOutput = child.stderrText
    }

    /// stdout split into lines, without empty ones.
    var lines: [String] { output.split(separator: "\n").map(String.init) }

    /// The summary line.
    var lastLine: String { lines.last ?? "" }

    /// The first line starting with `prefix`.
    func line(startingWith prefix: String) -> String? { lines.first { $0.hasPrefix(prefix) } }

    /// Everything the run printed, for failure messages.
    var transcript: String { "exit \(exitCode.map(String.init) ?? "none")\nstdout:\n\(output)\nstderr:\n\(errorOutput)" }
}
