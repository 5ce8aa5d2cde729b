import XCTest
import HTTPBridge

final class HTTPTargetTests: XCTestCase {
    func testPathAndQueryAreSplit() {
        let target = HTTPTarget("/api/imports?limit=5&status=pending")
        XCTAssertEqual(target.path, "/api/imports")
        XCTAssertEqual(target.queryValue("limit"), "5")
        XCTAssertEqual(target.queryValue("status"), "pending")
        XCTAssertNil(target.queryValue("offset"))
    }

    func testValuesArePercentDecoded() {
        let target = HTTPTarget("/x?name=a%20b+c&weird=%zz%4")
        XCTAssertEqual(target.queryValue("name"), "a b c")
        XCTAssertEqual(target.queryValue("weird"), "%zz%4")
    }

    func testFirstValueWinsAndBareNamesAreEmpty() {
        let target = HTTPTarget("/x?a=1&a=2&flag")
        XCTAssertEqual(target.queryValue("a"), "1")
        XCTAssertEqual(target.queryValue("flag"), "")
    }

    func testFragmentIsDroppedAndEmptyPathIsRoot() {
        XCTAssertEqual(HTTPTarget("/x#frag?a=1").path, "/x")
        XCTAssertEqual(HTTPTarget("/x#frag?a=1").query, [])
        XCTAssertEqual(HTTPTarget("").path, "/")
        XCTAssertEqual(HTTPTarget("?a=1").path, "/")
    }

    func testInvalidUTF8IsRepairedNotTrapped() {
        XCTAssertEqual(HTTPTarget("/x?a=%ff").queryValue("a"), "\u{FFFD}")
    }
}
