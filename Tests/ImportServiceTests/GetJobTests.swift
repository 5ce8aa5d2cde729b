import Foundation
import XCTest

/// GET /api/imports/{job_id}: the seed document's step 4.
final class GetJobTests: ServiceTestCase {
    /// The body equals `redis-cli GET import:job:{id}` (as parsed JSON).
    func testGetReturnsExactlyTheStoredDocument() throws {
        let created = try createJob(headers: [("X-Tenant-ID", "t-1")])
        let id = try XCTUnwrap(created.string("job_id"))
        let response = try client.get("/api/imports/\(id)")
        XCTAssertEqual(response.status, 200, "\(response)")
        XCTAssertEqual(response.mediaType, "application/json", "\(response)")
        let fetched = try response.jsonObject()
        let stored = try XCTUnwrap(storedJob(id), "job not in redis")
        XCTAssertTrue(JobDocument.jsonEqual(fetched, stored),
                      "GET body \(JobDocument.text(fetched)) != redis \(JobDocument.text(stored))")
        XCTAssertTrue(JobDocument.jsonEqual(fetched, created),
                      "GET body \(JobDocument.text(fetched)) != created \(JobDocument.text(created))")
    }

    func testUnknownUUIDIs404Problem() throws {
        let response = try client.get("/api/imports/\(UUID().uuidString.lowercased())")
        assertProblem(response, status: 404)
    }

    func testNonUUIDIdIs404() throws {
        assertProblem(try client.get("/api/imports/not-a-uuid"), status: 404, "not-a-uuid")
    }

    /// After `redis-cli DEL import:job:{id}` the API no longer finds the job.
    func testJobDeletedInRedisIs404() throws {
        let id = try XCTUnwrap(createJob().string("job_id"))
        XCTAssertEqual(redis.cli("DEL", JobDocument.key(id)), "1")
        assertProblem(try client.get("/api/imports/\(id)"), status: 404, "after DEL")
    }
}
