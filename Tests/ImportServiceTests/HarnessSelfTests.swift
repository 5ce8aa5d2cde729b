import Foundation
import XCTest

/// Checks of the harness itself (HTTP response parser, JSON and timestamp helpers; no server
/// needed), so that a harness bug is not mistaken for a server bug.
final class HarnessSelfTests: XCTestCase {
    private func parse(_ text: String, method: String = "GET", atEOF: Bool = false) throws -> HTTPResponse? {
        try HTTPResponseParser.parse(Data(text.utf8), method: method, atEOF: atEOF)
    }

    func testContentLengthBodyIsCompleteOnlyWhenAllBytesArrived() throws {
        let head = "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nLocation: /x\r\nContent-Length: 7\r\n\r\n"
        XCTAssertNil(try parse(head + "{\"a\":"))
        let response = try XCTUnwrap(try parse(head + "{\"a\":1}"))
        XCTAssertEqual(response.status, 201)
        XCTAssertEqual(response.reason, "Created")
        XCTAssertEqual(response.header("location"), "/x")
        XCTAssertEqual(response.header("CONTENT-TYPE"), "application/json")
        XCTAssertEqual(response.text, "{\"a\":1}")
        XCTAssertThrowsError(try parse(head + "{\"a\":", atEOF: true))
    }

    func testChunkedBodyIsDechunked() throws {
        let head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        XCTAssertNil(try parse(head + "4;ext=1\r\nWiki\r\n5\r\npedia\r\n"))
        XCTAssertNil(try parse(head + "4\r\nWiki\r\n0\r\n"))
        XCTAssertEqual(try parse(head + "4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n")?.text, "Wikipedia")
        XCTAssertEqual(try parse(head + "4\r\nWiki\r\n0\r\nX-Trailer: 1\r\n\r\n")?.text, "Wiki")
    }

    func testBodilessAndReadToEOFResponses() throws {
        XCTAssertEqual(try parse("HTTP/1.1 204 No Content\r\n\r\n")?.body.count, 0)
        XCTAssertNil(try parse("HTTP/1.1 200 OK\r\n\r\npartial"))
        XCTAssertEqual(try parse("HTTP/1.1 200 OK\r\n\r\nall of it", atEOF: true)?.text, "all of it")
        XCTAssertEqual(try parse("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")?.status, 200)
    }

    func testJSONEqualityComparesValuesNotSpelling() throws {
        let a = try JSONSerialization.jsonObject(with: Data(#"{"x":1,"y":[null,"s",0.5],"z":{"p":0}}"#.utf8))
        let b = try JSONSerialization.jsonObject(with: Data(#"{"z":{"p":0.0},"y":[null,"s",0.5],"x":1.0}"#.utf8))
        let c = try JSONSerialization.jsonObject(with: Data(#"{"z":{"p":0},"y":[null,"s",0.5],"x":2}"#.utf8))
        XCTAssertTrue(JobDocument.jsonEqual(a, b))
        XCTAssertFalse(JobDocument.jsonEqual(a, c))
        XCTAssertFalse(JobDocument.jsonEqual(["k": NSNull()], ["k": "null"]))
        XCTAssertFalse(JobDocument.jsonEqual(["k": 1], [:] as [String: Any]))
    }

    func testTimestampAndUUIDChecks() {
        XCTAssertNotNil(JobDocument.parseUTCTimestamp("2024-01-03T10:30:00Z"))
        XCTAssertNotNil(JobDocument.parseUTCTimestamp("2024-01-03T10:30:00.123456Z"))
        XCTAssertNotNil(JobDocument.parseUTCTimestamp("2024-01-03T10:30:00+00:00"))
        XCTAssertNil(JobDocument.parseUTCTimestamp("2024-01-03T10:30:00+02:00"))
        XCTAssertNil(JobDocument.parseUTCTimestamp("2024-01-03 10:30:00"))
        XCTAssertTrue(JobDocument.isLowercaseUUID("12345678-1234-1234-1234-123456789abc"))
        XCTAssertFalse(JobDocument.isLowercaseUUID("12345678-1234-1234-1234-123456789ABC"))
        XCTAssertFalse(JobDocument.isLowercaseUUID("not-a-uuid"))
    }
}
