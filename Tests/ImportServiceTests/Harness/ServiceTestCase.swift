import Foundation
import XCTest

/// Base class for tests that talk to a running import-service.
///
/// Each subclass gets its own `ServiceFixture` (private redis + service on free ports), started
/// once in `class setUp()` and stopped in `class tearDown()`. Before every test the redis
/// database is flushed, redis is restarted if a test left it stopped, and a crashed service is
/// reported and restarted. Override `serviceEnvironment` to configure the service.
class ServiceTestCase: XCTestCase {
    /// Extra environment for this class's service (PORT and REDIS_URL are set by the harness).
    class var serviceEnvironment: [String: String] { [:] }

    nonisolated(unsafe) private static var fixtures: [ObjectIdentifier: Result<ServiceFixture, Error>] = [:]

    override class func setUp() {
        super.setUp()
        fixtures[ObjectIdentifier(self)] = Result { try ServiceFixture(environment: serviceEnvironment) }
    }

    override class func tearDown() {
        if case .success(let fixture) = fixtures.removeValue(forKey: ObjectIdentifier(self)) {
            fixture.stop()
        }
        super.tearDown()
    }

    override func setUpWithError() throws {
        try super.setUpWithError()
        let fixture = try self.fixture
        let redisWasDown = !fixture.redis.isRunning
        try fixture.redis.start()
        if let crash = try fixture.restartServiceIfDead() {
            XCTFail("service had crashed before this test: \(crash)")
        }
        if redisWasDown {
            // The service reconnects with backoff; start each test with it connected.
            let client = fixture.service.client
            poll(timeout: 5) { (try? client.get("/health"))?.status == 200 }
        }
        XCTAssertEqual(fixture.redis.cli("FLUSHALL"), "OK", "could not flush the test redis")
    }

    /// This class's fixture; throws the start-up error if it could not be started.
    var fixture: ServiceFixture {
        get throws {
            guard let result = Self.fixtures[ObjectIdentifier(type(of: self))] else {
                throw HarnessError("no fixture for \(type(of: self))")
            }
            return try result.get()
        }
    }

    /// The private redis of this class (valid after setUp succeeded).
    var redis: RedisServerProcess { try! fixture.redis }
    /// The service of this class (valid after setUp succeeded).
    var service: ServiceProcess { try! fixture.service }
    /// A client for the service.
    var client: HTTPClient { service.client }
}
