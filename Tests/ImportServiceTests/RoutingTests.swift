import Foundation
import XCTest

/// Unknown routes, wrong methods, health, and malformed requests.
final class RoutingTests: ServiceTestCase {
    func testUnknownRouteIs404Problem() throws {
        for path in ["/", "/api", "/api/unknown", "/api/imports/\(UUID().uuidString.lowercased())/nothing"] {
            assertProblem(try client.get(path), status: 404, "GET \(path)")
        }
    }

    /// Found by the request-target fuzzer: a route matcher that trimmed the trailing "/" as a
    /// Character also dropped a combining U+0600 before it, serving these paths as real routes.
    func testTrailingSlashAfterACombiningCharacterIsNotARoute() throws {
        for path in ["/openapi.json\u{0600}/", "/api/imports\u{0600}/", "/health\u{0600}/"] {
            let response = try XCTUnwrap(try client.sendRaw(Data("GET \(path) HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n".utf8)))
            XCTAssertEqual(response.status, 404, "GET \(path.unicodeScalars.map { $0.escaped(asASCII: true) }.joined())")
        }
    }

    /// PUT /api/imports and POST /health are 405 with an `Allow` header naming the real methods.
    func testWrongMethodIs405WithAllow() throws {
        let put = try client.send("PUT", "/api/imports", headers: [("Content-Type", "application/json")], body: Data("{}".utf8))
        assertProblem(put, status: 405, "PUT /api/imports")
        let allow = (put.header("Allow") ?? "").uppercased()
        XCTAssertTrue(allow.contains("GET") && allow.contains("POST"), "Allow for /api/imports: \(put)")
        XCTAssertEqual(redis.dbsize(), 0, "a 405 wrote to redis")

        let postHealth = try client.send("POST", "/health")
        assertProblem(postHealth, status: 405, "POST /health")
        XCTAssertTrue((postHealth.header("Allow") ?? "").uppercased().contains("GET"), "Allow for /health: \(postHealth)")
    }

    func testHealthIsOK() throws {
        let response = try client.get("/health")
        XCTAssertEqual(response.status, 200, "\(response)")
        XCTAssertEqual(response.mediaType, "application/json", "\(response)")
        let body = try response.jsonObject()
        XCTAssertEqual(body.string("status"), "ok")
        XCTAssertEqual(body.string("redis"), "ok")
    }

    /// Garbage instead of HTTP gets a 400 or a closed connection, never a hang, and the service
    /// keeps serving.
    func testMalformedRequestIsRejectedWithoutHangingOrCrashing() throws {
        let garbage = ["THIS IS NOT HTTP\r\n\r\n", "GET /health HTTP/1.1\r\nBroken header line\r\n\r\n",
                       "POST /api/imports HTTP/1.1\r\nContent-Length: nope\r\n\r\n{}"]
        for text in garbage {
            var raw = client
            raw.timeout = 3
            if let response = try raw.sendRaw(Data(text.utf8)) {
                XCTAssertTrue((400..<500).contains(response.status), "\(text.debugDescription): \(response)")
            }
            XCTAssertTrue(service.isRunning, "service died on \(text.debugDescription): \(service.child.stderrTail())")
            XCTAssertEqual(try client.get("/health").status, 200, "service unhealthy after \(text.debugDescription)")
        }
    }
}
