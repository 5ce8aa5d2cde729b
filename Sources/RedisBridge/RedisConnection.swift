internal import CHiredis
import EventLoop

/// One hiredis async connection on an `EventLoop`, shared by every request.
///
/// Commands are pipelined: each send returns at once, and replies arrive in order on the
/// loop. The connection reconnects by itself with capped, jittered exponential backoff.
/// While it is not ready, sends fail at once with `.unavailable`, so callers answer 503
/// instead of waiting. A command unanswered after the timeout fails with `.timedOut` and
/// the connection is dropped and rebuilt, since a pipeline cannot skip one late reply.
public final class RedisConnection {
    /// Where the connection is in its life.
    public enum State: Equatable, Sendable {
        case disconnected, connecting, handshaking, ready, closed
    }

    private let loop: EventLoop
    private let endpoint: RedisEndpoint
    private let commandTimeoutMilliseconds: Int
    private let maximumBackoffMilliseconds: Int
    private var context: UnsafeMutablePointer<redisAsyncContext>?
    fileprivate var pending = PendingQueue()
    private var backoffMilliseconds = 0
    /// Why the last connection attempt failed or the connection was lost; nil once connected.
    public private(set) var lastProblem: String?
    private var closeCompletion: (() -> Void)?
    private lazy var reconnectTimer = loop.makeTimer { [unowned self] in self.connect() }
    private lazy var connectTimer = loop.makeTimer { [unowned self] in self.dropConnection(reason: "connect timed out") }
    private lazy var timeoutTimer = loop.makeTimer { [unowned self] in self.expireCommands() }

    /// The current state; `ready` means commands are accepted.
    public private(set) var state = State.disconnected {
        didSet { if state != oldValue { onStateChange?(state) } }
    }
    /// How many times the connection has been re-established after the first.
    public private(set) var reconnectCount = 0
    /// True once the connection has been ready at least once.
    public private(set) var hasConnectedOnce = false
    /// Called with each reply's round trip in nanoseconds (not for failures), on the loop.
    public var onReply: ((Int64) -> Void)?
    /// Called on every state change, on the loop.
    public var onStateChange: ((State) -> Void)?
    /// Where the connection reports what happens to it (never secrets).
    public var log: (String) -> Void = { _ in }

    /// A connection to `endpoint`; call `start()` to connect.
    public init(loop: EventLoop, endpoint: RedisEndpoint, commandTimeoutMilliseconds: Int = 2000,
                maximumBackoffMilliseconds: Int = 500) {
        self.loop = loop
        self.endpoint = endpoint
        self.commandTimeoutMilliseconds = commandTimeoutMilliseconds
        self.maximumBackoffMilliseconds = maximumBackoffMilliseconds
    }

    deinit {
        if let context {
            // Callbacks must not reach a half-destroyed object: they still release their commands.
            context.pointee.data = nil
            redisAsyncFree(context)
        }
    }

    /// Starts connecting; from here on the connection keeps itself up until `close`.
    public func start() {
        loop.preconditionInEventLoop()
        connect()
    }

    /// Sends one command; `completion` runs once on the loop with the reply or a failure.
    public func send(_ command: RedisCommand, completion: @escaping RedisCompletion) {
        loop.preconditionInEventLoop()
        guard state == .ready, let context else {
            completion(.failure(.unavailable))
            return
        }
        enqueue(command, on: context, completion: completion)
    }

    /// Runs `script` by its SHA-1, sending the source once if Redis answers NOSCRIPT.
    public func evaluate(_ script: RedisScript, keys: [String], arguments: [String],
                         completion: @escaping RedisCompletion) {
        var words: [String] = []
        words.reserveCapacity(3 + keys.count + arguments.count)
        words += ["EVALSHA", script.sha1, String(keys.count)]
        words += keys
        words += arguments
        send(RedisCommand(words)) { [weak self, words] result in
            guard case .success(.error(let message)) = result, message.hasPrefix("NOSCRIPT"), let self else {
                return completion(result)
            }
            var withSource = words
            withSource[0] = "EVAL"
            withSource[1] = script.source
            self.send(RedisCommand(withSource), completion: completion)
        }
    }

    /// Stops reconnecting and disconnects: after the commands in flight get their replies,
    /// or, `immediately`, failing them now with `.disconnected`.
    public func close(immediately: Bool = false, then done: @escaping () -> Void) {
        loop.preconditionInEventLoop()
        state = .closed
        reconnectTimer.cancel()
        connectTimer.cancel()
        guard context != nil else { return done() }
        closeCompletion = done
        if immediately {
            dropConnection(reason: "closed")
        } else if let context {
            redisAsyncDisconnect(context)
        }
    }

    // MARK: - Connecting

    private func connect() {
        guard state == .disconnected, context == nil else { return }
        let newContext: UnsafeMutablePointer<redisAsyncContext>? = switch endpoint.address {
        case .tcp(let host, let port): redisAsyncConnect(host, Int32(port))
        case .unix(let path): redisAsyncConnectUnix(path)
        }
        guard let newContext, newContext.pointee.err == 0 else {
            let reason = newContext.flatMap { $0.pointee.errstr.map { String(cString: $0) } } ?? "out of memory"
            if let newContext { redisAsyncFree(newContext) }
            return connectionFailed(reason: reason)
        }
        newContext.pointee.data = Unmanaged.passUnretained(self).toOpaque()
        redisLibeventAttach(newContext, loop.base)
        redisAsyncSetConnectCallback(newContext, { context, status in
            RedisConnection.owner(of: context)?.connected(ok: status == REDIS_OK, context: context)
        })
        redisAsyncSetDisconnectCallback(newContext, { context, _ in
            let reason = context.flatMap { $0.pointee.errstr.map { String(cString: $0) } } ?? "closed"
            RedisConnection.owner(of: context)?.disconnected(reason: reason.isEmpty ? "closed" : reason)
        })
        context = newContext
        state = .connecting
        connectTimer.schedule(afterMilliseconds: commandTimeoutMilliseconds)
    }

    fileprivate static func owner(of context: UnsafePointer<redisAsyncContext>?) -> RedisConnection? {
        guard let data = context?.pointee.data else { return nil }
        return Unmanaged<RedisConnection>.fromOpaque(data).takeUnretainedValue()
    }

    private func connected(ok: Bool, context connectedContext: UnsafePointer<redisAsyncContext>?) {
        guard ok, let context else {
            // hiredis frees a context whose connect failed, right after this callback.
            let reason = connectedContext?.pointee.errstr.map { String(cString: $0) } ?? "connect failed"
            self.context = nil
            return connectionFailed(reason: reason)
        }
        state = .handshaking
        handshake(on: context)
    }

    /// AUTH and SELECT, then PING; the connection is ready only when all of them succeed.
    private func handshake(on context: UnsafeMutablePointer<redisAsyncContext>) {
        var commands: [RedisCommand] = []
        if let password = endpoint.password {
            commands.append(RedisCommand(["AUTH"] + (endpoint.username.map { [$0] } ?? []) + [password]))
        }
        if endpoint.database != 0 {
            commands.append(RedisCommand(["SELECT", String(endpoint.database)]))
        }
        commands.append(RedisCommand(["PING"]))
        var failure: String?
        for (index, command) in commands.enumerated() {
            let isLast = index == commands.count - 1
            enqueue(command, on: context) { [weak self] result in
                guard let self else { return }
                switch result {
                case .success(.error(let message)): failure = failure ?? message
                case .failure: failure = failure ?? "connection lost during handshake"
                case .success: break
                }
                guard isLast, self.state == .handshaking else { return }
                if let failure { return self.dropConnection(reason: "handshake failed: \(failure)") }
                self.becameReady()
            }
        }
    }

    private func becameReady() {
        connectTimer.cancel()
        backoffMilliseconds = 0
        lastProblem = nil
        if hasConnectedOnce { reconnectCount += 1 }
        hasConnectedOnce = true
        state = .ready
        log("redis: connected to \(endpoint.redacted)")
    }

    // MARK: - Losing the connection

    /// Frees the context now. hiredis fails every pending command with a NULL reply, at once
    /// or, when called from inside one of its callbacks, right after it. The context is cut
    /// loose first so that none of its late callbacks can touch the next connection's state.
    private func dropConnection(reason: String) {
        guard let context else { return }
        context.pointee.data = nil
        self.context = nil
        pending = PendingQueue()
        redisAsyncFree(context)
        disconnected(reason: reason)
    }

    private func disconnected(reason: String) {
        context = nil
        connectTimer.cancel()
        if state == .closed {
            closeCompletion?()
            closeCompletion = nil
            return
        }
        if state == .ready { log("redis: connection lost (\(reason))") }
        connectionFailed(reason: reason)
    }

    private func connectionFailed(reason: String) {
        connectTimer.cancel()
        guard state != .closed else { return }
        state = .disconnected
        if lastProblem != reason {
            log("redis: \(endpoint.redacted) unreachable (\(reason)); retrying")
            lastProblem = reason
        }
        backoffMilliseconds = min(max(backoffMilliseconds * 2, 25), maximumBackoffMilliseconds)
        let jittered = backoffMilliseconds / 2 + Int.random(in: 0...(backoffMilliseconds / 2))
        reconnectTimer.schedule(afterMilliseconds: jittered)
    }

    // MARK: - Commands and timeouts

    private func enqueue(_ command: RedisCommand, on context: UnsafeMutablePointer<redisAsyncContext>,
                         completion: @escaping RedisCompletion) {
        let entry = PendingCommand(sentAt: EventLoop.monotonicNanoseconds(), timeoutMilliseconds: commandTimeoutMilliseconds,
                                   completion: completion)
        let privateData = Unmanaged.passRetained(entry).toOpaque()
        let status = command.encoded.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) {
                redisAsyncFormattedCommand(context, replyReceived, privateData, $0.baseAddress, $0.count)
            }
        }
        guard status == REDIS_OK else {
            // hiredis refused it (the context is going away) and will never call back.
            Unmanaged<PendingCommand>.fromOpaque(privateData).release()
            return completion(.failure(.unavailable))
        }
        pending.append(entry)
        if !timeoutTimer.isPending { timeoutTimer.schedule(afterMilliseconds: commandTimeoutMilliseconds) }
    }

    private func expireCommands() {
        let now = EventLoop.monotonicMilliseconds()
        let expired = pending.expired(at: now)
        for entry in expired { entry.complete(.failure(.timedOut)) }
        if !expired.isEmpty {
            dropConnection(reason: "no reply within \(commandTimeoutMilliseconds) ms")
        } else if let oldest = pending.oldest {
            timeoutTimer.schedule(afterMilliseconds: Int(max(oldest.deadline - now, 1)))
        }
    }
}

/// The one C reply callback: balances the retain made in `enqueue`.
private func replyReceived(_ context: UnsafeMutablePointer<redisAsyncContext>?, _ reply: UnsafeMutableRawPointer?,
                           _ privateData: UnsafeMutableRawPointer?) {
    guard let privateData else { return }
    let entry = Unmanaged<PendingCommand>.fromOpaque(privateData).takeRetainedValue()
    let connection = RedisConnection.owner(of: context.map { UnsafePointer($0) })
    connection?.pending.remove(entry)
    if let reply {
        connection?.onReply?(EventLoop.monotonicNanoseconds() - entry.sentAt)
        entry.complete(.success(RedisReply(reply.assumingMemoryBound(to: redisReply.self))))
    } else {
        entry.complete(.failure(.disconnected))
    }
}
