import EventLoop
import HTTPBridge
import ImportJobs

/// The service's HTTP API as the verifier uses it: paths under the base URL's prefix, JSON
/// bodies with their length, and the verifier's own `X-Request-ID` on every request.
final class ServiceClient {
    /// Where the service is.
    let baseURL: ServiceURL
    /// The `X-Request-ID` sent with every request: `verify-<uuid>`.
    let requestID: String
    private let client: HTTPClient

    /// A client for `baseURL` on `loop`, giving up on a request after `timeoutSeconds`.
    init(loop: EventLoop, baseURL: ServiceURL, requestID: String, timeoutSeconds: Int) {
        self.baseURL = baseURL
        self.requestID = requestID
        client = HTTPClient(loop: loop, host: HostResolver.preferredAddress(for: baseURL.host), port: baseURL.port,
                            timeoutSeconds: timeoutSeconds)
    }

    /// Sends `method` to `path` under the prefix, with `json` as the body when given.
    func send(_ method: HTTPMethod, _ path: String, json: String? = nil,
              completion: @escaping (Result<HTTPResponse, HTTPClientError>) -> Void) {
        var headers = [("X-Request-ID", requestID), ("Accept", "application/json")]
        if let json {
            // evhttp adds Content-Length by itself only for POST and PUT, not for PATCH.
            headers += [("Content-Type", "application/json"), ("Content-Length", String(json.utf8.count))]
        }
        client.send(method, baseURL.path(path), headers: headers, body: json, completion: completion)
    }
}

extension HTTPResponse {
    /// The body parsed as a JSON object, or nil when it is not one.
    var jsonObject: JSONObject? {
        (try? JSONParser.parse(body))?.objectValue
    }

    /// The status and the start of the body, for messages: `503 {"type":...}`.
    var summary: String {
        let text = String(decoding: body.prefix(160), as: UTF8.self)
            .replacingNewlines()
        return text.isEmpty ? "\(status)" : "\(status) \(text)\(body.count > 160 ? "…" : "")"
    }

    /// The problem+json `detail` (or `title`) when the body is one, else the body summary.
    var problemDetail: String {
        if let problem = jsonObject, let detail = problem["detail"]?.stringValue ?? problem["title"]?.stringValue {
            return detail
        }
        return summary
    }
}

extension String {
    /// The text with line breaks turned into spaces, so it fits on one output line.
    func replacingNewlines() -> String {
        String(map { $0.isNewline ? " " : $0 })
    }
}
