import Foundation
import XCTest

/// HTTP_TIMEOUT_SECONDS=1, MAX_CONNECTIONS=4: a client trickling its request is cut off even
/// though it sends a byte every 200 ms, and connections over the cap are closed, while a
/// normal client is still served.
final class OpsConnectionLimitTests: ServiceTestCase {
    override class var serviceEnvironment: [String: String] { ["HTTP_TIMEOUT_SECONDS": "1", "MAX_CONNECTIONS": "4"] }

    /// Reads until EOF or `seconds` pass; true when the server closed the connection.
    private func closedByServer(_ connection: TCPConnection, within seconds: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            switch connection.read(maxBytes: 4096) {
            case .endOfStream, .failed: return true
            case .data, .wouldBlock: Thread.sleep(forTimeInterval: 0.02)
            }
        }
        return false
    }

    func testClientSendingOneByteAtATimeIsCutOff() throws {
        let connection = try TCPConnection(port: service.port, timeout: 0.05)
        let request = Data("GET /health HTTP/1.1\r\nHost: test\r\nX-Slow: \(String(repeating: "a", count: 60))".utf8)
        let start = Date()
        var cut = false
        for byte in request {
            if !connection.writeAll(Data([byte])) || closedByServer(connection, within: 0.2) {
                cut = true
                break
            }
        }
        let seconds = Date().timeIntervalSince(start)
        XCTAssertTrue(cut, "a trickling client was never cut off")
        XCTAssertLessThan(seconds, 3, "cut off only after \(seconds) s with HTTP_TIMEOUT_SECONDS=1")
        XCTAssertEqual(try client.get("/health").status, 200, "the service still serves others")
    }

    func testConnectionsOverTheCapAreClosed() throws {
        let idle = try (0..<8).map { _ in try TCPConnection(port: service.port, timeout: 0.05) }
        Thread.sleep(forTimeInterval: 0.5)
        let closed = idle.filter { closedByServer($0, within: 0.1) }.count
        XCTAssertGreaterThanOrEqual(closed, 4, "with MAX_CONNECTIONS=4, 8 idle connections: \(closed) closed")
        idle.forEach { $0.close() }
        let served = poll(timeout: 3) { (try? self.client.get("/health"))?.status == 200 }
        XCTAssertTrue(served, "once the idle connections are gone, a new client is served")
    }
}
