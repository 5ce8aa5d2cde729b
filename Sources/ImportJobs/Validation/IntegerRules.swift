/// Reading of integer fields shared by the validators.
enum IntegerRules {
    /// The result of reading an optional integer field.
    enum Outcome: Equatable {
        /// The field is absent or `null`.
        case absent
        /// The field holds a whole number; `1e2` and `100.0` count as 100.
        case value(Int)
        /// The field holds a whole number too large for `Int`.
        case outOfRange
        /// The field holds something other than a whole number.
        case notAnInteger
    }

    /// Reads `value` as a whole number. JSON numbers with a fraction,
    /// strings and Booleans are not integers.
    static func read(_ value: JSONValue?) -> Outcome {
        switch value {
        case nil, .null?:
            return .absent
        case .integer(let number)?:
            guard let result = Int(exactly: number) else { return .outOfRange }
            return .value(result)
        case .double(let number)?:
            guard number.isFinite, number == number.rounded(.towardZero) else { return .notAnInteger }
            guard let result = Int(exactly: number) else { return .outOfRange }
            return .value(result)
        default:
            return .notAnInteger
        }
    }

    /// Reads an optional integer within `range`, appending an error for
    /// `field` and returning `defaultValue` when it is absent or invalid.
    static func read(
        _ value: JSONValue?,
        field: String,
        range: ClosedRange<Int>,
        defaultValue: Int,
        errors: inout [FieldError]
    ) -> Int {
        switch read(value) {
        case .absent:
            return defaultValue
        case .value(let number) where range.contains(number):
            return number
        case .value, .outOfRange:
            errors.append(FieldError(field: field, message: rangeMessage(range)))
        case .notAnInteger:
            errors.append(FieldError(field: field, message: "must be an integer"))
        }
        return defaultValue
    }

    /// "must be between 1 and 1000", or "must be 0 or more" for open ranges.
    static func rangeMessage(_ range: ClosedRange<Int>) -> String {
        if range.upperBound == .max { return "must be \(range.lowerBound) or more" }
        return "must be between \(range.lowerBound) and \(range.upperBound)"
    }
}
