/// Accumulates compact JSON as UTF-8 bytes. Appending bytes to an array is
/// several times cheaper than appending pieces to a `String`, so every
/// serializer in the module writes through this and converts once at the end, and the
/// service's event log lines are written with it.
public struct JSONWriter: Sendable {
    /// What has been written so far.
    public private(set) var bytes: [UInt8] = []

    /// A writer whose buffer first holds `capacity` bytes without growing.
    public init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// The bytes as a `String`.
    var string: String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ASCII text known at compile time, such as `,"status":`.
    public mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends one byte.
    mutating func append(byte: UInt8) {
        bytes.append(byte)
    }

    /// Appends an integer in decimal.
    public mutating func append(integer: Int) {
        append(integer: Int64(integer))
    }

    /// Appends an integer in decimal. The digits are formed on the stack and appended at
    /// once: one capacity check instead of one per digit.
    public mutating func append(integer: Int64) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var writer = BufferWriter(digits)
            writer.write(integer)
            bytes.append(contentsOf: writer.written)
        }
    }

    /// Appends the shortest round-trip text of a finite double, else `null`.
    mutating func append(double: Double) {
        if double.isFinite {
            bytes.append(contentsOf: double.description.utf8)
        } else {
            append("null")
        }
    }

    /// Appends a quoted, escaped string (see ``JSONString``).
    public mutating func append(string: String) {
        JSONString.append(string, to: &bytes)
    }

    /// Appends a quoted string, or `null` when there is none.
    public mutating func append(optionalString string: String?) {
        if let string { append(string: string) } else { append("null") }
    }

    /// Appends a quoted ISO 8601 timestamp, or `null` when there is none.
    public mutating func append(timestamp: Timestamp?) {
        guard let timestamp else { return append("null") }
        bytes.append(ASCII.quote)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Timestamp.maximumISO8601Length) { buffer in
            let count = timestamp.writeISO8601(into: buffer)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
        bytes.append(ASCII.quote)
    }

    /// Appends any JSON value. Recursion depth equals nesting depth, which
    /// ``JSONParser`` bounds at ``JSONParser/maximumDepth``.
    mutating func append(value: JSONValue) {
        switch value {
        case .null: append("null")
        case .bool(let flag): flag ? append("true") : append("false")
        case .integer(let number): append(integer: number)
        case .double(let number): append(double: number)
        case .string(let text): append(string: text)
        case .array(let elements):
            bytes.append(ASCII.leftBracket)
            for (index, element) in elements.enumerated() {
                if index > 0 { bytes.append(ASCII.comma) }
                append(value: element)
            }
            bytes.append(ASCII.rightBracket)
        case .object(let object):
            append(object: object)
        }
    }

    /// Appends an object, members in stored order.
    mutating func append(object: JSONObject) {
        bytes.append(ASCII.leftBrace)
        for (index, member) in object.members.enumerated() {
            if index > 0 { bytes.append(ASCII.comma) }
            append(string: member.key)
            bytes.append(ASCII.colon)
            append(value: member.value)
        }
        bytes.append(ASCII.rightBrace)
    }
}
