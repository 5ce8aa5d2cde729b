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
    /// Compares UTF-8 bytes: every route is ASCII, and Character comparison is far slower.
    init?(path: String) {
        var path = Substring(path)
        if path.utf8.count > 1, path.utf8.last == UInt8(ascii: "/") { path = path.dropLast() }
        switch path {
        case "/health": self = .health
        case "/ready": self = .ready
        case "/metrics": self = .metrics
        case "/openapi.json": self = .openAPI
        case "/api/imports": self = .jobs
        default:
            guard path.utf8.starts(with: Route.jobPrefix.utf8) else { return nil }
            let rest = path.utf8.dropFirst(Route.jobPrefix.utf8.count)
            guard let slash = rest.firstIndex(of: UInt8(ascii: "/")) else {
                if rest.isEmpty { return nil }
                self = .job(id: String(path[rest.startIndex...]))
                return
            }
            guard slash != rest.startIndex, path[path.utf8.index(after: slash)...] == "cancel" else { return nil }
            self = .cancelJob(id: String(path[rest.startIndex..<slash]))
        }
    }

    private static let jobPrefix = "/api/imports/"

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
