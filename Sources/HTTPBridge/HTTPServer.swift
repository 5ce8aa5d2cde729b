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
    let connectionGuard: ConnectionGuard
    var date = HTTPDate()

    /// Requests received and not yet answered.
    public private(set) var requestsInFlight = 0
    /// Replies handed to evhttp whose last byte has not yet been written to the socket.
    public private(set) var repliesBeingWritten = 0
    /// Called each time the server becomes idle: every request answered and every reply written.
    public var onIdle: (() -> Void)?

    /// True when no request waits for an answer and no reply waits to be written.
    public var isIdle: Bool { requestsInFlight == 0 && repliesBeingWritten == 0 }

    /// Creates a server on `loop` with the given limits; `handler` receives every request.
    public init(loop: EventLoop, limits: HTTPLimits, handler: @escaping (HTTPRequest) -> Void) {
        loop.preconditionInEventLoop()
        guard let http = evhttp_new(loop.base) else { fatalError("evhttp_new failed") }
        self.loop = loop
        self.http = http
        self.handler = handler
        connectionGuard = ConnectionGuard(loop: loop, maximumConnections: limits.maxConnections,
                                          deadlineSeconds: limits.timeoutSeconds)
        evhttp_set_max_body_size(http, Int(limits.maxBodyBytes))
        evhttp_set_max_headers_size(http, Int(limits.maxHeaderBytes))
        evhttp_set_timeout(http, Int32(limits.timeoutSeconds))
        evhttp_set_allowed_methods(http, HTTPServer.allowedMethodMask)
        evhttp_set_bevcb(http, { _, context in
            guard let context else { return nil }
            return Unmanaged<HTTPServer>.fromOpaque(context).takeUnretainedValue().connectionGuard.makeBufferevent()
        }, Unmanaged.passUnretained(self).toOpaque())
        evhttp_set_gencb(http, { request, context in
            guard let request, let context else { return }
            Unmanaged<HTTPServer>.fromOpaque(context).takeUnretainedValue().accept(request)
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    deinit {
        evhttp_free(http)
    }

    /// Starts listening on `host:port`. With `sharingPort`, the socket sets SO_REUSEPORT so
    /// that several loops (threads) can each accept on the same port; the kernel spreads the
    /// connections. Without it, a port already in use is an error, as an operator expects.
    public func bind(host: String, port: Int, sharingPort: Bool = false) throws(HTTPServerError) {
        loop.preconditionInEventLoop()
        let failure = HTTPServerError(description: "cannot listen on \(host):\(port): address in use or not available")
        guard sharingPort else {
            guard let socket = evhttp_bind_socket_with_handle(http, host, UInt16(port)) else { throw failure }
            boundSocket = socket
            return
        }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE
        var addresses: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &addresses) == 0, let address = addresses else { throw failure }
        defer { freeaddrinfo(addresses) }
        let flags = UInt32(LEV_OPT_REUSEABLE | LEV_OPT_REUSEABLE_PORT | LEV_OPT_CLOSE_ON_FREE | LEV_OPT_CLOSE_ON_EXEC)
        guard let listener = evconnlistener_new_bind(loop.base, nil, nil, flags, -1, address.pointee.ai_addr,
                                                     Int32(address.pointee.ai_addrlen)) else { throw failure }
        guard let socket = evhttp_bind_listener(http, listener) else {
            evconnlistener_free(listener)
            throw failure
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
        let connection = evhttp_request_get_connection(request).flatMap { evhttp_connection_get_bufferevent($0) }
        connectionGuard.requestStarted(on: connection)
        handler(HTTPRequest(request: request, method: method, server: self, connection: connection))
    }

    /// Called by `HTTPRequest` right after it hands its reply to evhttp.
    func requestAnswered(replyPending: Bool) {
        requestsInFlight -= 1
        if replyPending { repliesBeingWritten += 1 }
        if isIdle { onIdle?() }
    }

    /// Called when evhttp has written a reply's last byte.
    func replyWritten() {
        repliesBeingWritten -= 1
        if isIdle { onIdle?() }
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
