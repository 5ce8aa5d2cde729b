import Foundation

/// The import-service binary under test, run as a black-box subprocess.
///
/// The service is configured only through its environment (HOST, PORT, REDIS_URL,
/// JOB_TTL_SECONDS, REDIS_TIMEOUT_MS, MAX_BODY_BYTES). Those variables are removed from the
/// inherited environment so that only what a test passes applies. stderr is captured to a file
/// for failure messages.
final class ServiceProcess: @unchecked Sendable {
    /// Variables the service reads; never inherited from the test runner's environment.
    static let configurationVariables = ["HOST", "PORT", "REDIS_URL", "JOB_TTL_SECONDS",
                                         "REDIS_TIMEOUT_MS", "MAX_BODY_BYTES"]

    /// The port the service listens on.
    let port: UInt16
    /// The running process.
    let child: ChildProcess

    /// Starts the service on a free port with `environment` (PORT is added) and waits up to
    /// `timeout` s until it accepts TCP connections.
    init(environment: [String: String], directory: URL, name: String = "service", timeout: TimeInterval = 10) throws {
        port = try FreePort.find()
        var environment = environment
        environment["PORT"] = "\(port)"
        child = try ServiceProcess.launch(environment: environment, directory: directory, name: name)
        let ready = poll(timeout: timeout, interval: 0.02) {
            child.isRunning && FreePort.isAccepting(port: port)
        }
        guard ready else {
            let exit = child.stop().map { "\($0)" } ?? "still running"
            throw HarnessError("import-service did not accept connections on port \(port) within \(timeout) s "
                + "(\(exit)). stderr:\n\(child.stderrTail())")
        }
    }

    /// Starts the binary with exactly `environment` (plus PATH/HOME/LANG from the runner) and
    /// does not wait for anything; used by tests that expect the service to refuse to start.
    static func launch(environment: [String: String], directory: URL, name: String = "service") throws -> ChildProcess {
        var full = ProcessInfo.processInfo.environment
        for variable in configurationVariables { full.removeValue(forKey: variable) }
        full.merge(environment) { _, new in new }
        let binary = PackagePaths.serviceBinary
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw HarnessError("import-service binary not found at \(binary); run `swift build` first "
                + "or set IMPORT_SERVICE_BINARY")
        }
        return try ChildProcess(name: name, executable: binary, arguments: [], environment: full, directory: directory)
    }

    /// A client for this service.
    var client: HTTPClient { HTTPClient(port: port) }

    /// Whether the service process is alive.
    var isRunning: Bool { child.isRunning }

    /// Stops the service: SIGTERM, then SIGKILL after `gracePeriod` seconds.
    @discardableResult
    func stop(gracePeriod: TimeInterval = 5) -> ChildProcess.Exit? { child.stop(gracePeriod: gracePeriod) }

    /// The service's stderr so far.
    var stderrText: String { child.stderrText }
}
