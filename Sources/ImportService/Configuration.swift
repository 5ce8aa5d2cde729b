import RedisBridge

/// Everything the service reads from its environment, checked once at start-up.
public struct ServiceConfiguration: Sendable {
    /// Address to listen on (`HOST`).
    public var host = "127.0.0.1"
    /// Port to listen on (`PORT`).
    public var port = 8100
    /// Where Redis is (`REDIS_URL`).
    public var redis = RedisEndpoint(address: .tcp(host: "localhost", port: 6379))
    /// Lifetime of a job key in seconds (`JOB_TTL_SECONDS`).
    public var jobTTLSeconds = 86_400
    /// Largest accepted request body (`MAX_BODY_BYTES`).
    public var maxBodyBytes = 1 << 20
    /// How long a request may wait for Redis before it is answered 503 (`REDIS_TIMEOUT_MS`).
    public var redisTimeoutMilliseconds = 2_000
    /// Seconds a connection has to deliver each complete request, from when it opened or from
    /// its previous reply (`HTTP_TIMEOUT_SECONDS`); slower or idle connections are closed.
    public var httpTimeoutSeconds = 15
    /// Most connections open at once (`MAX_CONNECTIONS`).
    public var maxConnections = 10_000
    /// How long SIGTERM waits for requests in flight (`SHUTDOWN_GRACE_SECONDS`).
    public var shutdownGraceSeconds = 10

    /// Which events are logged (`LOG_LEVEL`: error, warn, info, debug).
    public var logLevel = LogLevel.info
    /// Whether each request gets an access-log line (`ACCESS_LOG`: on/off).
    public var accessLog = true
    /// Whether requests are counted for `/metrics` (`METRICS`: on/off).
    public var metrics = true

    /// Event loops, each on its own thread with its own Redis connection, sharing the port
    /// through SO_REUSEPORT (`WORKERS`).
    public var workers = 1
    /// Bearer tokens and their tenants (`API_TOKENS_FILE`); nil leaves the API open.
    var accessControl: AccessControl?

    /// The defaults, as documented in the README.
    public init() {}

    /// Reads the settings through `lookup` (e.g. `getenv`), throwing on the first bad one.
    public static func load(_ lookup: (String) -> String?) throws(ConfigurationError) -> ServiceConfiguration {
        var configuration = ServiceConfiguration()
        if let host = lookup("HOST") {
            guard !host.isEmpty else { throw ConfigurationError(setting: "HOST", value: host, problem: "must not be empty") }
            configuration.host = host
        }
        configuration.port = try integer("PORT", lookup, default: configuration.port, in: 1...65_535)
        if let url = lookup("REDIS_URL") {
            do {
                configuration.redis = try RedisEndpoint(url: url)
            } catch {
                throw ConfigurationError(setting: "REDIS_URL", value: redactedURL(url), problem: error.description)
            }
        }
        configuration.jobTTLSeconds = try integer("JOB_TTL_SECONDS", lookup, default: configuration.jobTTLSeconds, in: 1...31_536_000)
        configuration.maxBodyBytes = try integer("MAX_BODY_BYTES", lookup, default: configuration.maxBodyBytes, in: 256...(64 << 20))
        configuration.redisTimeoutMilliseconds = try integer("REDIS_TIMEOUT_MS", lookup, default: configuration.redisTimeoutMilliseconds, in: 10...60_000)
        configuration.httpTimeoutSeconds = try integer("HTTP_TIMEOUT_SECONDS", lookup, default: configuration.httpTimeoutSeconds, in: 1...3_600)
        configuration.maxConnections = try integer("MAX_CONNECTIONS", lookup, default: configuration.maxConnections, in: 1...1_000_000)
        configuration.shutdownGraceSeconds = try integer("SHUTDOWN_GRACE_SECONDS", lookup, default: configuration.shutdownGraceSeconds, in: 0...3_600)
        configuration.workers = try integer("WORKERS", lookup, default: configuration.workers, in: 1...64)
        if let path = lookup("API_TOKENS_FILE"), !path.isEmpty {
            configuration.accessControl = try AccessControl.load(path: path)
        }
        if let text = lookup("LOG_LEVEL") {
            guard let level = LogLevel(name: text) else {
                throw ConfigurationError(setting: "LOG_LEVEL", value: text, problem: "must be error, warn, info or debug")
            }
            configuration.logLevel = level
        }
        configuration.accessLog = try switchSetting("ACCESS_LOG", lookup, default: configuration.accessLog)
        configuration.metrics = try switchSetting("METRICS", lookup, default: configuration.metrics)
        return configuration
    }

    private static func integer(_ name: String, _ lookup: (String) -> String?, default value: Int,
                                in range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        guard let text = lookup(name) else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw ConfigurationError(setting: name, value: text,
                                     problem: "must be an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    private static func switchSetting(_ name: String, _ lookup: (String) -> String?,
                                      default value: Bool) throws(ConfigurationError) -> Bool {
        guard let text = lookup(name) else { return value }
        switch text.lowercased() {
        case "on", "true", "1", "yes": return true
        case "off", "false", "0", "no": return false
        default: throw ConfigurationError(setting: name, value: text, problem: "must be on or off")
        }
    }

    /// The URL with any password replaced, so that an error line never shows it.
    private static func redactedURL(_ url: String) -> String {
        guard let at = url.lastIndex(of: "@") else { return url }
        let scheme = url.hasPrefix("redis://") ? "redis://" : ""
        return scheme + "***" + String(url[at...])
    }
}

/// A setting that stops start-up, with the one line the operator sees.
public struct ConfigurationError: Error, CustomStringConvertible {
    /// The environment variable.
    public let setting: String
    /// Its value, with secrets removed.
    public let value: String
    /// What is wrong with it.
    public let problem: String

    /// `invalid PORT "abc": must be an integer from 1 to 65535`.
    public var description: String { "invalid \(setting) \"\(value)\": \(problem)" }
}
