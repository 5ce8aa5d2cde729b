/// Why a byte sequence is not acceptable JSON, and where.
public struct JSONParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A human-readable explanation, suitable for an HTTP 400 detail.
    public let message: String
    /// The zero-based byte offset in the input where the problem was found.
    public let offset: Int

    /// Creates an error with a message and byte offset.
    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    /// The message followed by the byte offset.
    public var description: String {
        "\(message) (at byte \(offset))"
    }
}
