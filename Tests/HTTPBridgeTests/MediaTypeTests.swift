import XCTest
import HTTPBridge

final class MediaTypeTests: XCTestCase {
    func testJSONWithParametersCaseAndSpacesIsAccepted() {
        for value in ["application/json", "Application/JSON", "application/json; charset=utf-8",
                      "  application/json\t;charset=UTF-8", "application/problem+json", "APPLICATION/VND.API+JSON"] {
            XCTAssertTrue(MediaType.isJSON(value), value)
        }
    }

    func testOtherTypesAndNearMissesAreRefused() {
        for value in [nil, "", "text/plain", "application/jsonx", "application/+json", "text/x+json",
                      "application/xml; type=json", "application/js on", "json", "application/json+"] {
            XCTAssertFalse(MediaType.isJSON(value), value ?? "nil")
        }
    }
}
