import RedisBridge

/// The document's troubleshooting section, as advice attached to each kind of failure.
enum Troubleshooting {
    /// How to start the service the way the document's port expects.
    static let startService = "start it: PORT=8100 REDIS_URL=redis://localhost:6379/0 .build/release/import-service "
        + "(or point the verifier at it with --base-url / BASE_URL)"

    /// The `redis-cli` invocation that reaches `endpoint`, for copy-and-paste fixes.
    static func redisCLI(_ endpoint: RedisEndpoint) -> String {
        let database = endpoint.database == 0 ? "" : " -n \(endpoint.database)"
        switch endpoint.address {
        case .tcp(let host, let port): return "redis-cli -h \(host) -p \(port)\(database)"
        case .unix(let path): return "redis-cli -s \(path)\(database)"
        }
    }

    /// Redis did not become ready; `problem` is the connection's last error, nil for silence.
    static func redisUnreachable(_ endpoint: RedisEndpoint, problem: String?, waitedMilliseconds: Int) -> Advice {
        let check = "check with: \(redisCLI(endpoint)) ping"
        guard let problem else {
            return Advice(cause: "Redis did not answer within \(waitedMilliseconds / 1000) s (wrong host, firewall, or overloaded)",
                          fix: "\(check); or pass --redis-url / REDIS_URL")
        }
        let lowered = problem.lowercased()
        if lowered.contains("noauth") || lowered.contains("wrongpass") || lowered.contains("password") {
            return Advice(cause: "Redis refused the credentials (\(problem))",
                          fix: "give the password as the service does: redis://[user]:password@host:port/0")
        }
        if lowered.contains("db index") {
            return Advice(cause: "the database number in the URL does not exist on this Redis",
                          fix: "use database 0, as the document requires: redis://host:port/0")
        }
        if lowered.contains("name or service not known") || lowered.contains("resolve") {
            return Advice(cause: "the Redis host name cannot be resolved", fix: "check the host in --redis-url / REDIS_URL")
        }
        return Advice(cause: "Redis is not running at \(endpoint.redacted) (\(problem))",
                      fix: "start Redis: docker run -d -p 6379:6379 redis:alpine, or redis-server --daemonize yes; "
                          + "or check if it is already running: docker ps | grep redis; \(check)")
    }

    /// Nothing answered HTTP at the base URL.
    static func serviceUnreachable(_ url: ServiceURL) -> Advice {
        Advice(cause: "the import service is not running, or listens on another host or port than \(url)",
               fix: startService)
    }

    /// POST /api/imports did not answer 201.
    static func creationFailed(status: Int, detail: String) -> Advice {
        switch status {
        case 503:
            return Advice(cause: "the service cannot reach its Redis (503)",
                          fix: "start Redis and check the service's REDIS_URL; GET /health shows whether it sees Redis")
        case 404, 405:
            return Advice(cause: "no import API under this base URL (wrong path prefix, or another program on the port)",
                          fix: "check --base-url / BASE_URL")
        case 400, 415, 422:
            return Advice(cause: "the service rejected the document's Jira example (\(detail))",
                          fix: "the service must accept the request of the document's Step 1")
        default:
            return Advice(cause: "the service answered \(status) (\(detail))", fix: "check the service's log")
        }
    }

    /// The job key is missing; `otherDatabase` is where the probe found it instead, if anywhere.
    static func jobNotInRedis(_ endpoint: RedisEndpoint, otherDatabase: Int?) -> Advice {
        if let otherDatabase {
            return Advice(cause: "wrong Redis database: the job is in database \(otherDatabase), "
                              + "the verifier reads database \(endpoint.database)",
                          fix: "give the service and the verifier the same REDIS_URL; the document expects "
                              + "database 0: REDIS_URL=redis://localhost:6379/0, then restart the service")
        }
        return Advice(cause: "Job not found in Redis: the service writes to another Redis or database, "
                          + "its Redis client is not initialized, or the write failed silently",
                      fix: "check the service's REDIS_URL (expected redis://localhost:6379/0, the same as --redis-url), "
                          + "look for Redis errors in the service's log, and restart the service")
    }

    /// `TTL` answered `ttl`, outside `expected - 60 ... expected`.
    static func wrongTTL(_ ttl: Int64, expected: Int) -> Advice {
        switch ttl {
        case -1:
            return Advice(cause: "TTL -1: the key never expires; the write lacks EX",
                          fix: "write the job with SET key json EX \(expected); "
                              + "check the Redis version (redis-cli INFO server | grep redis_version, 2.6.12 or later)")
        case -2:
            return Advice(cause: "TTL -2: the key disappeared (expired or deleted) during the run",
                          fix: "check what deletes or expires job keys, and the service's JOB_TTL_SECONDS")
        default:
            return Advice(cause: "the service writes the key with a TTL of about \(ttl) s instead of \(expected) s "
                              + "(JOB_TTL_SECONDS is set, or the TTL constant is wrong)",
                          fix: "unset JOB_TTL_SECONDS (default \(VerifierOptions.defaultExpectedTTLSeconds)) or set it to "
                              + "\(expected) and restart the service; if the TTL is intended, pass --expected-ttl \(max(ttl, 1))")
        }
    }

    /// The API answered something other than what the check wanted.
    static func unexpectedAnswer(_ what: String) -> Advice {
        Advice(cause: what, fix: "check the service's log and the API contract")
    }
}
