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
    /// Works on UTF-8 bytes: the delimiters are ASCII, and splitting by Character would
    /// run grapheme breaking over every request's target.
    public init(_ target: String) {
        let bytes = target.utf8
        let end = bytes.firstIndex(of: UInt8(ascii: "#")) ?? bytes.endIndex
        let queryStart = bytes[..<end].firstIndex(of: UInt8(ascii: "?"))
        let pathEnd = queryStart ?? end
        path = pathEnd == bytes.startIndex ? "/" : String(target[..<pathEnd])
        if let queryStart {
            query = HTTPTarget.parseQuery(target[bytes.index(after: queryStart)..<end])
        } else {
            query = []
        }
    }

    /// The value of the first parameter called `name`, or nil.
    public func queryValue(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }

    private static func parseQuery(_ query: Substring) -> [QueryParameter] {
        query.utf8.split(separator: UInt8(ascii: "&")).map { pair in
            let equals = pair.firstIndex(of: UInt8(ascii: "="))
            let name = query[pair.startIndex..<(equals ?? pair.endIndex)]
            let value = equals.map { query[pair.index(after: $0)..<pair.endIndex] } ?? ""
            return QueryParameter(name: percentDecoded(name), value: percentDecoded(value))
        }
    }

    /// Decodes `%XX` and `+`; a malformed escape is kept as it was, invalid UTF-8 is repaired.
    static func percentDecoded(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var input = text.utf8[...]
        while let byte = input.popFirst() {
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), input.count >= 2,
                      let high = hexValue(input[input.startIndex]),
                      let low = hexValue(input[input.index(after: input.startIndex)]) {
                bytes.append(high << 4 | low)
                input = input.dropFirst(2)
            } else {
                bytes.append(byte)
            }
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
