/// Where the import service listens: `http://host[:port][/prefix]`, parsed from `--base-url`.
///
/// Only plain HTTP is supported, because the verifier talks to the service through the same
/// evhttp bridge the service uses, which has no TLS.
struct ServiceURL: Equatable, CustomStringConvertible {
    /// The host name or IP address (IPv6 without brackets).
    let host: String
    /// The TCP port; 80 when the URL names none.
    let port: Int
    /// The path the API is mounted under, without a trailing slash: "" or "/prefix".
    let pathPrefix: String

    /// Parses `text`, throwing a message that says what is wrong with it.
    init(parsing text: String) throws(UsageError) {
        let lowercased = text.lowercased()
        if lowercased.hasPrefix("https://") {
            throw UsageError("base URL \(text): https is not supported; give an http:// URL "
                + "(the verifier speaks plain HTTP, as the service does)")
        }
        guard lowercased.hasPrefix("http://") else {
            throw UsageError("base URL \(text): must look like http://host[:port][/prefix]")
        }
        let rest = text.dropFirst("http://".count)
        guard !rest.contains(where: { "?#@ ".contains($0) || $0.isNewline || $0.asciiValue.map { $0 < 32 } == true })
        else {
            throw UsageError("base URL \(text): no user, query, fragment or spaces allowed; "
                + "must look like http://host[:port][/prefix]")
        }
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let (host, port) = try ServiceURL.hostAndPort(rest[..<slash], in: text)
        var prefix = rest[slash...]
        while prefix.hasSuffix("/") { prefix = prefix.dropLast() }
        self.host = host
        self.port = port
        self.pathPrefix = String(prefix)
    }

    /// The URL in canonical form, e.g. `http://localhost:8100/api-prefix`.
    var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "http://\(shownHost):\(port)\(pathPrefix)"
    }

    /// The request path for `path` (which starts with "/") under the prefix.
    func path(_ path: String) -> String {
        pathPrefix + path
    }

    /// The full URL of `path`, for messages and curl examples.
    func url(_ path: String) -> String {
        description + path
    }

    private static func hostAndPort(_ authority: Substring, in text: String) throws(UsageError) -> (String, Int) {
        var host = authority
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw UsageError("base URL \(text): unclosed [ in IPv6 host")
            }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") {
                portText = after.dropFirst()
            } else if !after.isEmpty {
                throw UsageError("base URL \(text): unexpected text after the IPv6 host")
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        }
        guard !host.isEmpty else { throw UsageError("base URL \(text): missing host") }
        guard host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-._:".contains($0)) }) else {
            throw UsageError("base URL \(text): invalid host '\(host)'")
        }
        guard let portText else { return (String(host), 80) }
        guard let port = Int(portText), (1...65_535).contains(port) else {
            throw UsageError("base URL \(text): port must be a number from 1 to 65535")
        }
        return (String(host), port)
    }
}
