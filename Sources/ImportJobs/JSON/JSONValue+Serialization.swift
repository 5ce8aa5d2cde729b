extension JSONValue {
    /// Compact JSON text: no insignificant whitespace, object members in
    /// stored order, non-finite doubles as `null`.
    public var serialized: String {
        var writer = JSONWriter(capacity: 64)
        writer.append(value: self)
        return writer.string
    }

    /// ``serialized`` as UTF-8 bytes, without building a `String`.
    public var serializedBytes: [UInt8] {
        var writer = JSONWriter(capacity: 64)
        writer.append(value: self)
        return writer.bytes
    }

    /// Appends the compact JSON text of this value to `output`.
    public func write(to output: inout String) {
        output.append(serialized)
    }
}

extension JSONObject {
    /// The compact JSON text of this object, members in stored order.
    public var serialized: String {
        var writer = JSONWriter(capacity: 64)
        writer.append(object: self)
        return writer.string
    }

    /// Appends the compact JSON text of this object to `output`.
    public func write(to output: inout String) {
        output.append(serialized)
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
