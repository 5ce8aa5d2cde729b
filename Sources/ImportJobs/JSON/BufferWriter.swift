/// Writes ASCII text and decimal numbers into a buffer that the caller has sized for the
/// longest possible output, with no capacity checks on the way: for the per-request lines and
/// timestamps, where appending piece by piece to an array cost several times more.
public struct BufferWriter {
    /// Where the bytes go.
    public let buffer: UnsafeMutableBufferPointer<UInt8>
    /// How many bytes have been written, from the start of `buffer`.
    public private(set) var count = 0

    /// A writer at the start of `buffer`.
    public init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        self.buffer = buffer
    }

    /// The bytes written so far.
    public var written: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: buffer[..<count])
    }

    /// The space after the bytes written so far.
    public var remaining: UnsafeMutableBufferPointer<UInt8> {
        UnsafeMutableBufferPointer(rebasing: buffer[count...])
    }

    /// Writes one byte.
    public mutating func write(_ byte: UInt8) {
        buffer[count] = byte
        count += 1
    }

    /// Writes text known at compile time, such as `,"status":`.
    public mutating func write(_ literal: StaticString) {
        literal.withUTF8Buffer { write($0) }
    }

    /// Writes `bytes` as they are.
    public mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        _ = remaining.initialize(fromContentsOf: bytes)
        count += bytes.count
    }

    /// Records `written` more bytes that something else put into `remaining`.
    public mutating func advance(by written: Int) {
        count += written
    }

    /// Writes `value` in decimal with at least `width` digits, zero-padded.
    public mutating func write(_ value: UInt64, width: Int = 1) {
        var digits = 1
        var rest = value / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        let length = max(digits, width)
        var remainingValue = value
        for index in stride(from: count + length - 1, through: count, by: -1) {
            buffer[index] = ASCII.zero + UInt8(remainingValue % 10)
            remainingValue /= 10
        }
        count += length
    }

    /// Writes `value` in decimal, with a minus sign when negative.
    public mutating func write(_ value: Int64) {
        if value < 0 { write(ASCII.minus) }
        write(value.magnitude)
    }
}
