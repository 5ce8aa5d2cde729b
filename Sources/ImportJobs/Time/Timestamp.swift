#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A point in time with millisecond precision, counted from the Unix epoch
/// (1970-01-01T00:00:00Z) and ignoring leap seconds, as Unix time does.
public struct Timestamp: Equatable, Comparable, Hashable, Sendable {
    /// Milliseconds since 1970-01-01T00:00:00Z; negative before it.
    public let millisecondsSince1970: Int64

    /// Creates a timestamp from milliseconds since the Unix epoch.
    public init(millisecondsSince1970: Int64) {
        self.millisecondsSince1970 = millisecondsSince1970
    }

    /// The current wall-clock time, read from `CLOCK_REALTIME`.
    public static func now() -> Timestamp {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        let milliseconds = Int64(time.tv_sec) * 1000 + Int64(time.tv_nsec) / 1_000_000
        return Timestamp(millisecondsSince1970: milliseconds)
    }

    /// Returns true when `lhs` is earlier than `rhs`.
    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.millisecondsSince1970 < rhs.millisecondsSince1970
    }

    /// This timestamp moved by `milliseconds` (negative moves it earlier),
    /// saturating at the ends of the representable range.
    public func adding(milliseconds: Int64) -> Timestamp {
        let (sum, overflow) = millisecondsSince1970.addingReportingOverflow(milliseconds)
        if overflow {
            return Timestamp(millisecondsSince1970: milliseconds > 0 ? .max : .min)
        }
        return Timestamp(millisecondsSince1970: sum)
    }
}
