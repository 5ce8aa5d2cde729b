/// Why a stored job document could not be read back.
public struct JobDocumentError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The offending field as a dotted path, such as `progress.total_items`;
    /// empty for the document as a whole.
    public let field: String
    /// What is wrong with it.
    public let message: String

    /// Creates an error for `field`.
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    /// The field and message, such as `status: must be one of …`.
    public var description: String {
        field.isEmpty ? message : "\(field): \(message)"
    }
}
