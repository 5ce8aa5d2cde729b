/// A JSON value as defined by RFC 8259.
///
/// Numbers are kept as `integer` when they were written without a fraction or
/// exponent and fit in 64 bits, and as `double` otherwise, so that identifiers
/// and counters survive a round trip exactly.
public enum JSONValue: Equatable, Sendable {
    /// The literal `null`.
    case null
    /// The literal `true` or `false`.
    case bool(Bool)
    /// A number without fraction or exponent that fits in `Int64`.
    case integer(Int64)
    /// Any other number. Non-finite values serialize as `null`.
    case double(Double)
    /// A string of Unicode scalars.
    case string(String)
    /// An ordered list of values.
    case array([JSONValue])
    /// An object whose members keep their insertion order.
    case object(JSONObject)
}

extension JSONValue {
    /// The string payload, or `nil` when the value is not a string.
    public var stringValue: String? {
        if case .string(let string) = self { return string }
        return nil
    }

    /// The object payload, or `nil` when the value is not an object.
    public var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    /// The array payload, or `nil` when the value is not an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The Boolean payload, or `nil` when the value is not `true` or `false`.
    public var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    /// The integer payload, or `nil` when the value is not an `integer`.
    ///
    /// A `double` is never converted; use ``exactIntegerValue`` for that.
    public var integerValue: Int64? {
        if case .integer(let number) = self { return number }
        return nil
    }

    /// The value as an `Int64` when it is an integer, or a finite `double`
    /// with no fractional part that fits in `Int64` (such as `1e2`).
    public var exactIntegerValue: Int64? {
        switch self {
        case .integer(let number):
            return number
        case .double(let number):
            return Int64(exactly: number)
        default:
            return nil
        }
    }

    /// The value as a `Double` when it is any number, else `nil`.
    public var numberValue: Double? {
        switch self {
        case .integer(let number): return Double(number)
        case .double(let number): return number
        default: return nil
        }
    }

    /// Whether the value is the literal `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// A short noun naming the kind of value, for error messages
    /// ("null", "a boolean", "a number", "a string", "an array", "an object").
    public var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .integer, .double: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
