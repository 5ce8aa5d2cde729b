import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A private `redis-server` for one test class, on its own free port (never 6379).
///
/// Runs `redis-server --port P --bind 127.0.0.1 --save "" --appendonly no --daemonize no`
/// (optionally also listening on a unix socket). `stop()` and `start()` can be repeated and
/// always reuse the same port, to simulate an outage. `cli(...)` runs `redis-cli` against it,
/// exactly as a user checks the service.
final class RedisServerProcess: @unchecked Sendable {
    /// The TCP port redis listens on (fixed for the life of this object).
    let port: UInt16
    /// A unix socket redis also listens on, when requested.
    let unixSocketPath: String?
    private let directory: URL
    private var child: ChildProcess?
    private var generation = 0

    /// Picks a free port and starts redis on it; throws if it does not answer PING in time.
    init(directory: URL, unixSocket: Bool = false) throws {
        self.directory = directory
        port = try FreePort.find()
        unixSocketPath = unixSocket ? directory.appendingPathComponent("redis.sock").path : nil
        try start()
    }

    /// `redis://127.0.0.1:P/db`.
    func url(db: Int = 0) -> String { "redis://127.0.0.1:\(port)/\(db)" }

    /// Whether the redis process is alive.
    var isRunning: Bool { child?.isRunning ?? false }

    /// Starts redis on `port` (no-op if running) and waits up to `timeout` s for PONG.
    func start(timeout: TimeInterval = 10) throws {
        if isRunning { return }
        generation += 1
        var arguments = ["--port", "\(port)", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                         "--daemonize", "no", "--dir", directory.path]
        if let unixSocketPath {
            arguments += ["--unixsocket", unixSocketPath, "--unixsocketperm", "700"]
        }
        let child = try ChildProcess(name: "redis-\(generation)", executable: "/usr/bin/redis-server",
                                     arguments: arguments, environment: ProcessInfo.processInfo.environment,
                                     directory: directory)
        self.child = child
        let ready = poll(timeout: timeout, interval: 0.02) {
            guard child.isRunning else { return false }
            return cli("PING") == "PONG"
        }
        guard ready else {
            let log = child.stdoutText + child.stderrText
            child.stop()
            throw HarnessError("redis-server on port \(port) did not answer PING within \(timeout) s:\n\(log)")
        }
    }

    /// Stops redis (SIGTERM, SIGKILL after 5 s) and waits until the port is closed.
    func stop() {
        child?.stop()
        poll(timeout: 5, interval: 0.01) { !FreePort.isAccepting(port: port) }
    }

    /// Runs `redis-cli -p P --raw <args>` and returns its trimmed stdout.
    @discardableResult
    func cli(_ args: String...) -> String {
        cli(arguments: args)
    }

    /// Array form of `cli(_:)`.
    @discardableResult
    func cli(arguments: [String]) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/redis-cli")
        process.arguments = ["-p", "\(port)", "--raw"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return "" }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Number of keys in database 0 (`DBSIZE`), or -1 if redis did not answer.
    func dbsize() -> Int { Int(cli("DBSIZE")) ?? -1 }

    deinit { child?.stop(gracePeriod: 2) }
}
