/// One reason a request body was refused (HTTP 422), reported as an item of
/// the problem document's `errors` list.
public struct FieldError: Equatable, Sendable, CustomStringConvertible {
    /// The field as a dotted path, such as `source_config.base_url` or
    /// `options.batch_size`; empty for the body as a whole.
    public let field: String
    /// What is wrong, phrased to follow the field name ("is required").
    /// Never contains the submitted value, which may be a secret.
    public let message: String

    /// Creates an error for `field`.
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    /// The field and message, such as `options.batch_size: must be an integer`.
    public var description: String {
        field.isEmpty ? message : "\(field): \(message)"
    }
}
