import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A tiny blocking HTTP/1.1 client over POSIX sockets, one connection per request.
///
/// Every request sends `Connection: close`. Reads are bounded by `timeout`, so a hung server
/// fails the test with an error instead of hanging the suite.
struct HTTPClient: Sendable {
    /// The server's port on 127.0.0.1.
    let port: UInt16
    /// Seconds to wait for the whole response.
    var timeout: TimeInterval = 5

    /// Sends `method path` with `headers` and `body`; adds Host, Connection: close and
    /// Content-Length (when a body is given, or for POST/PUT/PATCH) unless already present.
    func send(_ method: String, _ path: String, headers: [(String, String)] = [], body: Data? = nil) throws -> HTTPResponse {
        var head = "\(method) \(path) HTTP/1.1\r\n"
        let names = Set(headers.map { $0.0.lowercased() })
        if !names.contains("host") { head += "Host: 127.0.0.1:\(port)\r\n" }
        if !names.contains("connection") { head += "Connection: close\r\n" }
        if !names.contains("content-length"), body != nil || ["POST", "PUT", "PATCH"].contains(method) {
            head += "Content-Length: \(body?.count ?? 0)\r\n"
        }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        var bytes = Data(head.utf8)
        if let body { bytes.append(body) }
        guard let response = try exchange(bytes, method: method) else {
            throw HarnessError("\(method) \(path): connection closed without a response")
        }
        return response
    }

    /// GET `path`.
    func get(_ path: String, headers: [(String, String)] = []) throws -> HTTPResponse {
        try send("GET", path, headers: headers)
    }

    /// POST `object` serialized as JSON with `Content-Type: application/json` plus `headers`.
    func postJSON(_ path: String, _ object: Any, headers: [(String, String)] = []) throws -> HTTPResponse {
        let body = try JSONSerialization.data(withJSONObject: object)
        return try send("POST", path, headers: [("Content-Type", "application/json")] + headers, body: body)
    }

    /// Sends `bytes` verbatim; returns the response, or nil if the server closed the
    /// connection without answering.
    func sendRaw(_ bytes: Data) throws -> HTTPResponse? {
        try exchange(bytes, method: "GET")
    }

    /// Writes `bytes`, then reads one response until it is complete, EOF or the deadline.
    private func exchange(_ bytes: Data, method: String) throws -> HTTPResponse? {
        let deadline = Date().addingTimeInterval(timeout)
        let connection = try TCPConnection(port: port, timeout: timeout)
        defer { connection.close() }
        // A server may answer (413, 400) and close before reading everything: ignore write
        // errors and still read whatever response it sent.
        connection.writeAll(bytes)

        var buffer = Data()
        while true {
            if let response = try HTTPResponseParser.parse(buffer, method: method, atEOF: false) {
                return response
            }
            switch connection.read(maxBytes: 65536) {
            case .data(let chunk):
                buffer.append(chunk)
            case .endOfStream:
                if buffer.isEmpty { return nil }
                return try HTTPResponseParser.parse(buffer, method: method, atEOF: true)
            case .wouldBlock:
                if Date() >= deadline {
                    throw HarnessError("no complete response within \(timeout) s (received \(buffer.count) bytes: "
                        + "\(String(decoding: buffer, as: UTF8.self).prefix(200)))")
                }
            case .failed(let message):
                if buffer.isEmpty { return nil }
                if let response = try? HTTPResponseParser.parse(buffer, method: method, atEOF: true) { return response }
                throw HarnessError("read failed: \(message)")
            }
        }
    }
}

/// A connected TCP socket to 127.0.0.1 with send/receive timeouts.
final class TCPConnection {
    /// Result of one read.
    enum ReadResult {
        case data(Data)
        case endOfStream
        case wouldBlock
        case failed(String)
    }

    private var fd: Int32

    /// Connects to 127.0.0.1:`port`; reads time out after at most `timeout` seconds each.
    init(port: UInt16, timeout: TimeInterval) throws {
        fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw HarnessError("socket(): \(String(cString: strerror(errno)))") }
        let step = min(timeout, 0.25)
        var interval = timeval(tv_sec: Int(step), tv_usec: Int((step - Double(Int(step))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        var sendInterval = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &sendInterval, socklen_t(MemoryLayout<timeval>.size))
        var address = SocketAddress.loopback(port: port)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let message = String(cString: strerror(errno))
            close()
            throw HarnessError("connect to 127.0.0.1:\(port): \(message)")
        }
    }

    /// Writes all of `data`; returns false if the peer stopped accepting bytes.
    @discardableResult
    func writeAll(_ data: Data) -> Bool {
        data.withUnsafeBytes { raw -> Bool in
            guard let base = raw.baseAddress else { return true }
            var offset = 0
            while offset < raw.count {
                let written = Glibc.send(fd, base + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }

    /// Reads up to `maxBytes`.
    func read(maxBytes: Int) -> ReadResult {
        var chunk = [UInt8](repeating: 0, count: maxBytes)
        let count = recv(fd, &chunk, maxBytes, 0)
        if count > 0 { return .data(Data(chunk[0..<count])) }
        if count == 0 { return .endOfStream }
        if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { return .wouldBlock }
        return .failed(String(cString: strerror(errno)))
    }

    /// Closes the socket (idempotent).
    func close() {
        if fd >= 0 { Glibc.close(fd); fd = -1 }
    }

    deinit { close() }
}
