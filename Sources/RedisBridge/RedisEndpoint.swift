/// Where and how to reach Redis, parsed from a `REDIS_URL`.
///
/// Forms: `redis://[[user]:password@]host[:port][/db]` and `unix:///path/redis.sock[?db=N]`.
/// Pure Swift: parsed once at start-up and unit-tested.
public struct RedisEndpoint: Equatable, Sendable {
    /// A TCP host and port, or a Unix socket path.
    public enum Address: Equatable, Sendable {
        /// A host name or IP address and a port.
        case tcp(host: String, port: Int)
        /// A Unix domain socket.
        case unix(path: String)
    }

    /// Where Redis listens.
    public var address: Address
    /// The ACL user for `AUTH`, when given.
    public var username: String?
    /// The password for `AUTH`, when given. Never logged.
    public var password: String?
    /// The database number for `SELECT`.
    public var database: Int

    /// Creates an endpoint from its parts.
    public init(address: Address, username: String? = nil, password: String? = nil, database: Int = 0) {
        self.address = address
        self.username = username
        self.password = password
        self.database = database
    }

    /// Parses a Redis URL, throwing a message that says what is wrong with it.
    public init(url: String) throws(RedisEndpointError) {
        if url.hasPrefix("unix://") {
            self = try RedisEndpoint.parseUnix(String(url.dropFirst("unix://".count)))
        } else if url.hasPrefix("redis://") {
            self = try RedisEndpoint.parseTCP(String(url.dropFirst("redis://".count)))
        } else {
            throw RedisEndpointError("must start with redis:// or unix://")
        }
    }

    /// The endpoint for logs: the address and database, never the password.
    public var redacted: String {
        switch address {
        case .tcp(let host, let port):
            let shownHost = host.contains(":") ? "[\(host)]" : host
            return "redis://\(shownHost):\(port)/\(database)"
        case .unix(let path):
            return "unix://\(path)?db=\(database)"
        }
    }

    private static func parseTCP(_ rest: String) throws(RedisEndpointError) -> RedisEndpoint {
        var rest = Substring(rest)
        var username: String?
        var password: String?
        if let at = rest.lastIndex(of: "@") {
            let credentials = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = credentials.firstIndex(of: ":") {
                username = credentials[..<colon].isEmpty ? nil : percentDecoded(credentials[..<colon])
                password = percentDecoded(credentials[credentials.index(after: colon)...])
            } else if !credentials.isEmpty {
                password = percentDecoded(credentials)
            }
        }
        let hostPort: Substring
        var database = 0
        if let slash = rest.firstIndex(of: "/") {
            hostPort = rest[..<slash]
            let path = rest[rest.index(after: slash)...]
            if !path.isEmpty { database = try parseDatabase(path) }
        } else {
            hostPort = rest
        }
        let (host, port) = try parseHostPort(hostPort)
        return RedisEndpoint(address: .tcp(host: host, port: port), username: username, password: password, database: database)
    }

    private static func parseHostPort(_ text: Substring) throws(RedisEndpointError) -> (String, Int) {
        var host = text
        var portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw RedisEndpointError("unclosed [ in IPv6 host") }
            host = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty {
                throw RedisEndpointError("unexpected text after IPv6 host")
            }
        } else if let colon = text.lastIndex(of: ":") {
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard !host.isEmpty else { throw RedisEndpointError("missing host") }
        guard host.allSatisfy({ $0.isLetter || $0.isNumber || "-._:".contains($0) }) else {
            throw RedisEndpointError("invalid host '\(host)'")
        }
        var port = 6379
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value) else {
                throw RedisEndpointError("port must be a number from 1 to 65535")
            }
            port = value
        }
        return (String(host), port)
    }

    private static func parseUnix(_ rest: String) throws(RedisEndpointError) -> RedisEndpoint {
        let parts = rest.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0])
        guard path.hasPrefix("/"), path.count > 1 else { throw RedisEndpointError("unix socket path must be absolute") }
        var database = 0
        if parts.count > 1 {
            for pair in parts[1].split(separator: "&") {
                let nameValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard nameValue[0] == "db", nameValue.count == 2 else {
                    throw RedisEndpointError("unknown parameter '\(nameValue[0])' (only db=N)")
                }
                database = try parseDatabase(nameValue[1])
            }
        }
        return RedisEndpoint(address: .unix(path: path), database: database)
    }

    private static func parseDatabase(_ text: Substring) throws(RedisEndpointError) -> Int {
        guard let value = Int(text), value >= 0, value <= 1_000_000 else {
            throw RedisEndpointError("database must be a non-negative integer")
        }
        return value
    }

    private static func percentDecoded(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var input = text.utf8[...]
        while let byte = input.popFirst() {
            if byte == UInt8(ascii: "%"), input.count >= 2,
               let value = UInt8(String(decoding: input.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                input = input.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A REDIS_URL that cannot be used, and why.
public struct RedisEndpointError: Error, Equatable, CustomStringConvertible {
    /// What is wrong, in words an operator can act on.
    public let description: String
    init(_ description: String) { self.description = description }
}
