import HTTPBridge
import ImportJobs

/// One request on its way through the service: the HTTP request and its request id.
///
/// Every answer goes through here, so every response carries `X-Request-ID` and the
/// right content type.
struct Exchange {
    let request: HTTPRequest
    let requestID: String

    init(_ request: HTTPRequest) {
        self.request = request
        self.requestID = RequestID.accepted(request.header("X-Request-ID")) ?? JobID.generate()
    }

    /// Answers with a JSON body.
    func reply(status: Int, json: String, headers: [(String, String)] = []) {
        request.respond(status: status, headers: standardHeaders("application/json") + headers, body: json)
    }

    /// Answers with JSON bytes assembled elsewhere (e.g. documents straight from Redis).
    func reply(status: Int, jsonBytes: [UInt8], headers: [(String, String)] = []) {
        jsonBytes.withUnsafeBytes {
            request.respond(status: status, headers: standardHeaders("application/json") + headers, bytes: $0)
        }
    }

    /// Answers with no body (204).
    func replyEmpty(status: Int) {
        request.respond(status: status, headers: [("X-Request-ID", requestID)], body: "")
    }

    /// Answers with a problem+json body.
    func fail(_ problem: Problem) {
        request.respond(status: problem.status, headers: standardHeaders("application/problem+json") + problem.headers,
                        body: problem.json)
    }

    private func standardHeaders(_ contentType: String) -> [(String, String)] {
        [("Content-Type", contentType), ("X-Request-ID", requestID)]
    }
}

/// Which client-sent request ids are kept: bounded and made of safe characters, so they
/// can go into logs and documents as they are.
enum RequestID {
    static let maximumLength = 128

    static func accepted(_ candidate: String?) -> String? {
        guard let candidate, !candidate.isEmpty, candidate.utf8.count <= maximumLength,
              candidate.utf8.allSatisfy(isSafe) else { return nil }
        return candidate
    }

    private static func isSafe(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
             UInt8(ascii: "."), UInt8(ascii: ":"): true
        default: false
        }
    }
}
