import Foundation
import XCTest

/// `X-Tenant-ID` scopes every request: another tenant's job is 404 and absent from lists.
final class TenantIsolationTests: LifecycleTestCase {
    private let acme = [("X-Tenant-ID", "acme")]
    private let globex = [("X-Tenant-ID", "globex")]

    func testAnotherTenantsJobIsInvisibleAndUntouchable() throws {
        let acmeJob = try createJob(Payloads.github, headers: acme)
        let acmeID = try XCTUnwrap(acmeJob.string("job_id"))
        XCTAssertEqual(acmeJob.string("tenant_id"), "acme")
        let globexJob = try createJob(Payloads.github, headers: globex)
        let globexID = try XCTUnwrap(globexJob.string("job_id"))
        XCTAssertEqual(globexJob.string("tenant_id"), "globex")
        let untenanted = try XCTUnwrap(try createJob(Payloads.github).string("job_id"))
        let acmeBefore = redis.cli("GET", JobDocument.key(acmeID))

        // globex cannot see or change acme's job.
        assertProblem(try getJob(acmeID, headers: globex), status: 404, "globex GET of acme's job")
        assertProblem(try patch(acmeID, ["status": "processing"], headers: globex), status: 404,
                      "globex PATCH of acme's job")
        assertProblem(try patch(acmeID, ["progress": ["total_items": 1, "processed_items": 1]], headers: globex),
                      status: 404, "globex progress PATCH of acme's job")
        assertProblem(try cancel(acmeID, headers: globex), status: 404, "globex cancel of acme's job")
        assertProblem(try delete(acmeID, headers: globex), status: 404, "globex DELETE of acme's job")
        assertProblem(try getJob(untenanted, headers: globex), status: 404, "globex GET of a job without tenant")
        XCTAssertEqual(redis.cli("EXISTS", JobDocument.key(acmeID)), "1", "acme's job is gone after globex's requests")
        XCTAssertEqual(redis.cli("GET", JobDocument.key(acmeID)), acmeBefore, "globex's requests changed acme's job")
        assertIndexed(acmeID, status: "pending", sourceType: "github", tenant: "acme", "acme's job after globex")

        // globex's lists hold only globex's job, with matching totals.
        for query in ["", "status=pending", "source_type=github", "status=pending&source_type=github"] {
            let page = try list(query, headers: globex)
            XCTAssertEqual(page.itemIDs, [globexID], "globex list ?\(query): \(JobDocument.text(page))")
            XCTAssertEqual(page.int("total"), 1, "globex total ?\(query)")
        }
        // Without a tenant header every job is listed.
        let all = try list()
        XCTAssertEqual(Set(all.itemIDs), [acmeID, globexID, untenanted], JobDocument.text(all))
        XCTAssertEqual(all.int("total"), 3)
        XCTAssertEqual(try list("source_type=github").int("total"), 3)

        // acme itself sees and changes its job; the tenant index copies follow the status.
        XCTAssertEqual(try getJob(acmeID, headers: acme).status, 200)
        try patchOK(acmeID, ["status": "processing"], headers: acme)
        assertIndexed(acmeID, status: "processing", sourceType: "github", tenant: "acme", "acme after processing")
        XCTAssertNil(zscore("import:tenant:{globex}:jobs:created", acmeID))
        XCTAssertNil(zscore("import:tenant:{acme}:jobs:created", globexID))
        XCTAssertNotNil(zscore("import:tenant:{globex}:jobs:created", globexID))
        XCTAssertEqual(try list("status=processing", headers: acme).itemIDs, [acmeID])
        XCTAssertEqual(try list("status=processing", headers: globex).int("total"), 0)

        // acme deletes its job; globex's job stays.
        XCTAssertEqual(try delete(acmeID, headers: acme).status, 204)
        XCTAssertEqual(redis.cli("EXISTS", JobDocument.key(acmeID)), "0")
        assertNotIndexed(acmeID, sourceType: "github", tenant: "acme", "after acme's DELETE")
        XCTAssertEqual(try list("", headers: globex).itemIDs, [globexID])
    }
}
