/// Checks on submitted text shared by the validators. Each check returns a
/// message for ``FieldError`` or `nil` when the text is acceptable.
enum TextRules {
    /// The most characters (Unicode scalars) a `source_config` string may have.
    static let maximumConfigLength = 2048
    /// The most characters an identifier such as `tenant_id` may have.
    static let maximumIdentifierLength = 256
    /// The message for an identifier with a bad length or character.
    static let identifierRule = "must be 1 to 256 characters, each a letter, digit or one of . _ : @ / -"

    /// `text` without leading and trailing Unicode whitespace.
    static func trimmed(_ text: String) -> String {
        let utf8 = text.utf8
        if let first = utf8.first, let last = utf8.last,
           first < 0x80, last < 0x80, !isASCIISpaceOrControl(first), !isASCIISpaceOrControl(last) {
            return text
        }
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[start...end])
    }

    /// Whether `text` has more than `limit` Unicode scalars (stops counting early).
    static func isLonger(_ text: String, than limit: Int) -> Bool {
        text.utf8.count > limit && !text.unicodeScalars.dropFirst(limit).isEmpty
    }

    /// Whether `text` contains whitespace or a control character.
    static func containsSpaceOrControl(_ text: String) -> Bool {
        // Over the contiguous bytes: iterating `text.utf8` cost three times as much.
        var contents = text
        let (hasSpaceOrControl, hasNonASCII) = contents.withUTF8 { bytes in
            var hasNonASCII = false
            for byte in bytes {
                if byte >= 0x80 {
                    hasNonASCII = true
                } else if isASCIISpaceOrControl(byte) {
                    return (true, hasNonASCII)
                }
            }
            return (false, hasNonASCII)
        }
        if hasSpaceOrControl { return true }
        guard hasNonASCII else { return false }
        return text.unicodeScalars.contains { $0.properties.isWhitespace || (0x80...0x9F).contains($0.value) }
    }

    /// Whether an ASCII byte is a space, a C0 control character or DEL.
    private static func isASCIISpaceOrControl(_ byte: UInt8) -> Bool {
        byte <= ASCII.space || byte == 0x7F
    }

    /// Checks an absolute http(s) URL with a host, no credentials and an
    /// optional numeric port.
    static func urlProblem(_ text: String) -> String? {
        if containsSpaceOrControl(text) { return "must not contain whitespace" }
        var contents = text
        return contents.withUTF8 { bytes in
            let schemeLength: Int
            if hasCaseInsensitivePrefix(bytes, "https://") {
                schemeLength = 8
            } else if hasCaseInsensitivePrefix(bytes, "http://") {
                schemeLength = 7
            } else {
                return "must be an absolute http:// or https:// URL"
            }
            let authorityEnd = bytes[schemeLength...].firstIndex { $0 == ASCII.slash || $0 == ASCII.questionMark || $0 == ASCII.numberSign }
                ?? bytes.endIndex
            return authorityProblem(UnsafeBufferPointer(rebasing: bytes[schemeLength..<authorityEnd]))
        }
    }

    /// Checks the `host[:port]` part of a URL.
    private static func authorityProblem(_ authority: UnsafeBufferPointer<UInt8>) -> String? {
        if authority.contains(ASCII.atSign) { return "must not contain a user name or password" }
        var hostEnd = authority.endIndex
        if authority.first == ASCII.leftBracket {
            guard let close = authority.firstIndex(of: ASCII.rightBracket) else { return "has an invalid IPv6 host" }
            hostEnd = close + 1
            if close == 1 { return "must have a host" }
            if hostEnd < authority.endIndex && authority[hostEnd] != ASCII.colon { return "has an invalid host" }
        } else if let colon = authority.firstIndex(of: ASCII.colon) {
            hostEnd = colon
        }
        if hostEnd == 0 { return "must have a host" }
        guard hostEnd < authority.endIndex else { return nil }
        let port = authority[(hostEnd + 1)...]
        var number = 0
        for byte in port {
            guard ASCII.isDigit(byte), number <= 65535 else { return "has an invalid port" }
            number = number * 10 + Int(byte - ASCII.zero)
        }
        guard (1...65535).contains(number) else { return "has an invalid port" }
        return nil
    }

    /// Checks that `text` looks like an email address: one `@` with text on
    /// both sides and no whitespace.
    static func emailProblem(_ text: String) -> String? {
        var contents = text
        let hasOneInnerAtSign = contents.withUTF8 { bytes in
            guard let at = bytes.firstIndex(of: ASCII.atSign) else { return false }
            return at > 0 && at < bytes.count - 1 && !bytes[(at + 1)...].contains(ASCII.atSign)
        }
        guard hasOneInnerAtSign, !containsSpaceOrControl(text) else {
            return "must be an email address such as name@example.com"
        }
        return nil
    }

    /// Whether `bytes` start with the lowercase ASCII `prefix`, ignoring case.
    private static func hasCaseInsensitivePrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
        prefix.withUTF8Buffer { expected in
            guard bytes.count >= expected.count else { return false }
            for (actual, wanted) in zip(bytes, expected) {
                let folded = (0x41...0x5A).contains(actual) ? actual | 0x20 : actual
                guard folded == wanted else { return false }
            }
            return true
        }
    }

    /// Whether `text` is 1...256 characters from `A-Z a-z 0-9 . _ : @ / -`.
    static func isValidIdentifier(_ text: some StringProtocol) -> Bool {
        let utf8 = text.utf8
        guard !utf8.isEmpty, utf8.count <= maximumIdentifierLength else { return false }
        return utf8.allSatisfy { byte in
            switch byte {
            case ASCII.zero...ASCII.nine, 0x41...0x5A, 0x61...0x7A: return true
            case ASCII.period, 0x5F, ASCII.colon, ASCII.atSign, ASCII.slash, ASCII.minus: return true
            default: return false
            }
        }
    }
}
