/// Every ``FieldError`` found in one request body, in the order found.
///
/// `Result` needs an `Error` type, which `[FieldError]` is not, so the list
/// is wrapped; it still reads like an array (`count`, subscripts, `map`,
/// `for … in`, array literals).
public struct ValidationErrors: Error, Equatable, Sendable, RandomAccessCollection, ExpressibleByArrayLiteral {
    /// The errors as an array.
    public var fieldErrors: [FieldError]

    /// Wraps a list of errors.
    public init(_ fieldErrors: [FieldError]) {
        self.fieldErrors = fieldErrors
    }

    /// Creates the list from an array literal of errors.
    public init(arrayLiteral elements: FieldError...) {
        self.fieldErrors = elements
    }

    /// The position of the first error.
    public var startIndex: Int { fieldErrors.startIndex }

    /// The position past the last error.
    public var endIndex: Int { fieldErrors.endIndex }

    /// The error at `position`.
    public subscript(position: Int) -> FieldError { fieldErrors[position] }

    /// The fields that have errors, in order, without repeats.
    public var fields: [String] {
        var seen = Set<String>()
        return fieldErrors.compactMap { seen.insert($0.field).inserted ? $0.field : nil }
    }
}
