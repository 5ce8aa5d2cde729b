internal import CLibevent
import EventLoop

/// A response received by `HTTPClient`, copied out of evhttp.
public struct HTTPResponse: Sendable {
    /// The status code.
    public let status: Int
    /// The headers in the order received.
    public let headers: [(name: String, value: String)]
    /// The body bytes.
    public let body: [UInt8]

    /// The first header called `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }
}

/// Why a request got no response.
public struct HTTPClientError: Error, CustomStringConvertible {
    /// What went wrong, e.g. connection refused or timed out.
    public let description: String
}

/// A small evhttp client on an `EventLoop`: one connection to one host, requests in order.
///
/// For tools such as the verifier, not the request path: it resolves the host name
/// with a blocking lookup when the connection is made.
public final class HTTPClient {
    private let loop: EventLoop
    private let connection: OpaquePointer
    private let host: String

    /// A client for `http://host:port`, giving up on a request after `timeoutSeconds`.
    public init(loop: EventLoop, host: String, port: Int, timeoutSeconds: Int = 10) {
        loop.preconditionInEventLoop()
        guard let connection = evhttp_connection_base_new(loop.base, nil, host, UInt16(port)) else {
            fatalError("evhttp_connection_base_new failed")
        }
        evhttp_connection_set_timeout(connection, Int32(timeoutSeconds))
        self.loop = loop
        self.connection = connection
        self.host = host
    }

    deinit {
        evhttp_connection_free(connection)
    }

    /// Sends a request; `completion` runs once on the loop with the response or an error.
    public func send(_ method: HTTPMethod, _ path: String, headers: [(String, String)] = [], body: String? = nil,
                     completion: @escaping (Result<HTTPResponse, HTTPClientError>) -> Void) {
        loop.preconditionInEventLoop()
        let box = Unmanaged.passRetained(ResponseBox(completion)).toOpaque()
        guard let request = evhttp_request_new({ request, box in
            guard let box else { return }
            Unmanaged<ResponseBox>.fromOpaque(box).takeRetainedValue().finish(request)
        }, box) else {
            Unmanaged<ResponseBox>.fromOpaque(box).release()
            return completion(.failure(HTTPClientError(description: "out of memory")))
        }
        let output = evhttp_request_get_output_headers(request)
        evhttp_add_header(output, "Host", host)
        for (name, value) in headers { evhttp_add_header(output, name, value) }
        if var body {
            body.withUTF8 { bytes in _ = evbuffer_add(evhttp_request_get_output_buffer(request), bytes.baseAddress, bytes.count) }
        }
        // On failure evhttp frees the request without calling back, so the box is ours to release.
        if evhttp_make_request(connection, request, HTTPClient.command(for: method), path) != 0 {
            Unmanaged<ResponseBox>.fromOpaque(box).release()
            completion(.failure(HTTPClientError(description: "could not send the request")))
        }
    }

    private static func command(for method: HTTPMethod) -> evhttp_cmd_type {
        switch method {
        case .get: EVHTTP_REQ_GET
        case .head: EVHTTP_REQ_HEAD
        case .post: EVHTTP_REQ_POST
        case .put: EVHTTP_REQ_PUT
        case .patch: EVHTTP_REQ_PATCH
        case .delete: EVHTTP_REQ_DELETE
        case .options: EVHTTP_REQ_OPTIONS
        }
    }
}

/// Carries a completion through evhttp's `void *` argument, retained until the callback.
private final class ResponseBox {
    let completion: (Result<HTTPResponse, HTTPClientError>) -> Void

    init(_ completion: @escaping (Result<HTTPResponse, HTTPClientError>) -> Void) {
        self.completion = completion
    }

    func finish(_ request: OpaquePointer?) {
        guard let request, evhttp_request_get_response_code(request) != 0 else {
            return completion(.failure(HTTPClientError(description: "connection refused, reset or timed out")))
        }
        var headers: [(name: String, value: String)] = []
        var header = evhttp_request_get_input_headers(request)?.pointee.tqh_first
        while let current = header {
            headers.append((String(cString: current.pointee.key), String(cString: current.pointee.value)))
            header = current.pointee.next.tqe_next
        }
        var body: [UInt8] = []
        if let input = evhttp_request_get_input_buffer(request), evbuffer_get_length(input) > 0,
           let bytes = evbuffer_pullup(input, -1) {
            body = Array(UnsafeBufferPointer(start: bytes, count: evbuffer_get_length(input)))
        }
        completion(.success(HTTPResponse(status: Int(evhttp_request_get_response_code(request)), headers: headers, body: body)))
    }
}
