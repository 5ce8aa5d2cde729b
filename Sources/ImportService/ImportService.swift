import EventLoop
import Glibc
import HTTPBridge
import RedisBridge

/// Which part a loop plays when `WORKERS` runs several, each on its own thread.
public enum WorkerRole: Sendable {
    /// The only loop.
    case only
    /// The loop that owns signals and the expiry sweep; on shutdown it wakes the others.
    case primary(wakeOthers: @Sendable () -> Void)
    /// Another loop, told to shut down through its wakeup.
    case secondary(shutdown: LoopWakeup)
}

/// The whole service on one event loop: the HTTP server, the Redis connection, the
/// expiry sweep and the signal handlers.
public final class ImportService {
    private let configuration: ServiceConfiguration
    private let loop: EventLoop
    private let redis: RedisConnection
    private let store: JobStore
    private let routes: JobRoutes
    private var server: HTTPServer?
    private var watchers: [LoopEvent] = []
    private var isShuttingDown = false
    private var isClosingRedis = false
    private var hasStopped = false
    private let role: WorkerRole

    /// How often index entries of expired jobs are swept, and how many per sweep.
    private static let sweepIntervalMilliseconds = 5_000
    private static let sweepBudget = 1_000

    /// Creates the service on `loop`; nothing listens or connects until `start()`.
    public init(configuration: ServiceConfiguration, loop: EventLoop, role: WorkerRole = .only) {
        self.configuration = configuration
        self.loop = loop
        self.role = role
        redis = RedisConnection(loop: loop, endpoint: configuration.redis,
                                commandTimeoutMilliseconds: configuration.redisTimeoutMilliseconds)
        redis.log = Log.info
        store = JobStore(redis: redis, ttlSeconds: configuration.jobTTLSeconds)
        routes = JobRoutes(store: store, configuration: configuration,
                           observer: RequestObserver(accessLog: configuration.accessLog, metrics: configuration.metrics))
        Log.level = configuration.logLevel
        // Capture the observer, not the routes: routes -> store -> redis -> this closure would be a cycle.
        redis.onReply = { [observer = routes.observer] nanoseconds in
            observer.metrics.recordRedisCommand(seconds: Double(nanoseconds) / 1e9)
        }
        routes.isReady = { [unowned self] in self.redis.hasConnectedOnce && !self.isShuttingDown }
        routes.liveFigures = { [unowned self] in
            LiveFigures(requestsInFlight: self.server?.requestsInFlight ?? 0, redisConnected: self.redis.state == .ready,
                        redisReconnects: self.redis.reconnectCount, process: ProcessFigures.read())
        }
    }

    /// Listens on HOST:PORT and starts connecting to Redis (which may still be down).
    public func start() throws(HTTPServerError) {
        loop.preconditionInEventLoop()
        _ = ProcessFigures.startTime
        // evhttp answers bodies over its own cap with an HTML page and no hook (libevent 2.1),
        // so its cap sits well above ours: up to max(4 x MAX_BODY_BYTES, MAX_BODY_BYTES + 1 MiB)
        // the client gets problem+json, and memory per connection stays bounded.
        let evhttpCap = max(configuration.maxBodyBytes * 4, configuration.maxBodyBytes + (1 << 20))
        let limits = HTTPLimits(maxBodyBytes: evhttpCap, timeoutSeconds: configuration.httpTimeoutSeconds,
                                maxConnections: configuration.maxConnections)
        let server = HTTPServer(loop: loop, limits: limits) { [routes] request in routes.handle(request) }
        try server.bind(host: configuration.host, port: configuration.port, sharingPort: configuration.workers > 1)
        self.server = server
        redis.start()

        let logFlush = loop.makeTimer(repeating: true) { Log.flush() }
        logFlush.schedule(afterMilliseconds: 100)
        watchers.append(logFlush)
        if case .secondary(let shutdown) = role {
            shutdown.attach(to: loop) { [unowned self] in self.shutDown() }
            return
        }
        let sweep = loop.makeTimer(repeating: true) { [store] in store.pruneExpired(budget: ImportService.sweepBudget) }
        sweep.schedule(afterMilliseconds: ImportService.sweepIntervalMilliseconds)
        watchers.append(sweep)
        // libevent delivers signals to one event_base only: the primary's.
        for signal in [SIGTERM, SIGINT] {
            let watcher = loop.makeSignalWatcher(signal) { [unowned self] in self.shutDown() }
            watcher.enable()
            watchers.append(watcher)
        }
        defer { Log.flush() }
        Log.info("\(configuration.workers) worker(s) listening on http://\(configuration.host):\(configuration.port), redis \(configuration.redis.redacted), job TTL \(configuration.jobTTLSeconds) s")
    }

    /// Runs the loop until shutdown completes.
    public func run() {
        loop.run()
    }

    /// Stops accepting, lets requests in flight finish (up to the grace period), then
    /// closes Redis, waits for the last replies to be written, and ends the loop.
    private func shutDown() {
        guard !isShuttingDown, let server else { return }
        isShuttingDown = true
        if case .primary(let wakeOthers) = role { wakeOthers() }
        Log.info("shutting down: \(server.requestsInFlight) request(s) in flight")
        server.stopAccepting()
        let grace = loop.makeTimer { [unowned self] in
            Log.warn("grace period over with \(server.requestsInFlight) request(s) unanswered: they get 503")
            self.closeRedis(immediately: true)
        }
        grace.schedule(afterMilliseconds: configuration.shutdownGraceSeconds * 1000)
        watchers.append(grace)
        server.onIdle = { [unowned self] in self.closeRedis(immediately: false) }
        if server.isIdle { closeRedis(immediately: false) }
    }

    /// Closes Redis (failing what still waits when `immediately`), then stops the loop once
    /// every reply is written, or after one more second for clients that do not read.
    private func closeRedis(immediately: Bool) {
        guard !isClosingRedis || immediately else { return }
        isClosingRedis = true
        redis.close(immediately: immediately) { [unowned self] in
            guard let server = self.server else { return self.stopLoop() }
            server.onIdle = { [unowned self] in self.stopLoop() }
            let lastWrites = self.loop.makeTimer { [unowned self] in self.stopLoop() }
            lastWrites.schedule(afterMilliseconds: 1000)
            self.watchers.append(lastWrites)
            if server.isIdle { self.stopLoop() }
        }
    }

    private func stopLoop() {
        guard !hasStopped else { return }
        hasStopped = true
        server?.onIdle = nil
        Log.info("stopped")
        Log.flush()
        loop.stop()
    }
}
