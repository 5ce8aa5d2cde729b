import EventLoop
import HTTPBridge
import ImportJobs

/// One request on its way through the service: the HTTP request, its request id, route and
/// tenant, and what the access log and metrics need when it is answered.
///
/// Every answer goes through here, so every response carries `X-Request-ID` and the right
/// content type, and every request is counted and logged exactly once.
final class Exchange {
    let request: HTTPRequest
    let requestID: String
    /// The route's index (`Route.index`, or `Route.unmatchedIndex`).
    let routeIndex: Int
    /// The route template for metrics and logs, e.g. `/api/imports/{job_id}`.
    var route: String { Route.templates[routeIndex] }
    /// The tenant from `X-Tenant-ID`, once checked.
    var tenant: String?
    /// The job concerned, once known, for the access log.
    var jobID: String?
    private let startedAt = EventLoop.monotonicNanoseconds()
    private let observer: RequestObserver

    init(_ request: HTTPRequest, route: Route?, observer: RequestObserver) {
        self.request = request
        self.routeIndex = route?.index ?? Route.unmatchedIndex
        self.observer = observer
        self.requestID = RequestID.accepted(request.header("X-Request-ID")) ?? JobID.generate()
    }

    /// Answers with a JSON body.
    func reply(status: Int, json: String, headers: [(StaticString, String)] = []) {
        addHeaders(contentType: "application/json", headers)
        request.respond(status: status, body: json)
        finished(status)
    }

    /// Answers with JSON bytes assembled elsewhere (e.g. documents straight from Redis).
    func reply(status: Int, jsonBytes: [UInt8], headers: [(StaticString, String)] = []) {
        addHeaders(contentType: "application/json", headers)
        jsonBytes.withUnsafeBytes { request.respond(status: status, bytes: $0) }
        finished(status)
    }

    /// Answers with a body of another type (e.g. the Prometheus text format).
    func reply(status: Int, text: String, contentType: String) {
        addHeaders(contentType: contentType, [])
        request.respond(status: status, body: text)
        finished(status)
    }

    /// Answers with no body (204).
    func replyEmpty(status: Int) {
        request.addHeader("X-Request-ID", requestID)
        request.respond(status: status, body: "")
        finished(status)
    }

    /// Answers with a problem+json body.
    func fail(_ problem: Problem) {
        addHeaders(contentType: "application/problem+json", problem.headers)
        request.respond(status: problem.status, body: problem.json)
        finished(problem.status)
    }

    private func addHeaders(contentType: String, _ extra: [(StaticString, String)]) {
        request.addHeader("Content-Type", contentType)
        request.addHeader("X-Request-ID", requestID)
        for (name, value) in extra { request.addHeader(name, value) }
    }

    private func finished(_ status: Int) {
        observer.requestFinished(self, status: status, seconds: Double(EventLoop.monotonicNanoseconds() - startedAt) / 1e9)
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
