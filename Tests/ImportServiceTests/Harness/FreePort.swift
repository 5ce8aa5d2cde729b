import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// TCP port helpers for starting servers on ports nobody else uses.
enum FreePort {
    /// A port that was free a moment ago: binds 127.0.0.1:0, reads the port, closes.
    static func find() throws -> UInt16 {
        let socket = try ListeningSocket(port: 0)
        return socket.port
    }

    /// Whether something on 127.0.0.1:`port` accepts a TCP connection right now.
    static func isAccepting(port: UInt16) -> Bool {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = SocketAddress.loopback(port: port)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        return result == 0
    }
}

/// Builders for IPv4 socket addresses.
enum SocketAddress {
    /// 127.0.0.1:`port`.
    static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}

/// A TCP socket bound to 127.0.0.1 and listening, held open until `close()` or deinit.
///
/// Used to find free ports and to occupy a port on purpose (to test "port already in use").
final class ListeningSocket {
    /// The bound port.
    let port: UInt16
    private var fd: Int32

    /// Binds 127.0.0.1:`port` (0 picks a free one) and listens.
    init(port: UInt16) throws {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw HarnessError("socket(): \(String(cString: strerror(errno)))") }
        var address = SocketAddress.loopback(port: port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            let message = String(cString: strerror(errno))
            Glibc.close(fd)
            throw HarnessError("bind/listen on port \(port): \(message)")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.fd = fd
        self.port = UInt16(bigEndian: actual.sin_port)
    }

    /// Closes the socket (idempotent).
    func close() {
        if fd >= 0 { Glibc.close(fd); fd = -1 }
    }

    deinit { close() }
}

/// A harness failure with a human-readable message.
struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
