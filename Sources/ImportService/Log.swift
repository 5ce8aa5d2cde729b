import Glibc
import ImportJobs

/// One line per event on stderr, prefixed with the UTC time. Never given secrets.
public enum Log {
    /// Writes `message` as one timestamped line.
    public static func info(_ message: String) {
        write("\(Timestamp.now().iso8601) import-service: \(message)\n")
    }

    /// Writes one start-up error line and exits with status 2 (a bad setting).
    public static func exitWithSettingError(_ message: String) -> Never {
        write("import-service: \(message)\n")
        exit(2)
    }

    /// One write(2) per line, so lines from one process never interleave.
    private static func write(_ line: String) {
        var line = line
        line.withUTF8 { _ = Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
