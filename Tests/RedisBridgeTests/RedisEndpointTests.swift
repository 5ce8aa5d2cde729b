import XCTest
@testable import RedisBridge

final class RedisEndpointTests: XCTestCase {
    func testDefaultsFillPortAndDatabase() throws {
        let endpoint = try RedisEndpoint(url: "redis://localhost")
        XCTAssertEqual(endpoint.address, .tcp(host: "localhost", port: 6379))
        XCTAssertEqual(endpoint.database, 0)
        XCTAssertNil(endpoint.password)
    }

    func testTheContractDefault() throws {
        let endpoint = try RedisEndpoint(url: "redis://localhost:6379/0")
        XCTAssertEqual(endpoint, RedisEndpoint(address: .tcp(host: "localhost", port: 6379), database: 0))
    }

    func testPasswordUserAndDatabase() throws {
        let endpoint = try RedisEndpoint(url: "redis://worker:s%40cret@10.0.0.5:6380/3")
        XCTAssertEqual(endpoint.address, .tcp(host: "10.0.0.5", port: 6380))
        XCTAssertEqual(endpoint.username, "worker")
        XCTAssertEqual(endpoint.password, "s@cret")
        XCTAssertEqual(endpoint.database, 3)
    }

    func testPasswordWithoutUser() throws {
        let endpoint = try RedisEndpoint(url: "redis://:pw@host")
        XCTAssertNil(endpoint.username)
        XCTAssertEqual(endpoint.password, "pw")
    }

    func testIPv6Host() throws {
        let endpoint = try RedisEndpoint(url: "redis://[::1]:7000/1")
        XCTAssertEqual(endpoint.address, .tcp(host: "::1", port: 7000))
        XCTAssertEqual(endpoint.redacted, "redis://[::1]:7000/1")
    }

    func testUnixSocketWithDatabase() throws {
        let endpoint = try RedisEndpoint(url: "unix:///run/redis/redis.sock?db=2")
        XCTAssertEqual(endpoint.address, .unix(path: "/run/redis/redis.sock"))
        XCTAssertEqual(endpoint.database, 2)
    }

    func testRedactedNeverShowsThePassword() throws {
        let endpoint = try RedisEndpoint(url: "redis://user:hunter2@host:1/0")
        XCTAssertFalse(endpoint.redacted.contains("hunter2"))
    }

    func testBadURLsAreRefusedWithAReason() {
        for url in ["notaurl", "http://localhost", "redis://", "redis://host:0", "redis://host:99999",
                    "redis://host:port", "redis://host/-1", "redis://host/x", "unix://relative.sock",
                    "unix:///tmp/r.sock?database=1", "redis://[::1", "redis://ho st"] {
            XCTAssertThrowsError(try RedisEndpoint(url: url), url)
        }
    }
}
