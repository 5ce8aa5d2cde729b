extension JSONValue {
    /// Compact JSON text: no insignificant whitespace, object members in
    /// stored order, non-finite doubles as `null`.
    public var serialized: String {
        var output = ""
        write(to: &output)
        return output
    }

    /// Appends the compact JSON text of this value to `output`.
    ///
    /// Recursion depth equals nesting depth, which ``JSONParser`` bounds at
    /// ``JSONParser/maximumDepth``.
    public func write(to output: inout String) {
        switch self {
        case .null:
            output.append("null")
        case .bool(let flag):
            output.append(flag ? "true" : "false")
        case .integer(let number):
            output.append(String(number))
        case .double(let number):
            JSONNumber.append(number, to: &output)
        case .string(let string):
            JSONString.append(string, to: &output)
        case .array(let elements):
            output.append("[")
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(",") }
                element.write(to: &output)
            }
            output.append("]")
        case .object(let object):
            object.write(to: &output)
        }
    }
}

extension JSONObject {
    /// Appends the compact JSON text of this object, members in stored order.
    public func write(to output: inout String) {
        output.append("{")
        for (index, member) in members.enumerated() {
            if index > 0 { output.append(",") }
            JSONString.append(member.key, to: &output)
            output.append(":")
            member.value.write(to: &output)
        }
        output.append("}")
    }

    /// The compact JSON text of this object.
    public var serialized: String {
        var output = ""
        write(to: &output)
        return output
    }
}

/// Formatting of doubles for JSON output.
public enum JSONNumber {
    /// Appends the shortest text that reads back as exactly `number`, or
    /// `null` when it is NaN or infinite (JSON has no such numbers).
    public static func append(_ number: Double, to output: inout String) {
        if number.isFinite {
            output.append(number.description)
        } else {
            output.append("null")
        }
    }
}

extension JSONValue: CustomStringConvertible {
    /// The compact JSON text, same as ``serialized``.
    public var description: String { serialized }
}

extension JSONObject: CustomStringConvertible {
    /// The compact JSON text, same as ``serialized``.
    public var description: String { serialized }
}
