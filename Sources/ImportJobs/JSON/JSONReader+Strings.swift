extension JSONReader {
    /// Reads a string starting at its opening quote and leaves the cursor
    /// after the closing quote. Rejects unescaped control characters, bad
    /// escapes, lone surrogates and invalid UTF-8.
    mutating func readString() throws(JSONParseError) -> String {
        let openingQuote = position
        position += 1
        var segmentStart = position
        var unescaped: [UInt8] = []
        var hasEscapes = false

        while true {
            guard position < bytes.count else {
                throw error("unterminated string", at: openingQuote)
            }
            let byte = bytes[position]
            if byte == ASCII.quote {
                let segment = bytes[segmentStart..<position]
                position += 1
                if !hasEscapes {
                    return String(decoding: segment, as: UTF8.self)
                }
                unescaped.append(contentsOf: segment)
                return String(decoding: unescaped, as: UTF8.self)
            } else if byte == ASCII.backslash {
                if !hasEscapes {
                    hasEscapes = true
                    unescaped.reserveCapacity(position - segmentStart + 16)
                }
                unescaped.append(contentsOf: bytes[segmentStart..<position])
                try readEscape(into: &unescaped)
                segmentStart = position
            } else if byte < 0x20 {
                throw error("control character U+00\(Hex.twoDigits(byte).uppercased()) must be escaped in a string")
            } else if byte < 0x80 {
                position += 1
            } else {
                guard let length = UTF8Validation.sequenceLength(in: bytes, at: position) else {
                    throw error("invalid UTF-8 in string")
                }
                position += length
            }
        }
    }

    /// Reads one escape sequence starting at its backslash and appends the
    /// UTF-8 bytes it stands for.
    private mutating func readEscape(into output: inout [UInt8]) throws(JSONParseError) {
        let start = position
        position += 1
        guard let letter = current else {
            throw error("unterminated string")
        }
        position += 1
        switch letter {
        case ASCII.quote, ASCII.backslash, ASCII.slash:
            output.append(letter)
        case ASCII.lowercaseB: output.append(0x08)
        case ASCII.lowercaseF: output.append(0x0C)
        case ASCII.lowercaseN: output.append(ASCII.lineFeed)
        case ASCII.lowercaseR: output.append(ASCII.carriageReturn)
        case ASCII.lowercaseT: output.append(ASCII.tab)
        case ASCII.lowercaseU:
            let scalar = try readUnicodeEscape(startingAt: start)
            UTF8Validation.append(scalar, to: &output)
        default:
            throw error("invalid escape sequence; expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX", at: start)
        }
    }

    /// Reads the hex digits of a `\u` escape (the `\u` already consumed),
    /// joining a surrogate pair into one scalar.
    private mutating func readUnicodeEscape(startingAt start: Int) throws(JSONParseError) -> Unicode.Scalar {
        let first = try readFourHexDigits(escapeStart: start)
        switch first {
        case 0xD800..<0xDC00:
            let lowStart = position
            guard position + 1 < bytes.count,
                  bytes[position] == ASCII.backslash,
                  bytes[position + 1] == ASCII.lowercaseU
            else {
                throw error("unpaired high surrogate \\u\(Self.hexCode(first)); expected a low surrogate escape to follow", at: start)
            }
            position += 2
            let second = try readFourHexDigits(escapeStart: lowStart)
            guard (0xDC00..<0xE000).contains(second) else {
                throw error("unpaired high surrogate \\u\(Self.hexCode(first)); expected a low surrogate escape to follow", at: start)
            }
            let value = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            return Unicode.Scalar(value)!
        case 0xDC00..<0xE000:
            throw error("unpaired low surrogate \\u\(Self.hexCode(first))", at: start)
        default:
            return Unicode.Scalar(first)!
        }
    }

    private mutating func readFourHexDigits(escapeStart: Int) throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current, let digit = Hex.value(of: byte) else {
                throw error("invalid \\u escape; expected four hexadecimal digits", at: escapeStart)
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    private static func hexCode(_ value: UInt32) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - text.count)) + text
    }
}
