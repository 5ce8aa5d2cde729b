import RedisBridge

/// What the command line asks for: a verification run, or the usage text.
enum CommandLineRequest: Equatable {
    /// Verify with these options.
    case run(VerifierOptions)
    /// Print `CommandLineParser.usage` and exit 0.
    case help
}

/// Reads `--base-url`, `--redis-url`, `--expected-ttl`, `--json`, `--keep` and `--help`,
/// falling back to `BASE_URL` and `REDIS_URL` from the environment, then to the defaults.
enum CommandLineParser {
    /// The text `--help` prints.
    static let usage = """
        usage: verify-job-tracking [--base-url URL] [--redis-url URL] [--expected-ttl SECONDS] [--json] [--keep]

        Walks the Redis job tracking checklist against a running import-service and its Redis:
        creates a Jira import job, checks import:job:{job_id} in Redis (JSON, fields, status, TTL),
        reads it back through the API, lists it, walks it through processing to completed when
        the service supports PATCH, and deletes it again.

        options:
          --base-url URL          the service, http://host[:port][/prefix]
                                  (default: $BASE_URL, else \(VerifierOptions.defaultBaseURL))
          --redis-url URL         the Redis the service writes to, redis://[[user]:password@]host[:port][/db]
                                  or unix:///path/redis.sock[?db=N]
                                  (default: $REDIS_URL, else \(VerifierOptions.defaultRedisURL))
          --expected-ttl SECONDS  the TTL a job key should have after a write (default: \(VerifierOptions.defaultExpectedTTLSeconds))
          --json                  print one JSON report instead of the checklist lines
          --keep                  leave the created job in place instead of deleting it
          -h, --help              print this text and exit

        exit status: 0 when every check passed, 1 when a check failed, 2 on bad arguments.
        """

    /// Parses `arguments` (without the program name); `environment` looks up variables.
    static func parse(_ arguments: [String], environment: (String) -> String?) throws(UsageError) -> CommandLineRequest {
        var baseURL: String?
        var redisURL: String?
        var expectedTTL: String?
        var jsonOutput = false
        var keepJob = false
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            let (name, inlineValue) = split(argument)
            switch name {
            case "-h", "--help":
                return .help
            case "--json", "--keep":
                guard inlineValue == nil else { throw UsageError("\(name) takes no value") }
                if name == "--json" { jsonOutput = true } else { keepJob = true }
            case "--base-url", "--redis-url", "--expected-ttl":
                guard let value = inlineValue ?? remaining.popFirst() else {
                    throw UsageError("\(name) needs a value")
                }
                switch name {
                case "--base-url": baseURL = value
                case "--redis-url": redisURL = value
                default: expectedTTL = value
                }
            default:
                throw UsageError("unknown argument '\(argument)'")
            }
        }
        var options = VerifierOptions(
            serviceURL: try ServiceURL(parsing: baseURL ?? nonEmpty(environment("BASE_URL")) ?? VerifierOptions.defaultBaseURL),
            redisEndpoint: try endpoint(redisURL ?? nonEmpty(environment("REDIS_URL")) ?? VerifierOptions.defaultRedisURL),
            expectedTTLSeconds: try ttl(expectedTTL)
        )
        options.jsonOutput = jsonOutput
        options.keepJob = keepJob
        return .run(options)
    }

    /// `--name=value` into name and value; anything else into itself and nil.
    private static func split(_ argument: String) -> (String, String?) {
        guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }

    private static func endpoint(_ url: String) throws(UsageError) -> RedisEndpoint {
        do {
            return try RedisEndpoint(url: url)
        } catch {
            throw UsageError("Redis URL \(url.contains("@") ? "(hidden: it holds a password)" : url): \(error.description)")
        }
    }

    private static func ttl(_ text: String?) throws(UsageError) -> Int {
        guard let text else { return VerifierOptions.defaultExpectedTTLSeconds }
        guard let seconds = Int(text), (1...31_536_000).contains(seconds) else {
            throw UsageError("--expected-ttl \(text): must be a number of seconds from 1 to 31536000")
        }
        return seconds
    }
}
