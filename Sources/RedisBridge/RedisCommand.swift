/// One Redis command, already encoded in RESP so hiredis can send it as is.
///
/// Encoding in Swift avoids the C variadic `redisAsyncCommand` and builds each command
/// in a single buffer, which `redisAsyncFormattedCommand` takes without reparsing.
public struct RedisCommand: Sendable {
    /// The RESP bytes of the command.
    public private(set) var encoded: [UInt8] = []

    /// A command from its words, e.g. `RedisCommand(["SET", key, value, "EX", "86400"])`.
    ///
    /// Sizes the buffer exactly, then copies each word's bytes in one go: appending byte by
    /// byte, with a capacity check each time, cost a third of building a create's command.
    public init(_ arguments: [String]) {
        let size = arguments.reduce(Self.headerLength(arguments.count)) {
            $0 + Self.headerLength($1.utf8.count) + $1.utf8.count + 2
        }
        encoded = [UInt8](unsafeUninitializedCapacity: size) { buffer, initializedCount in
            var position = Self.writeHeader(UInt8(ascii: "*"), arguments.count, into: buffer, at: 0)
            for var argument in arguments {
                position = Self.writeHeader(UInt8(ascii: "$"), argument.utf8.count, into: buffer, at: position)
                argument.withUTF8 { bytes in
                    _ = UnsafeMutableBufferPointer(rebasing: buffer[position...]).initialize(fromContentsOf: bytes)
                    position += bytes.count
                }
                buffer[position] = 13
                buffer[position + 1] = 10
                position += 2
            }
            initializedCount = position
        }
    }

    /// The length of `*N\r\n` or `$N\r\n`.
    private static func headerLength(_ count: Int) -> Int {
        var digits = 1, rest = count
        while rest >= 10 { rest /= 10; digits += 1 }
        return digits + 3
    }

    /// Writes `*N\r\n` or `$N\r\n` at `position`; returns the position after it.
    private static func writeHeader(_ marker: UInt8, _ count: Int, into buffer: UnsafeMutableBufferPointer<UInt8>,
                                    at position: Int) -> Int {
        let end = position + headerLength(count)
        buffer[position] = marker
        var rest = count, digit = end - 3
        repeat {
            buffer[digit] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            digit -= 1
        } while digit > position
        buffer[end - 2] = 13
        buffer[end - 1] = 10
        return end
    }
}
