import Foundation

/// One parsed HTTP/1.1 response.
struct HTTPResponse: Sendable, CustomStringConvertible {
    /// Status code, e.g. 201.
    let status: Int
    /// Reason phrase, e.g. "Created".
    let reason: String
    /// Header fields in the order received.
    let headers: [(name: String, value: String)]
    /// The body after de-chunking.
    let body: Data

    /// The first value of header `name` (case-insensitive), or nil.
    func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// All values of header `name` (case-insensitive).
    func headerValues(_ name: String) -> [String] {
        headers.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
    }

    /// The media type of Content-Type without parameters, lowercased (e.g. "application/json").
    var mediaType: String? {
        header("Content-Type")?.split(separator: ";").first
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    }

    /// The body as UTF-8 text.
    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed as a JSON object; throws if it is not one.
    func jsonObject() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) as? [String: Any] else {
            throw HarnessError("response body is not a JSON object: \(text.prefix(300))")
        }
        return object
    }

    var description: String {
        let headerText = headers.map { "\($0.name): \($0.value)" }.joined(separator: "; ")
        return "HTTP \(status) \(reason) [\(headerText)] \(text.prefix(600))"
    }
}
