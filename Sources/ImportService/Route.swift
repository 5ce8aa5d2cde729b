import Glibc
import HTTPBridge

/// The resources the service serves, matched from a request path.
enum Route: Equatable {
    case health
    case ready
    case metrics
    case openAPI
    case jobs
    case job(id: String)
    case cancelJob(id: String)

    /// Every route with a sample id, for the OpenAPI cross-check.
    static let all: [Route] = [.health, .ready, .metrics, .openAPI, .jobs, .job(id: "{job_id}"), .cancelJob(id: "{job_id}")]

    /// Matches a path, ignoring one trailing slash; nil for an unknown path.
    /// Compares the contiguous UTF-8 bytes: every route is ASCII, and walking String views
    /// was the largest cost of routing.
    init?(path: String) {
        var path = path
        guard let route = path.withUTF8(Route.match) else { return nil }
        self = route
    }

    private static func match(_ path: UnsafeBufferPointer<UInt8>) -> Route? {
        var path = path[...]
        if path.count > 1, path.last == UInt8(ascii: "/") { path = path.dropLast() }
        for (literal, route) in fixedRoutes where equal(path, literal) {
            return route
        }
        let prefix: StaticString = "/api/imports/"
        guard path.count > prefix.utf8CodeUnitCount,
              equal(path.prefix(prefix.utf8CodeUnitCount), prefix) else { return nil }
        let rest = path.dropFirst(prefix.utf8CodeUnitCount)
        guard let slash = rest.firstIndex(of: UInt8(ascii: "/")) else {
            return .job(id: String(decoding: rest, as: UTF8.self))
        }
        guard slash != rest.startIndex, equal(rest[(slash + 1)...], "cancel") else { return nil }
        return .cancelJob(id: String(decoding: rest[..<slash], as: UTF8.self))
    }

    private static func equal(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, _ literal: StaticString) -> Bool {
        bytes.count == literal.utf8CodeUnitCount
            && memcmp(bytes.base.baseAddress! + bytes.startIndex, literal.utf8Start, bytes.count) == 0
    }

    private static let fixedRoutes: [(StaticString, Route)] = [
        ("/api/imports", .jobs), ("/health", .health), ("/ready", .ready), ("/metrics", .metrics),
        ("/openapi.json", .openAPI),
    ]

    /// The path template, as the OpenAPI document names it.
    var template: String {
        switch self {
        case .health: "/health"
        case .ready: "/ready"
        case .metrics: "/metrics"
        case .openAPI: "/openapi.json"
        case .jobs: "/api/imports"
        case .job: "/api/imports/{job_id}"
        case .cancelJob: "/api/imports/{job_id}/cancel"
        }
    }

    /// Whether a bearer token is required when access control is on: job routes only;
    /// health, readiness, metrics and the API description stay open.
    var needsToken: Bool {
        switch self {
        case .jobs, .job, .cancelJob: true
        case .health, .ready, .metrics, .openAPI: false
        }
    }

    /// A small number per route for the metrics' tables; `unmatchedIndex` for unknown paths.
    var index: Int {
        switch self {
        case .health: 0
        case .ready: 1
        case .metrics: 2
        case .openAPI: 3
        case .jobs: 4
        case .job: 5
        case .cancelJob: 6
        }
    }

    static let unmatchedIndex = 7

    /// The template of each index, as metrics and logs name it.
    static let templates = all.map(\.template) + ["unmatched"]

    /// The methods this resource answers; any other gets 405 with this list in `Allow`.
    var allowedMethods: [HTTPMethod] {
        switch self {
        case .health, .ready, .metrics, .openAPI: [.get, .head]
        case .jobs: [.get, .head, .post]
        case .job: [.get, .head, .patch, .delete]
        case .cancelJob: [.post]
        }
    }
}
