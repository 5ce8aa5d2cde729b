/// A request target split into its path and decoded query parameters.
///
/// Pure Swift, no C: it sees raw client input, so it is unit-tested and fuzzed.
public struct HTTPTarget: Equatable, Sendable {
    /// The path, still percent-encoded, without query or fragment; never empty.
    public let path: String
    /// The query parameters in order, names and values percent-decoded (`+` is a space).
    public let query: [QueryParameter]

    /// One `name=value` pair of a query string.
    public struct QueryParameter: Equatable, Sendable {
        /// The decoded name.
        public let name: String
        /// The decoded value; empty when the pair had no `=`.
        public let value: String
    }

    /// Splits `target`, e.g. `/api/imports?limit=5&status=pending`.
    ///
    /// Scans the contiguous UTF-8 bytes: the delimiters are ASCII, and walking a String's
    /// views (let alone its Characters) cost more than the rest of routing a request.
    public init(_ target: String) {
        var contents = target
        let (copiedPath, query) = contents.withUTF8 { bytes in
            let end = bytes.firstIndex(of: UInt8(ascii: "#")) ?? bytes.count
            let queryStart = bytes[..<end].firstIndex(of: UInt8(ascii: "?"))
            let pathEnd = queryStart ?? end
            let path: String? = switch pathEnd {
            case 0: "/"
            case bytes.count: nil // most targets are only a path: keep the string, copy nothing
            default: String(decoding: bytes[..<pathEnd], as: UTF8.self)
            }
            let query = queryStart.map { HTTPTarget.parseQuery(bytes[($0 + 1)..<end]) } ?? []
            return (path, query)
        }
        self.path = copiedPath ?? target
        self.query = query
    }

    /// The value of the first parameter called `name`, or nil.
    public func queryValue(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }

    private static func parseQuery(_ query: Slice<UnsafeBufferPointer<UInt8>>) -> [QueryParameter] {
        query.split(separator: UInt8(ascii: "&")).map { pair in
            let equals = pair.firstIndex(of: UInt8(ascii: "="))
            let name = pair[pair.startIndex..<(equals ?? pair.endIndex)]
            let value = equals.map { pair[($0 + 1)..<pair.endIndex] } ?? pair[pair.endIndex...]
            return QueryParameter(name: percentDecoded(name), value: percentDecoded(value))
        }
    }

    /// Decodes `%XX` and `+`; a malformed escape is kept as it was, invalid UTF-8 is repaired.
    static func percentDecoded(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count)
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), index + 2 < text.endIndex,
                      let high = hexValue(text[index + 1]), let low = hexValue(text[index + 2]) {
                bytes.append(high << 4 | low)
                index += 2
            } else {
                bytes.append(byte)
            }
            index += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
