internal import CLibevent
import EventLoop

/// Why the server could not start listening.
public struct HTTPServerError: Error, CustomStringConvertible {
    /// A one-line explanation for the operator.
    public let description: String
}

/// An evhttp server on an `EventLoop`, handing each request to one Swift closure.
public final class HTTPServer {
    let loop: EventLoop
    private let http: OpaquePointer
    private var boundSocket: OpaquePointer?
    private let handler: (HTTPRequest) -> Void

    /// Requests received and not yet answered.
    public private(set) var requestsInFlight = 0
    /// Called each time the number of requests in flight drops to zero.
    public var onIdle: (() -> Void)?

    /// Creates a server on `loop` with the given limits; `handler` receives every request.
    public init(loop: EventLoop, limits: HTTPLimits, handler: @escaping (HTTPRequest) -> Void) {
        loop.preconditionInEventLoop()
        guard let http = evhttp_new(loop.base) else { fatalError("evhttp_new failed") }
        self.loop = loop
        self.http = http
        self.handler = handler
        evhttp_set_max_body_size(http, Int(limits.maxBodyBytes))
        evhttp_set_max_headers_size(http, Int(limits.maxHeaderBytes))
        evhttp_set_timeout(http, Int32(limits.timeoutSeconds))
        evhttp_set_allowed_methods(http, HTTPServer.allowedMethodMask)
        evhttp_set_gencb(http, { request, context in
            guard let request, let context else { return }
            Unmanaged<HTTPServer>.fromOpaque(context).takeUnretainedValue().accept(request)
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    deinit {
        evhttp_free(http)
    }

    /// Starts listening on `host:port`.
    public func bind(host: String, port: Int) throws(HTTPServerError) {
        loop.preconditionInEventLoop()
        guard let socket = evhttp_bind_socket_with_handle(http, host, UInt16(port)) else {
            throw HTTPServerError(description: "cannot listen on \(host):\(port): address in use or not available")
        }
        boundSocket = socket
    }

    /// Stops accepting new connections; requests already received still get their replies.
    public func stopAccepting() {
        loop.preconditionInEventLoop()
        if let socket = boundSocket {
            evhttp_del_accept_socket(http, socket)
            boundSocket = nil
        }
    }

    private func accept(_ request: OpaquePointer) {
        let command = evhttp_request_get_command(request)
        guard let method = HTTPServer.method(of: command) else {
            evhttp_send_error(request, 501, nil)
            return
        }
        requestsInFlight += 1
        handler(HTTPRequest(request: request, method: method, server: self))
    }

    func requestFinished() {
        requestsInFlight -= 1
        if requestsInFlight == 0 { onIdle?() }
    }

    private static let methodsByCommand: [(evhttp_cmd_type, HTTPMethod)] = [
        (EVHTTP_REQ_GET, .get), (EVHTTP_REQ_HEAD, .head), (EVHTTP_REQ_POST, .post),
        (EVHTTP_REQ_PUT, .put), (EVHTTP_REQ_PATCH, .patch), (EVHTTP_REQ_DELETE, .delete),
        (EVHTTP_REQ_OPTIONS, .options),
    ]

    private static let allowedMethodMask = UInt16(methodsByCommand.reduce(0) { $0 | $1.0.rawValue })

    private static func method(of command: evhttp_cmd_type) -> HTTPMethod? {
        methodsByCommand.first { $0.0 == command }?.1
    }
}
