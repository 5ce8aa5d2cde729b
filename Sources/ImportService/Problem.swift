import HTTPBridge
import ImportJobs

/// An RFC 9457 problem: the body of every error answer (`application/problem+json`).
struct Problem: Error {
    let status: Int
    let title: String
    let detail: String
    var errors: [FieldError] = []
    /// For 409: the status the job is in, and the one asked for.
    var currentStatus: String?
    var requestedStatus: String?
    var headers: [(StaticString, String)] = []

    /// The type URI: one per kind of problem, stable for clients to match on.
    var type: String { "/problems/" + title.lowercased().split(separator: " ").joined(separator: "-") }

    var json: String {
        var object = JSONObject([
            ("type", .string(type)), ("title", .string(title)),
            ("status", .integer(Int64(status))), ("detail", .string(detail)),
        ])
        if !errors.isEmpty {
            object["errors"] = .array(errors.map {
                .object(JSONObject([("field", .string($0.field)), ("message", .string($0.message))]))
            })
        }
        if let currentStatus { object["current_status"] = .string(currentStatus) }
        if let requestedStatus { object["requested_status"] = .string(requestedStatus) }
        return JSONValue.object(object).serialized
    }
}

extension Problem {
    static func malformedJSON(_ detail: String) -> Problem {
        Problem(status: 400, title: "Malformed JSON", detail: detail)
    }

    static func unauthorized(_ detail: String, invalidToken: Bool) -> Problem {
        let challenge = invalidToken ? #"Bearer realm="import-service", error="invalid_token""# : #"Bearer realm="import-service""#
        return Problem(status: 401, title: "Unauthorized", detail: detail, headers: [("WWW-Authenticate", challenge)])
    }

    static func forbidden(_ detail: String) -> Problem {
        Problem(status: 403, title: "Forbidden", detail: detail)
    }

    static func notFound(_ detail: String) -> Problem {
        Problem(status: 404, title: "Not Found", detail: detail)
    }

    static func methodNotAllowed(_ method: HTTPMethod, allowed: [HTTPMethod]) -> Problem {
        let allow = allowed.map(\.rawValue).joined(separator: ", ")
        return Problem(status: 405, title: "Method Not Allowed", detail: "\(method.rawValue) is not allowed here; use \(allow)",
                       headers: [("Allow", allow)])
    }

    static func payloadTooLarge(limit: Int) -> Problem {
        Problem(status: 413, title: "Payload Too Large", detail: "the request body is over the limit of \(limit) bytes")
    }

    static func unsupportedMediaType(_ contentType: String?) -> Problem {
        Problem(status: 415, title: "Unsupported Media Type",
                detail: "send Content-Type: application/json (got \(contentType.map { "\"\($0)\"" } ?? "none"))")
    }

    static func validation(_ errors: ValidationErrors) -> Problem {
        let fields = errors.fields.map { $0.isEmpty ? "body" : $0 }.joined(separator: ", ")
        return Problem(status: 422, title: "Validation Failed", detail: "invalid: \(fields)", errors: errors.fieldErrors)
    }

    static func conflict(from: String, to: String) -> Problem {
        let detail = if JobStatus(rawValue: from)?.isFinal == true {
            to.isEmpty || to == from
                ? "the job is \(from), a final status: it takes no more updates"
                : "the job is \(from), a final status: it cannot become \(to)"
        } else {
            "the job cannot move from \(from) to \(to)"
        }
        return Problem(status: 409, title: "Conflict", detail: detail, currentStatus: from,
                       requestedStatus: to.isEmpty ? nil : to)
    }

    static func redisUnavailable(_ detail: String) -> Problem {
        Problem(status: 503, title: "Service Unavailable", detail: detail, headers: [("Retry-After", "1")])
    }

    static func internalError(_ detail: String) -> Problem {
        Problem(status: 500, title: "Internal Server Error", detail: detail)
    }
}
