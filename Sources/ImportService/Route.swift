import HTTPBridge

/// The resources the service serves, matched from a request path.
enum Route: Equatable {
    case health
    case jobs
    case job(id: String)

    /// Matches a path, ignoring one trailing slash; nil for an unknown path.
    init?(path: String) {
        var path = Substring(path)
        if path.count > 1, path.hasSuffix("/") { path = path.dropLast() }
        switch path {
        case "/health": self = .health
        case "/api/imports": self = .jobs
        default:
            let prefix = "/api/imports/"
            guard path.hasPrefix(prefix) else { return nil }
            let id = path.dropFirst(prefix.count)
            guard !id.isEmpty, !id.contains("/") else { return nil }
            self = .job(id: String(id))
        }
    }

    /// The path template, as the OpenAPI document and the metrics name it.
    var template: String {
        switch self {
        case .health: "/health"
        case .jobs: "/api/imports"
        case .job: "/api/imports/{job_id}"
        }
    }

    /// The methods this resource answers; any other gets 405 with this list in `Allow`.
    var allowedMethods: [HTTPMethod] {
        switch self {
        case .health: [.get, .head]
        case .jobs: [.get, .head, .post]
        case .job: [.get, .head]
        }
    }
}
