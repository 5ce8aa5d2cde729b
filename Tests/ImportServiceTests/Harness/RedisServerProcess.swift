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
        resume()
        child?.stop()
        poll(timeout: 5, interval: 0.01) { !FreePort.isAccepting(port: port) }
    }

    /// Freezes redis with SIGSTOP: connections stay open but nothing is answered (a hung
    /// redis). Always pair with `resume()`; `cli` calls hang while paused.
    func pause() { child?.send(signal: SIGSTOP) }

    /// Lets a paused redis continue (SIGCONT).
    func resume() { child?.send(signal: SIGCONT) }

    /// Runs `redis-cli -p P --raw <args>` and returns its trimmed stdout.
    @discardableResult
    func cli(_ args: String...) -> String {
        cli(arguments: args)
    }

    /// Array form of `cli(_:)`.
    @discardableResult
    func cli(arguments: [String]) -> String {
        runCLI(arguments: arguments, input: nil)
    }

    /// Runs several commands through one `redis-cli -p P --raw` (one command per line on
    /// stdin, arguments without spaces) and returns the trimmed combined output, one reply
    /// per line for single-line replies.
    func cli(script commands: [[String]]) -> String {
        guard !commands.isEmpty else { return "" }
        let text = commands.map { $0.joined(separator: " ") }.joined(separator: "\n") + "\n"
        return runCLI(arguments: [], input: Data(text.utf8))
    }

    /// Runs redis-cli with `arguments`, feeding `input` on stdin, and returns trimmed stdout.
    private func runCLI(arguments: [String], input: Data?) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/redis-cli")
        process.arguments = ["-p", "\(port)", "--raw"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let inputPipe = input.map { _ in Pipe() }
        process.standardInput = inputPipe ?? FileHandle.nullDevice
        do { try process.run() } catch { return "" }
        if let inputPipe, let input {
            inputPipe.fileHandleForWriting.write(input)
            try? inputPipe.fileHandleForWriting.close()
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        // Process.waitUntilExit() spins a run loop and costs ~50 ms per call; poll instead.
        while process.isRunning { usleep(500) }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Number of keys in database 0 (`DBSIZE`), or -1 if redis did not answer.
    func dbsize() -> Int { Int(cli("DBSIZE")) ?? -1 }

    deinit { child?.stop(gracePeriod: 2) }
}
