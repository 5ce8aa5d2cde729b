/// A cursor over the input bytes with the scalar-level reading steps of the
/// parser: whitespace, literals, strings and numbers. Containers are handled
/// by ``JSONParser`` without recursion.
struct JSONReader {
    let bytes: [UInt8]
    var position = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Whether every byte has been consumed.
    var isAtEnd: Bool {
        position >= bytes.count
    }

    /// The byte at the cursor, or `nil` at the end of input.
    var current: UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    /// Moves past the four whitespace bytes RFC 8259 allows.
    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case ASCII.space, ASCII.tab, ASCII.lineFeed, ASCII.carriageReturn:
                position += 1
            default:
                return
            }
        }
    }

    /// An error at `offset`, or at the cursor when no offset is given.
    func error(_ message: String, at offset: Int? = nil) -> JSONParseError {
        JSONParseError(message: message, offset: offset ?? position)
    }

    /// An error describing the byte at the cursor (or the end of input) as
    /// unexpected, followed by what was expected instead.
    func unexpected(expecting expectation: String) -> JSONParseError {
        guard let byte = current else {
            return error("unexpected end of input; expected \(expectation)")
        }
        return error("unexpected \(Self.describe(byte)); expected \(expectation)")
    }

    /// Reads a value that is not an array or object.
    mutating func readScalar() throws(JSONParseError) -> JSONValue {
        guard let byte = current else {
            throw unexpected(expecting: "a JSON value")
        }
        switch byte {
        case ASCII.quote:
            return .string(try readString())
        case ASCII.minus, ASCII.zero...ASCII.nine:
            return try readNumber()
        case ASCII.lowercaseT:
            try readLiteral("true")
            return .bool(true)
        case ASCII.lowercaseF:
            try readLiteral("false")
            return .bool(false)
        case ASCII.lowercaseN:
            try readLiteral("null")
            return .null
        default:
            throw unexpected(expecting: "a JSON value")
        }
    }

    /// Reads an object key and the colon after it.
    mutating func readKey() throws(JSONParseError) -> String {
        guard current == ASCII.quote else {
            throw unexpected(expecting: "a string key")
        }
        let key = try readString()
        skipWhitespace()
        guard current == ASCII.colon else {
            throw unexpected(expecting: "':' after an object key")
        }
        position += 1
        return key
    }

    private mutating func readLiteral(_ literal: StaticString) throws(JSONParseError) {
        let start = position
        let count = literal.utf8CodeUnitCount
        let matches = literal.withUTF8Buffer { expected -> Bool in
            guard bytes.count - start >= count else { return false }
            for index in 0..<count where bytes[start + index] != expected[index] {
                return false
            }
            return true
        }
        guard matches else {
            throw error("invalid literal; expected '\(literal)'", at: start)
        }
        position += count
    }

    /// A short description of a byte for error messages: a quoted printable
    /// ASCII character, or its hexadecimal value.
    static func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F {
            return "character '\(Character(Unicode.Scalar(byte)))'"
        }
        return "byte 0x\(Hex.twoDigits(byte))"
    }
}
