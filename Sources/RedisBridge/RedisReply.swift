internal import CHiredis

/// A decoded RESP2 reply, copied out of hiredis before it frees the original.
public enum RedisReply: Equatable, Sendable {
    /// A simple status such as `OK` or `PONG`.
    case status(String)
    /// An error reply, e.g. `NOSCRIPT No matching script`.
    case error(String)
    /// An integer reply.
    case integer(Int64)
    /// A bulk string, binary safe.
    case bulkString([UInt8])
    /// A nil bulk string or nil array (e.g. GET of a missing key).
    case null
    /// A multi-bulk reply.
    indirect case array([RedisReply])

    /// The bulk or status string as UTF-8 text, or nil for other replies.
    public var string: String? {
        switch self {
        case .bulkString(let bytes): String(decoding: bytes, as: UTF8.self)
        case .status(let text): text
        default: nil
        }
    }

    init(_ reply: UnsafePointer<redisReply>) {
        let value = reply.pointee
        switch value.type {
        case REDIS_REPLY_STATUS:
            self = .status(RedisReply.text(value))
        case REDIS_REPLY_ERROR:
            self = .error(RedisReply.text(value))
        case REDIS_REPLY_INTEGER:
            self = .integer(value.integer)
        case REDIS_REPLY_STRING:
            self = .bulkString(value.str.map { Array(UnsafeRawBufferPointer(start: $0, count: value.len)) } ?? [])
        case REDIS_REPLY_ARRAY:
            self = .array((0..<value.elements).map { RedisReply(UnsafePointer(value.element[$0]!)) })
        default:
            self = .null
        }
    }

    private static func text(_ reply: redisReply) -> String {
        guard let start = reply.str else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: start, count: reply.len), as: UTF8.self)
    }
}
