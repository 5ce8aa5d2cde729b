import EventLoop
import ImportJobs
import RedisBridge

/// Walks the checklist against one service and one Redis, as callbacks on one event loop.
///
/// Each step records its checklist items in the `Report` and then calls the next step.
/// A check that needs something an earlier check failed to provide is recorded as skipped.
final class Verifier {
    /// One step of the walk; it calls `next` exactly once when it is done.
    typealias Step = (_ next: @escaping () -> Void) -> Void

    let options: VerifierOptions
    let loop: EventLoop
    let report: Report
    let redis: RedisConnection
    let service: ServiceClient

    /// What earlier steps learned, for the later ones.
    var redisReady = false
    var serviceReachable = false
    var jobID: String?
    var storedDocument: JSONObject?
    private var readinessTimer: LoopEvent?

    /// A verifier that records into `report`; nothing happens until `run`.
    init(options: VerifierOptions, loop: EventLoop, report: Report) {
        self.options = options
        self.loop = loop
        self.report = report
        redis = RedisConnection(loop: loop, endpoint: options.redisEndpoint)
        service = ServiceClient(loop: loop, baseURL: options.serviceURL, requestID: "verify-\(JobID.generate())",
                                timeoutSeconds: options.httpTimeoutSeconds)
    }

    /// The Redis key of the job under test.
    var jobKey: String {
        "import:job:\(jobID ?? "")"
    }

    /// Runs every step in checklist order, then closes Redis and calls `completion`.
    func run(completion: @escaping () -> Void) {
        let steps: [Step] = [
            checkRedis, checkService, createJob, checkStoredJob, checkRetrieval, checkListing,
            walkLifecycle, cleanUp,
        ]
        runInOrder(steps[...]) { [self] in
            report.skipRemaining("not reached")
            redis.close(then: completion)
        }
    }

    private func runInOrder(_ steps: ArraySlice<Step>, then done: @escaping () -> Void) {
        guard let first = steps.first else { return done() }
        first { self.runInOrder(steps.dropFirst(), then: done) }
    }

    // MARK: - Redis is running and accessible

    /// Connects to Redis, giving up after `redisWaitMilliseconds` with the connection's last problem.
    private func checkRedis(then next: @escaping () -> Void) {
        var finished = false
        let finish = { [self] (ready: Bool) in
            guard !finished else { return }
            finished = true
            readinessTimer?.cancel()
            redis.onStateChange = nil
            redisReady = ready
            if ready { return describeRedis(then: next) }
            let waited = options.redisWaitMilliseconds
            let problem = redis.lastProblem
            report.record(.redisReachable, .failed(
                "no connection to \(options.redisEndpoint.redacted) within \(waited / 1000) s: \(problem ?? "no answer")",
                Troubleshooting.redisUnreachable(options.redisEndpoint, problem: problem, waitedMilliseconds: waited)))
            next()
        }
        redis.onStateChange = { state in if state == .ready { finish(true) } }
        readinessTimer = loop.makeTimer { finish(false) }
        readinessTimer?.schedule(afterMilliseconds: options.redisWaitMilliseconds)
        redis.start()
    }

    /// Records the Redis line with the server's version, which the TTL troubleshooting needs.
    private func describeRedis(then next: @escaping () -> Void) {
        redis.send(RedisCommand(["INFO", "server"])) { [self] result in
            let info = (try? result.get())?.string ?? ""
            let version = info.split(whereSeparator: \.isNewline)
                .first { $0.hasPrefix("redis_version:") }
                .map { " (Redis \($0.dropFirst("redis_version:".count)))" } ?? ""
            report.record(.redisReachable, .passed("PONG from \(options.redisEndpoint.redacted)\(version)"))
            next()
        }
    }
}
