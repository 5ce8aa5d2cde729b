import Glibc
import ImportJobs
import Synchronization

/// How much the service says: each level includes the ones before it.
public enum LogLevel: Int, Comparable, Sendable {
    case error, warn, info, debug

    /// Parses `LOG_LEVEL`.
    public init?(name: String) {
        switch name.lowercased() {
        case "error": self = .error
        case "warn", "warning": self = .warn
        case "info": self = .info
        case "debug": self = .debug
        default: return nil
        }
    }

    var name: String { ["error", "warn", "info", "debug"][rawValue] }

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// JSON lines on stderr: `{"time":…,"level":…,"message":…}` for events, and one access
/// line per request. Lines are buffered and written by `flush()` (a loop timer calls it
/// every 100 ms, and shutdown once more), so logging costs no system call per request.
/// With several workers, their loops share the buffer behind an (uncontended) mutex.
/// Never given secrets or request bodies.
public enum Log {
    private static let buffer = Mutex<[UInt8]>([])
    private static let levelSetting = Atomic<Int>(LogLevel.info.rawValue)
    private static let flushThreshold = 64 << 10

    /// The most detailed level written.
    static var level: LogLevel {
        get { LogLevel(rawValue: levelSetting.load(ordering: .relaxed)) ?? .info }
        set { levelSetting.store(newValue.rawValue, ordering: .relaxed) }
    }

    static func error(_ message: String) { event(.error, message) }
    static func warn(_ message: String) { event(.warn, message) }
    /// An informational event.
    public static func info(_ message: String) { event(.info, message) }

    private static func event(_ eventLevel: LogLevel, _ message: String) {
        guard eventLevel <= level else { return }
        var line = JSONWriter(capacity: 128)
        line.append(#"{"time":"#)
        line.append(timestamp: .now())
        line.append(#","level":"#)
        line.append(string: eventLevel.name)
        line.append(#","message":"#)
        line.append(string: message)
        line.append("}\n")
        line.bytes.withUnsafeBufferPointer { append(line: $0) }
    }

    /// Adds one complete line (ending in a newline).
    static func append(line: UnsafeBufferPointer<UInt8>) {
        let full = buffer.withLock { buffer in
            buffer.append(contentsOf: line)
            return buffer.count >= flushThreshold
        }
        if full { flush() }
    }

    /// Writes what is buffered.
    public static func flush() {
        buffer.withLock { buffer in
            guard !buffer.isEmpty else { return }
            buffer.withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = write(STDERR_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                    if written <= 0 { break }
                    offset += written
                }
            }
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// Writes one start-up error line and exits with status 2 (a bad setting).
    public static func exitWithSettingError(_ message: String) -> Never {
        flush()
        var line = "import-service: \(message)\n"
        line.withUTF8 { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
        exit(2)
    }
}
