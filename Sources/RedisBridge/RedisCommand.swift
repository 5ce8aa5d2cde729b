/// One Redis command, already encoded in RESP so hiredis can send it as is.
///
/// Encoding in Swift avoids the C variadic `redisAsyncCommand` and builds each command
/// in a single buffer, which `redisAsyncFormattedCommand` takes without reparsing.
public struct RedisCommand: Sendable {
    /// The RESP bytes of the command.
    public private(set) var encoded: [UInt8] = []

    /// A command from its words, e.g. `RedisCommand(["SET", key, value, "EX", "86400"])`.
    public init(_ arguments: [String]) {
        encoded.reserveCapacity(arguments.reduce(16) { $0 + $1.utf8.count + 16 })
        appendHeader(UInt8(ascii: "*"), arguments.count)
        for argument in arguments {
            appendHeader(UInt8(ascii: "$"), argument.utf8.count)
            encoded.append(contentsOf: argument.utf8)
            encoded.append(13)
            encoded.append(10)
        }
    }

    /// `*N\r\n` or `$N\r\n`, the digits written directly (String(count) allocated each time).
    private mutating func appendHeader(_ marker: UInt8, _ count: Int) {
        encoded.append(marker)
        var divisor = 1
        while divisor * 10 <= count { divisor *= 10 }
        while divisor > 0 {
            encoded.append(UInt8(ascii: "0") + UInt8(count / divisor % 10))
            divisor /= 10
        }
        encoded.append(13)
        encoded.append(10)
    }
}
