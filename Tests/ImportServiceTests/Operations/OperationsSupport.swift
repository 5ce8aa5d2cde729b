import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The service's stderr as JSON log lines.
enum OpsLog {
    /// Complete lines of `text` (a last line still being written, without its newline, is left out).
    static func lines(_ text: String) -> [String] {
        guard let end = text.lastIndex(of: "\n") else { return [] }
        return text[..<end].split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    }

    /// Each complete line parsed as a JSON object; lines that are not one go to `invalid`.
    static func parse(_ text: String) -> (objects: [[String: Any]], invalid: [String]) {
        var objects: [[String: Any]] = []
        var invalid: [String] = []
        for line in lines(text) {
            if let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] {
                objects.append(object)
            } else {
                invalid.append(line)
            }
        }
        return (objects, invalid)
    }

    /// The access-log lines (`"message":"request"`) of `service` so far.
    static func accessLines(_ service: ServiceProcess) -> [[String: Any]] {
        parse(service.stderrText).objects.filter { $0["message"] as? String == "request" }
    }

    /// The access-log lines with `request_id`, waiting up to `timeout` s for the first one
    /// (the service flushes its log every 100 ms).
    static func accessLines(_ service: ServiceProcess, requestID: String, timeout: TimeInterval = 3) -> [[String: Any]] {
        var found: [[String: Any]] = []
        poll(timeout: timeout, interval: 0.02) {
            found = accessLines(service).filter { $0["request_id"] as? String == requestID }
            return !found.isEmpty
        }
        return found
    }

    /// The access-log field names, exactly.
    static let accessFields: Set<String> = ["time", "level", "message", "method", "route", "status", "duration_ms",
                                            "request_id", "job_id", "tenant_id"]
}

/// A value set by one thread and read by another.
final class OpsBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value?
    private let done = DispatchSemaphore(value: 0)

    func set(_ value: Value) {
        lock.lock()
        stored = value
        lock.unlock()
        done.signal()
    }

    /// Waits up to `timeout` s for the value; nil if it was not set in time.
    func wait(timeout: TimeInterval) -> Value? {
        guard done.wait(timeout: .now() + timeout) == .success else { return nil }
        done.signal()
        lock.lock(); defer { lock.unlock() }
        return stored
    }
}

/// Runs `body` on a new thread; its result (or error) and the seconds it took land in the box.
func opsInBackground<T>(_ body: @escaping @Sendable () throws -> T) -> OpsBox<(result: Result<T, Error>, seconds: TimeInterval)> {
    let box = OpsBox<(result: Result<T, Error>, seconds: TimeInterval)>()
    let thread = Thread {
        let start = Date()
        let result = Result { try body() }
        box.set((result, Date().timeIntervalSince(start)))
    }
    thread.start()
    return box
}

/// Whether a client error means the request hung (no complete answer before the client's
/// deadline) rather than being answered or cut off.
func opsIsTimeout(_ error: Error) -> Bool {
    "\(error)".contains("no complete response within")
}

/// The pid of the redis-server behind `redis`, from `INFO server`.
func opsRedisPID(_ redis: RedisServerProcess) -> pid_t? {
    for line in redis.cli("INFO", "server").split(whereSeparator: \.isNewline) where line.hasPrefix("process_id:") {
        return pid_t(line.dropFirst("process_id:".count).trimmingCharacters(in: .whitespacesAndNewlines))
    }
    return nil
}

/// A canonical UUID string check (any case), for generated request ids.
func opsIsUUID(_ value: String?) -> Bool {
    guard let value, value.count == 36 else { return false }
    return UUID(uuidString: value) != nil
}

extension ServiceTestCase {
    /// GET /metrics on `client` (the class's service by default), asserting 200 and the
    /// Prometheus content type, parsed; a broken exposition fails the test.
    func scrapeMetrics(_ client: HTTPClient? = nil, file: StaticString = #filePath, line: UInt = #line) throws
        -> PrometheusExposition {
        let response = try (client ?? self.client).get("/metrics")
        guard response.status == 200 else { throw HarnessError("GET /metrics: expected 200, got \(response)") }
        XCTAssertEqual(response.mediaType, "text/plain", "GET /metrics Content-Type: \(response)", file: file, line: line)
        XCTAssertTrue(response.header("Content-Type")?.contains("version=0.0.4") ?? false,
                      "GET /metrics Content-Type lacks version=0.0.4: \(response)", file: file, line: line)
        let exposition = PrometheusExposition(parsing: response.text)
        XCTAssertEqual(exposition.problems, [], "GET /metrics is not valid Prometheus text:\n\(response.text)",
                       file: file, line: line)
        return exposition
    }

    /// Polls GET `path` on `client` until it answers `status`; returns whether it did in time.
    func opsWait(for status: Int, _ path: String = "/health", on client: HTTPClient, timeout: TimeInterval) -> Bool {
        var quick = client
        quick.timeout = 2
        return poll(timeout: timeout, interval: 0.05) { (try? quick.get(path).status) == status }
    }

    /// A short random tag for unique request ids, tenants and log names.
    func opsTag() -> String { String(UUID().uuidString.prefix(8)).lowercased() }
}
