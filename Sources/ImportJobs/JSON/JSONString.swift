/// Escaping of strings for JSON output per RFC 8259.
///
/// `"` and `\` are escaped, control characters become `\b \f \n \r \t` or
/// `\u00XX`, and everything else, including non-ASCII text, is copied as
/// UTF-8 unchanged.
public enum JSONString {
    /// Appends `string` to `output` as a quoted, escaped JSON string.
    public static func append(_ string: String, to output: inout String) {
        output.append("\"")
        appendContents(of: string, to: &output)
        output.append("\"")
    }

    /// Appends the UTF-8 bytes of `string` to `output` as a quoted, escaped
    /// JSON string.
    public static func append(_ string: String, to output: inout [UInt8]) {
        output.append(ASCII.quote)
        var contents = string
        contents.withUTF8 { buffer in
            var runStart = 0
            for index in buffer.indices where needsEscape(buffer[index]) {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<index]))
                appendEscape(for: buffer[index], to: &output)
                runStart = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart...]))
        }
        output.append(ASCII.quote)
    }

    /// Returns `string` as a quoted, escaped JSON string.
    public static func escaped(_ string: String) -> String {
        var output = ""
        output.reserveCapacity(string.utf8.count + 2)
        append(string, to: &output)
        return output
    }

    /// Appends the escaped contents of `string` without the quotes.
    private static func appendContents(of string: String, to output: inout String) {
        let utf8 = string.utf8
        guard utf8.contains(where: needsEscape) else {
            output.append(string)
            return
        }
        var runStart = utf8.startIndex
        var index = runStart
        while index != utf8.endIndex {
            let byte = utf8[index]
            if needsEscape(byte) {
                if runStart != index {
                    // Both bounds sit on ASCII bytes, so on scalar boundaries.
                    output.append(contentsOf: Substring(string.unicodeScalars[runStart..<index]))
                }
                appendEscape(for: byte, to: &output)
                index = utf8.index(after: index)
                runStart = index
            } else {
                index = utf8.index(after: index)
            }
        }
        if runStart != utf8.endIndex {
            output.append(contentsOf: Substring(string.unicodeScalars[runStart..<utf8.endIndex]))
        }
    }

    /// Whether any of `bytes` must be escaped inside a JSON string (a quote, a backslash or
    /// a control character); text without any can be copied between quotes as it is.
    public static func needsEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // A plain loop: `contains(where:)` with a function reference measured 10 instructions a byte.
        for byte in bytes where needsEscape(byte) { return true }
        return false
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == ASCII.quote || byte == ASCII.backslash
    }

    private static func appendEscape(for byte: UInt8, to output: inout [UInt8]) {
        output.append(ASCII.backslash)
        switch byte {
        case ASCII.quote, ASCII.backslash: output.append(byte)
        case 0x08: output.append(ASCII.lowercaseB)
        case 0x0C: output.append(ASCII.lowercaseF)
        case ASCII.lineFeed: output.append(ASCII.lowercaseN)
        case ASCII.carriageReturn: output.append(ASCII.lowercaseR)
        case ASCII.tab: output.append(ASCII.lowercaseT)
        default:
            output.append(ASCII.lowercaseU)
            output.append(ASCII.zero)
            output.append(ASCII.zero)
            output.append(Hex.lowercaseDigits[Int(byte >> 4)])
            output.append(Hex.lowercaseDigits[Int(byte & 0x0F)])
        }
    }

    private static func appendEscape(for byte: UInt8, to output: inout String) {
        switch byte {
        case ASCII.quote: output.append("\\\"")
        case ASCII.backslash: output.append("\\\\")
        case 0x08: output.append("\\b")
        case 0x0C: output.append("\\f")
        case ASCII.lineFeed: output.append("\\n")
        case ASCII.carriageReturn: output.append("\\r")
        case ASCII.tab: output.append("\\t")
        default:
            output.append("\\u00")
            output.append(Hex.twoDigits(byte))
        }
    }
}
