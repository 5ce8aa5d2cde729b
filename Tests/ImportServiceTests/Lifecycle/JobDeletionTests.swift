import Foundation
import XCTest

/// DELETE /api/imports/{job_id}: 204, then no trace of the job anywhere in Redis.
final class JobDeletionTests: LifecycleTestCase {
    func testDeleteRemovesTheKeyAndEveryIndexEntry() throws {
        let tenant = [("X-Tenant-ID", "acme")]
        let job = try createJob(inStatus: "processing", payload: Payloads.jira, headers: tenant)
        let id = try XCTUnwrap(job.string("job_id"))
        let bystander = try XCTUnwrap(try createJob(Payloads.jira, headers: tenant).string("job_id"))
        assertIndexed(id, status: "processing", sourceType: "jira", tenant: "acme", "before DELETE")
        XCTAssertEqual(redis.cli("HEXISTS", "import:jobs:indexes", id), "1", "setup: registry entry")

        let response = try delete(id)
        XCTAssertEqual(response.status, 204, "DELETE /api/imports/\(id): \(response)")
        XCTAssertTrue(response.body.isEmpty, "204 with a body: \(response)")

        XCTAssertEqual(redis.cli("EXISTS", JobDocument.key(id)), "0", "the job key is still there")
        assertNotIndexed(id, sourceType: "jira", tenant: "acme", "after DELETE")
        let contents = redisContents()
        XCTAssertFalse(contents.text.contains(id), "the id is still somewhere in redis: keys \(contents.keys)")

        assertProblem(try getJob(id), status: 404, "GET after DELETE")
        assertProblem(try delete(id), status: 404, "DELETE again")
        assertProblem(try patch(id, ["status": "completed"]), status: 404, "PATCH after DELETE")
        assertProblem(try cancel(id), status: 404, "cancel after DELETE")
        XCTAssertEqual(redis.cli("EXISTS", JobDocument.key(id)), "0", "a request after DELETE recreated the key")

        // The other job is untouched and the lists no longer count the deleted one.
        assertIndexed(bystander, status: "pending", sourceType: "jira", tenant: "acme", "bystander")
        let all = try list()
        XCTAssertEqual(all.itemIDs, [bystander], JobDocument.text(all))
        XCTAssertEqual(all.int("total"), 1)
        XCTAssertEqual(try list("status=processing").int("total"), 0)
        XCTAssertEqual(try list("", headers: tenant).int("total"), 1)
        XCTAssertEqual(try list("status=processing&source_type=jira", headers: tenant).int("total"), 0)
    }

    /// A job without a tenant, in a final status, is deleted the same way; a non-UUID is 404.
    func testDeleteFinalJobWithoutTenant() throws {
        let job = try createJob(inStatus: "completed", payload: Payloads.gitlab)
        let id = try XCTUnwrap(job.string("job_id"))
        XCTAssertEqual(try delete(id).status, 204)
        XCTAssertEqual(redis.cli("EXISTS", JobDocument.key(id)), "0")
        assertNotIndexed(id, sourceType: "gitlab", tenant: nil, "after DELETE")
        XCTAssertEqual(redis.dbsize(), 0, "keys left after deleting the only job: \(redisContents().keys)")
        assertProblem(try delete("not-a-uuid"), status: 404, "DELETE of a non-UUID id")
    }
}
