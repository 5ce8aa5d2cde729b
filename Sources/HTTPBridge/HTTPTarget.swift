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
    public init(_ target: String) {
        let withoutFragment = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let parts = withoutFragment.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        path = parts[0].isEmpty ? "/" : String(parts[0])
        query = parts.count > 1 ? HTTPTarget.parseQuery(parts[1]) : []
    }

    /// The value of the first parameter called `name`, or nil.
    public func queryValue(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }

    private static func parseQuery(_ query: Substring) -> [QueryParameter] {
        query.split(separator: "&").map { pair in
            let nameAndValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let value = nameAndValue.count > 1 ? nameAndValue[1] : ""
            return QueryParameter(name: percentDecoded(nameAndValue[0]), value: percentDecoded(value))
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
