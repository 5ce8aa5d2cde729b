/// Why a command got no reply from Redis.
public enum RedisFailure: Error, Equatable, Sendable {
    /// There was no usable connection when the command was sent; nothing reached Redis.
    case unavailable
    /// Redis did not answer within the command timeout.
    case timedOut
    /// The connection dropped while the command was waiting for its reply.
    case disconnected
}

/// What a command's completion receives: a reply (possibly an error reply) or a failure.
public typealias RedisCompletion = (Result<RedisReply, RedisFailure>) -> Void
