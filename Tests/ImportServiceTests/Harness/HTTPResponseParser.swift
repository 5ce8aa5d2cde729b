import Foundation

/// Incremental parser for one HTTP/1.1 response held in a byte buffer.
///
/// `parse` returns nil while more bytes are needed; it understands Content-Length, chunked
/// transfer coding, bodiless statuses (1xx, 204, 304, answers to HEAD) and read-to-EOF bodies.
enum HTTPResponseParser {
    private static let headerEnd = Data("\r\n\r\n".utf8)
    private static let lineEnd = Data("\r\n".utf8)

    /// Parses `buffer`; `atEOF` says the peer closed, so a body without a length is complete.
    static func parse(_ buffer: Data, method: String, atEOF: Bool) throws -> HTTPResponse? {
        guard let headerRange = buffer.range(of: headerEnd) else {
            if atEOF && !buffer.isEmpty {
                let received = String(decoding: buffer, as: UTF8.self).prefix(300)
                throw HarnessError("connection closed inside the response head: \(received)")
            }
            return nil
        }
        let head = String(decoding: buffer[buffer.startIndex..<headerRange.lowerBound], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
            throw HarnessError("malformed status line: \(statusLine)")
        }
        let reason = parts.count > 2 ? String(parts[2]) : ""
        var headers: [(name: String, value: String)] = []
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { throw HarnessError("malformed header line: \(line)") }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        let bodyStart = headerRange.upperBound
        let rest = buffer[bodyStart...]

        func response(_ body: Data) -> HTTPResponse {
            HTTPResponse(status: status, reason: reason, headers: headers, body: body)
        }
        func value(_ name: String) -> String? {
            headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
        }

        if (100..<200).contains(status) {
            // Interim response: skip it and parse what follows.
            return try parse(Data(rest), method: method, atEOF: atEOF)
        }
        if status == 204 || status == 304 || method == "HEAD" {
            return response(Data())
        }
        if let coding = value("Transfer-Encoding"), coding.lowercased().contains("chunked") {
            return try parseChunked(Data(rest), atEOF: atEOF).map(response)
        }
        if let lengthText = value("Content-Length") {
            guard let length = Int(lengthText), length >= 0 else { throw HarnessError("bad Content-Length: \(lengthText)") }
            if rest.count >= length { return response(Data(rest.prefix(length))) }
            if atEOF { throw HarnessError("connection closed after \(rest.count) of \(length) body bytes") }
            return nil
        }
        return atEOF ? response(Data(rest)) : nil
    }

    /// De-chunks `data`; nil while the terminating chunk (and trailers) are incomplete.
    private static func parseChunked(_ data: Data, atEOF: Bool) throws -> Data? {
        var body = Data()
        var index = data.startIndex
        while true {
            guard let lineRange = data.range(of: lineEnd, in: index..<data.endIndex) else { break }
            let sizeLine = String(decoding: data[index..<lineRange.lowerBound], as: UTF8.self)
            let sizeText = sizeLine.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            guard let size = Int(sizeText, radix: 16) else { throw HarnessError("bad chunk size line: \(sizeLine)") }
            let chunkStart = lineRange.upperBound
            if size == 0 {
                // Trailers end with an empty line; with no trailers that is the next CRLF.
                if data[chunkStart...].starts(with: lineEnd) { return body }
                if data.range(of: headerEnd, in: chunkStart..<data.endIndex) != nil { return body }
                break
            }
            guard data.distance(from: chunkStart, to: data.endIndex) >= size + 2 else { break }
            let chunkEnd = data.index(chunkStart, offsetBy: size)
            body.append(data[chunkStart..<chunkEnd])
            index = data.index(chunkEnd, offsetBy: 2)
        }
        if atEOF { throw HarnessError("connection closed inside a chunked body") }
        return nil
    }
}
