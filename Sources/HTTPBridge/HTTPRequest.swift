internal import CLibevent
import EventLoop

/// One HTTP request from evhttp, and the promise of exactly one reply to it.
///
/// A handler may answer at once or keep the request and answer later, for example from
/// a Redis reply callback. The first `respond` sends the reply and hands the C request back
/// to evhttp; later calls are ignored, and a request dropped unanswered is answered 500
/// in `deinit`, so a client is never left hanging.
public final class HTTPRequest {
    private var request: OpaquePointer?
    private let server: HTTPServer
    /// The connection's bufferevent, which the server's connection guard tracks.
    private let connection: OpaquePointer?

    /// The method of the request line.
    public let method: HTTPMethod
    /// The request target as sent: path and optional query, still percent-encoded.
    public let target: String
    /// The request body (empty when there is none).
    public let body: [UInt8]

    init(request: OpaquePointer, method: HTTPMethod, server: HTTPServer, connection: OpaquePointer?) {
        self.request = request
        self.method = method
        self.server = server
        self.connection = connection
        self.target = evhttp_request_get_uri(request).map { String(cString: $0) } ?? "/"
        self.body = HTTPRequest.copyBody(of: request)
    }

    deinit {
        if request != nil {
            addHeader("Content-Type", "text/plain")
            respond(status: 500, body: "unanswered request\n")
        }
    }

    /// The value of the first header called `name` (case-insensitive), or nil.
    /// Only available until the reply is sent.
    /// Names are static strings: a short Swift String passed to C is copied into a fresh
    /// allocation on every call, and header names are looked up on every request.
    public func header(_ name: StaticString) -> String? {
        guard let request else { return nil }
        return name.withUTF8Buffer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { name in
                evhttp_find_header(evhttp_request_get_input_headers(request), name.baseAddress)
            }
        }.map { String(cString: $0) }
    }

    /// Adds a response header; call before `respond`. Ignored once the reply is sent.
    public func addHeader(_ name: StaticString, _ value: String) {
        guard let request else { return }
        // withCString lends a native string's own bytes; passing `value` directly would copy it
        // into a fresh allocation (utf8CString) for every header of every reply.
        name.withUTF8Buffer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { name in
                _ = value.withCString { evhttp_add_header(evhttp_request_get_output_headers(request), name.baseAddress, $0) }
            }
        }
    }

    /// Sends the reply with the headers added so far and a text body. Only the first call
    /// has any effect.
    public func respond(status: Int, body: String) {
        var body = body
        body.withUTF8 { respond(status: status, bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Sends the reply with the headers added so far and a body of raw bytes. Only the first
    /// call has any effect.
    public func respond(status: Int, bytes: UnsafeRawBufferPointer) {
        server.loop.preconditionInEventLoop()
        guard let request else { return }
        self.request = nil
        if let base = bytes.baseAddress, !bytes.isEmpty {
            evbuffer_add(evhttp_request_get_output_buffer(request), base, bytes.count)
        }
        // evhttp reports when the reply is fully written, so shutdown can wait for the bytes
        // and not only for the answer. A request whose client already left is freed at once
        // by evhttp_send_reply, with no such report.
        let replyPending = evhttp_request_get_connection(request) != nil
        if replyPending {
            evhttp_request_set_on_complete_cb(request, { _, server in
                guard let server else { return }
                Unmanaged<HTTPServer>.fromOpaque(server).takeUnretainedValue().replyWritten()
            }, Unmanaged.passUnretained(server).toOpaque())
        }
        server.date.add(to: evhttp_request_get_output_headers(request))
        evhttp_send_reply(request, Int32(status), nil, nil)
        server.requestAnswered(replyPending: replyPending)
        server.connectionGuard.requestAnswered(on: connection)
    }

    private static func copyBody(of request: OpaquePointer) -> [UInt8] {
        guard let input = evhttp_request_get_input_buffer(request) else { return [] }
        let length = evbuffer_get_length(input)
        guard length > 0, let bytes = evbuffer_pullup(input, -1) else { return [] }
        return Array(UnsafeBufferPointer(start: bytes, count: length))
    }
}
