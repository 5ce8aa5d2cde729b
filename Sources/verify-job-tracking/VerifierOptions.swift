import RedisBridge

/// What the verifier was asked to check, from the command line and the environment.
struct VerifierOptions: Equatable {
    /// The default `--base-url`: the port the document names.
    static let defaultBaseURL = "http://localhost:8100"
    /// The default `--redis-url`: database 0, as the document requires.
    static let defaultRedisURL = "redis://localhost:6379/0"
    /// The default `--expected-ttl`: 24 hours.
    static let defaultExpectedTTLSeconds = 86_400

    /// The service under test.
    var serviceURL: ServiceURL
    /// The Redis the service should be writing to.
    var redisEndpoint: RedisEndpoint
    /// The TTL the job key should have right after a write, in seconds.
    var expectedTTLSeconds: Int
    /// Print one JSON report instead of the lines.
    var jsonOutput = false
    /// Leave the created job in place instead of deleting it.
    var keepJob = false
    /// How long to wait for Redis to accept a connection, in milliseconds.
    var redisWaitMilliseconds = 3_000
    /// How long to wait for each HTTP response, in seconds.
    var httpTimeoutSeconds = 5
}

/// A command line the verifier cannot act on; exit code 2.
struct UsageError: Error, CustomStringConvertible {
    /// What is wrong, in one line.
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
