import Foundation
import XCTest

/// Start-up configuration: bad settings exit with code 2 and one line; REDIS_URL forms work.
final class ConfigurationTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = try TemporaryDirectory.make(prefix: "isvc-config")
    }

    override func tearDown() {
        TemporaryDirectory.remove(directory)
    }

    /// Launches the service with `environment`, expects exit code 2 within 5 s, returns stderr.
    private func assertExitsWithCode2(_ environment: [String: String], _ context: String,
                                      file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let child = try ServiceProcess.launch(environment: environment, directory: directory)
        defer { child.stop() }
        let exit = child.waitForExit(timeout: 5)
        let outcome = exit.map { "\($0)" } ?? "still running"
        XCTAssertEqual(exit, .code(2), "\(context): expected exit code 2 within 5 s, got \(outcome); "
            + "stderr:\n\(child.stderrTail())", file: file, line: line)
        return child.stderrText
    }

    /// Non-empty lines of `text`.
    private func lines(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    func testUnparsableRedisURLExitsWithCode2AndOneLine() throws {
        let port = try FreePort.find()
        let stderr = try assertExitsWithCode2(["REDIS_URL": "notaurl", "PORT": "\(port)"], "REDIS_URL=notaurl")
        XCTAssertEqual(lines(stderr).count, 1, "expected one line on stderr, got:\n\(stderr)")
        XCTAssertTrue(stderr.contains("REDIS_URL"), "stderr does not mention REDIS_URL:\n\(stderr)")
    }

    func testPortAlreadyInUseExitsWithCode2() throws {
        let occupied = try ListeningSocket(port: 0)
        defer { occupied.close() }
        let redisPort = try FreePort.find()
        let stderr = try assertExitsWithCode2(["PORT": "\(occupied.port)", "REDIS_URL": "redis://127.0.0.1:\(redisPort)/0"],
                                              "port in use")
        XCTAssertEqual(lines(stderr).count, 1, "expected one line on stderr, got:\n\(stderr)")
    }

    func testNonNumericPortExitsWithCode2() throws {
        let redisPort = try FreePort.find()
        let stderr = try assertExitsWithCode2(["PORT": "eighty", "REDIS_URL": "redis://127.0.0.1:\(redisPort)/0"],
                                              "PORT=eighty")
        XCTAssertTrue(stderr.contains("PORT"), "stderr does not mention PORT:\n\(stderr)")
    }

    /// `redis://127.0.0.1:P/3` writes jobs to database 3, not 0.
    func testRedisURLDatabaseNumberIsUsed() throws {
        let redis = try RedisServerProcess(directory: directory)
        defer { redis.stop() }
        let service = try ServiceProcess(environment: ["REDIS_URL": redis.url(db: 3)], directory: directory)
        defer { service.stop() }
        let response = try service.client.postJSON("/api/imports", Payloads.jira)
        XCTAssertEqual(response.status, 201, "\(response)")
        let id = try XCTUnwrap(try response.jsonObject()["job_id"] as? String)
        XCTAssertFalse(redis.cli("-n", "3", "GET", JobDocument.key(id)).isEmpty, "job not in database 3")
        XCTAssertEqual(redis.cli("EXISTS", JobDocument.key(id)), "0", "job written to database 0")
    }

    /// `unix:///path/redis.sock?db=2` connects over the unix socket and uses database 2.
    func testUnixSocketRedisURLIsUsed() throws {
        let redis = try RedisServerProcess(directory: directory, unixSocket: true)
        defer { redis.stop() }
        let socket = try XCTUnwrap(redis.unixSocketPath)
        let service = try ServiceProcess(environment: ["REDIS_URL": "unix://\(socket)?db=2"], directory: directory)
        defer { service.stop() }
        let response = try service.client.postJSON("/api/imports", Payloads.github)
        XCTAssertEqual(response.status, 201, "\(response)")
        let id = try XCTUnwrap(try response.jsonObject()["job_id"] as? String)
        XCTAssertFalse(redis.cli("-n", "2", "GET", JobDocument.key(id)).isEmpty, "job not in database 2")
    }
}
