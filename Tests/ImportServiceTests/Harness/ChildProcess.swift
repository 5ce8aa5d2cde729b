import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A long-running subprocess (redis-server or import-service) owned by the test harness.
///
/// stdout and stderr go to files in `directory` so failures can quote them. When
/// `/usr/bin/setpriv` exists the child is started through it with `--pdeathsig KILL`, so the
/// kernel kills it if the test runner dies without reaching teardown (crash, SIGKILL).
/// Children must be started from a long-lived thread (the XCTest main thread): the death
/// signal fires when the spawning thread exits.
final class ChildProcess: @unchecked Sendable {
    /// How a finished child ended.
    enum Exit: Equatable, CustomStringConvertible {
        case code(Int32)
        case signal(Int32)

        var description: String {
            switch self {
            case .code(let code): return "exit code \(code)"
            case .signal(let signal): return "signal \(signal)"
            }
        }
    }

    let name: String
    let stdoutURL: URL
    let stderrURL: URL
    private let process = Process()

    /// Starts `executable` with `arguments` and exactly `environment`.
    init(name: String, executable: String, arguments: [String], environment: [String: String], directory: URL) throws {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw HarnessError("\(name): no executable at \(executable)")
        }
        self.name = name
        stdoutURL = directory.appendingPathComponent("\(name).stdout.log")
        stderrURL = directory.appendingPathComponent("\(name).stderr.log")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)

        let setpriv = "/usr/bin/setpriv"
        if FileManager.default.isExecutableFile(atPath: setpriv) {
            process.executableURL = URL(fileURLWithPath: setpriv)
            process.arguments = ["--pdeathsig", "KILL", "--", executable] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        }
        process.environment = environment
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        try process.run()
    }

    /// The child's process id.
    var pid: Int32 { process.processIdentifier }

    /// Whether the child has not exited yet.
    var isRunning: Bool { process.isRunning }

    /// How the child ended, or nil while it runs.
    var exit: Exit? {
        guard !process.isRunning else { return nil }
        switch process.terminationReason {
        case .exit: return .code(process.terminationStatus)
        case .uncaughtSignal: return .signal(process.terminationStatus)
        @unknown default: return .code(process.terminationStatus)
        }
    }

    /// Waits up to `timeout` seconds for the child to exit; returns how it ended, or nil.
    @discardableResult
    func waitForExit(timeout: TimeInterval) -> Exit? {
        poll(timeout: timeout, interval: 0.01) { !process.isRunning }
        return exit
    }

    /// Sends `signal` to the child if it still runs.
    func send(signal: Int32) {
        if process.isRunning { kill(process.processIdentifier, signal) }
    }

    /// Stops the child: SIGTERM, then SIGKILL after `gracePeriod` seconds; waits for it to end.
    @discardableResult
    func stop(gracePeriod: TimeInterval = 5) -> Exit? {
        guard process.isRunning else { return exit }
        send(signal: SIGTERM)
        if let exit = waitForExit(timeout: gracePeriod) { return exit }
        send(signal: SIGKILL)
        return waitForExit(timeout: 5)
    }

    /// Everything the child wrote to stderr so far.
    var stderrText: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }

    /// Everything the child wrote to stdout so far.
    var stdoutText: String { (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "" }

    /// The last `lines` lines of stderr, for failure messages.
    func stderrTail(lines: Int = 20) -> String {
        stderrText.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}
