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
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex {
            return text
        }
        return String(scalars[first...last])
    }

    /// Whether `text` has more than `limit` Unicode scalars (stops counting early).
    static func isLonger(_ text: String, than limit: Int) -> Bool {
        !text.unicodeScalars.dropFirst(limit).isEmpty
    }

    /// Whether `text` contains whitespace or a control character.
    static func containsSpaceOrControl(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.isWhitespace || $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }

    /// Checks an absolute http(s) URL with a host, no credentials and an
    /// optional numeric port.
    static func urlProblem(_ text: String) -> String? {
        if containsSpaceOrControl(text) { return "must not contain whitespace" }
        let lowercased = text.lowercased()
        let schemeLength: Int
        if lowercased.hasPrefix("https://") {
            schemeLength = 8
        } else if lowercased.hasPrefix("http://") {
            schemeLength = 7
        } else {
            return "must be an absolute http:// or https:// URL"
        }
        let afterScheme = text.unicodeScalars.dropFirst(schemeLength)
        let authority = afterScheme.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if authority.contains("@") { return "must not contain a user name or password" }
        var host = Substring(authority)
        var port: Substring?
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return "has an invalid IPv6 host" }
            let rest = host[host.index(after: close)...]
            host = host[...close]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { return "has an invalid host" }
                port = rest.dropFirst()
            }
            if host.count < 3 { return "must have a host" }
        } else if let colon = host.firstIndex(of: ":") {
            port = host[host.index(after: colon)...]
            host = host[..<colon]
        }
        if host.isEmpty { return "must have a host" }
        if let port {
            guard !port.isEmpty, port.utf8.count <= 5, port.utf8.allSatisfy(ASCII.isDigit),
                  let number = Int(port), (1...65535).contains(number)
            else { return "has an invalid port" }
        }
        return nil
    }

    /// Checks that `text` looks like an email address: one `@` with text on
    /// both sides and no whitespace.
    static func emailProblem(_ text: String) -> String? {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, !containsSpaceOrControl(text) else {
            return "must be an email address such as name@example.com"
        }
        return nil
    }

    /// Whether `text` is 1...256 characters from `A-Z a-z 0-9 . _ : @ / -`.
    static func isValidIdentifier(_ text: some StringProtocol) -> Bool {
        let utf8 = text.utf8
        guard !utf8.isEmpty, utf8.count <= maximumIdentifierLength else { return false }
        return utf8.allSatisfy { byte in
            switch byte {
            case ASCII.zero...ASCII.nine, 0x41...0x5A, 0x61...0x7A: return true
            case ASCII.period, 0x5F, ASCII.colon, 0x40, ASCII.slash, ASCII.minus: return true
            default: return false
            }
        }
    }
}
