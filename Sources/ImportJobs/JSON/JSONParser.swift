/// A strict RFC 8259 JSON parser that never recurses.
///
/// It accepts exactly one value with optional whitespace around it and
/// rejects comments, trailing commas, leading zeros, unescaped control
/// characters, lone surrogates, invalid UTF-8, duplicate object keys and
/// nesting deeper than ``maximumDepth``. Every rejection is a
/// ``JSONParseError`` with a message and byte offset; no input crashes it.
public enum JSONParser {
    /// The deepest nesting of arrays and objects accepted.
    public static let maximumDepth = 64

    /// Parses `bytes` as one JSON document.
    public static func parse(_ bytes: some Collection<UInt8>) throws(JSONParseError) -> JSONValue {
        if let array = bytes as? [UInt8] {
            return try parse(array: array)
        }
        return try parse(array: Array(bytes))
    }

    /// Parses the UTF-8 bytes of `text` as one JSON document.
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(array: Array(text.utf8))
    }

    private static func parse(array: [UInt8]) throws(JSONParseError) -> JSONValue {
        var reader = JSONReader(bytes: array)
        var stack: [ContainerFrame] = []

        nextValue: while true {
            reader.skipWhitespace()
            var value: JSONValue
            switch reader.current {
            case ASCII.leftBracket?, ASCII.leftBrace?:
                guard stack.count < maximumDepth else {
                    throw reader.error("nesting is deeper than \(maximumDepth) levels")
                }
                let isObject = reader.current == ASCII.leftBrace
                reader.position += 1
                reader.skipWhitespace()
                if isObject {
                    if reader.current == ASCII.rightBrace {
                        reader.position += 1
                        value = .object(JSONObject())
                    } else {
                        var frame = ContainerFrame(isObject: true)
                        try frame.beginMember(reader: &reader)
                        stack.append(frame)
                        continue nextValue
                    }
                } else if reader.current == ASCII.rightBracket {
                    reader.position += 1
                    value = .array([])
                } else {
                    stack.append(ContainerFrame(isObject: false))
                    continue nextValue
                }
            default:
                value = try reader.readScalar()
            }

            // Hand the finished value to the enclosing containers, closing
            // each one whose last element this was.
            while !stack.isEmpty {
                let top = stack.count - 1
                reader.skipWhitespace()
                if stack[top].isObject {
                    stack[top].finishMember(value)
                    switch reader.current {
                    case ASCII.comma?:
                        reader.position += 1
                        reader.skipWhitespace()
                        try stack[top].beginMember(reader: &reader)
                        continue nextValue
                    case ASCII.rightBrace?:
                        reader.position += 1
                        value = .object(stack.removeLast().makeObject())
                    default:
                        throw reader.unexpected(expecting: "',' or '}' in an object")
                    }
                } else {
                    stack[top].elements.append(value)
                    switch reader.current {
                    case ASCII.comma?:
                        reader.position += 1
                        continue nextValue
                    case ASCII.rightBracket?:
                        reader.position += 1
                        value = .array(stack.removeLast().elements)
                    default:
                        throw reader.unexpected(expecting: "',' or ']' in an array")
                    }
                }
            }

            reader.skipWhitespace()
            guard reader.isAtEnd else {
                throw reader.unexpected(expecting: "the end of input after the JSON value")
            }
            return value
        }
    }
}

/// An array or object still being read.
private struct ContainerFrame {
    let isObject: Bool
    var elements: [JSONValue] = []
    var members: [(key: String, value: JSONValue)] = []
    var pendingKey = ""
    var positions: [String: Int]?

    /// Room reserved up front so that small containers do not regrow.
    private static let initialCapacity = 8

    init(isObject: Bool) {
        self.isObject = isObject
        if isObject {
            members.reserveCapacity(Self.initialCapacity)
        } else {
            elements.reserveCapacity(Self.initialCapacity)
        }
    }

    /// Reads the next key and its colon, rejecting a key already present.
    mutating func beginMember(reader: inout JSONReader) throws(JSONParseError) {
        let keyStart = reader.position
        let key = try reader.readKey()
        if contains(key) {
            throw reader.error("duplicate object key \"\(Self.abbreviated(key))\"", at: keyStart)
        }
        pendingKey = key
    }

    /// Stores `value` under the key read by `beginMember`.
    mutating func finishMember(_ value: JSONValue) {
        members.append((key: pendingKey, value: value))
        if positions != nil {
            positions![pendingKey] = members.count - 1
        } else if members.count > JSONObject.linearSearchLimit {
            var table: [String: Int] = [:]
            table.reserveCapacity(members.count * 2)
            for (index, member) in members.enumerated() {
                table[member.key] = index
            }
            positions = table
        }
    }

    func makeObject() -> JSONObject {
        JSONObject(distinctMembers: members, positions: positions)
    }

    private func contains(_ key: String) -> Bool {
        if let positions { return positions[key] != nil }
        return members.contains { $0.key == key }
    }

    private static func abbreviated(_ key: String) -> String {
        let limit = 64
        guard key.unicodeScalars.count > limit else { return key }
        return String(key.unicodeScalars.prefix(limit)) + "…"
    }
}
