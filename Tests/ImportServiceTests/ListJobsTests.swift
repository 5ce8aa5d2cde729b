import Foundation
import XCTest

/// GET /api/imports: the seed document's step 5, plus paging, filters and expiry.
final class ListJobsTests: ServiceTestCase {
    /// Creates `payloads` in order, a little apart so creation times differ; returns their ids.
    private func createJobs(_ payloads: [[String: Any]]) throws -> [String] {
        try payloads.map { payload in
            let id = try XCTUnwrap(createJob(payload).string("job_id"))
            Thread.sleep(forTimeInterval: 0.01)
            return id
        }
    }

    /// `{items, total, limit, offset}`, newest first, items equal to what redis stores.
    func testListShowsAllJobsNewestFirst() throws {
        let ids = try createJobs([Payloads.jira, Payloads.github, Payloads.gitlab])
        let list = try listJobs()
        XCTAssertEqual(list.int("total"), 3, JobDocument.text(list))
        XCTAssertEqual(list.int("limit"), 20)
        XCTAssertEqual(list.int("offset"), 0)
        XCTAssertEqual(list.itemIDs, ids.reversed(), "not newest first: \(list.items.map { $0["created_at"] ?? "" })")
        let times = list.items.compactMap { JobDocument.parseUTCTimestamp($0["created_at"]) }
        XCTAssertEqual(times.count, 3, "created_at missing or not ISO-8601")
        XCTAssertEqual(times, times.sorted(by: >), "created_at is not descending")
        for item in list.items {
            let id = item.string("job_id") ?? ""
            XCTAssertTrue(JobDocument.jsonEqual(item, storedJob(id)), "list item \(id) differs from redis")
        }
    }

    func testDefaultLimitIs20() throws {
        for _ in 0..<22 { try createJob(Payloads.github) }
        let list = try listJobs()
        XCTAssertEqual(list.int("limit"), 20)
        XCTAssertEqual(list.items.count, 20)
        XCTAssertEqual(list.int("total"), 22)
    }

    func testLimitAndOffsetPage() throws {
        let ids = try createJobs([Payloads.jira, Payloads.github, Payloads.gitlab])
        let page = try listJobs("limit=2&offset=1")
        XCTAssertEqual(page.itemIDs, [ids[1], ids[0]], JobDocument.text(page))
        XCTAssertEqual(page.int("total"), 3)
        XCTAssertEqual(page.int("limit"), 2)
        XCTAssertEqual(page.int("offset"), 1)
        let beyond = try listJobs("offset=10")
        XCTAssertEqual(beyond.items.count, 0)
        XCTAssertEqual(beyond.int("total"), 3)
    }

    /// limit above 100, negative offset and non-numeric limit are 422 problems.
    func testInvalidPagingIs422() throws {
        for query in ["limit=101", "limit=1000", "offset=-1", "limit=abc", "limit=-5"] {
            let response = try client.get("/api/imports?\(query)")
            let problem = assertProblem(response, status: 422, query)
            assertValidationError(problem, mentions: query.hasPrefix("limit") ? "limit" : "offset", query)
        }
        XCTAssertEqual(try listJobs("limit=100").int("limit"), 100, "limit=100 is allowed")
    }

    /// status and source_type filters, alone and together, with exact totals.
    func testFiltersReturnOnlyMatchingJobs() throws {
        let ids = try createJobs([Payloads.github, Payloads.jira, Payloads.github, Payloads.gitlab])
        let github = try listJobs("source_type=github")
        XCTAssertEqual(github.int("total"), 2, JobDocument.text(github))
        XCTAssertEqual(github.itemIDs, [ids[2], ids[0]])
        XCTAssertTrue(github.items.allSatisfy { $0.string("source_type") == "github" })

        let pending = try listJobs("status=pending")
        XCTAssertEqual(pending.int("total"), 4)
        XCTAssertEqual(Set(pending.itemIDs), Set(ids))

        let both = try listJobs("status=pending&source_type=github")
        XCTAssertEqual(both.int("total"), 2)
        XCTAssertEqual(both.itemIDs, [ids[2], ids[0]])

        let completed = try listJobs("status=completed")
        XCTAssertEqual(completed.int("total"), 0)
        XCTAssertEqual(completed.items.count, 0)

        let servicenow = try listJobs("source_type=servicenow&status=pending")
        XCTAssertEqual(servicenow.int("total"), 0)
    }

    /// A cancelled job (POST /api/imports/{id}/cancel) moves from the pending to the cancelled filter.
    func testStatusFilterFollowsCancel() throws {
        let ids = try createJobs([Payloads.github, Payloads.github, Payloads.jira])
        let cancel = try client.send("POST", "/api/imports/\(ids[0])/cancel")
        guard cancel.status == 200 else { return XCTFail("POST /api/imports/{id}/cancel: expected 200, got \(cancel)") }
        XCTAssertEqual(storedJob(ids[0])?.string("status"), "cancelled")

        let pendingGithub = try listJobs("status=pending&source_type=github")
        XCTAssertEqual(pendingGithub.itemIDs, [ids[1]], JobDocument.text(pendingGithub))
        XCTAssertEqual(pendingGithub.int("total"), 1)
        let cancelled = try listJobs("status=cancelled")
        XCTAssertEqual(cancelled.itemIDs, [ids[0]])
        XCTAssertEqual(cancelled.int("total"), 1)
        XCTAssertEqual(try listJobs().int("total"), 3)
    }

    /// `redis-cli DEL` of a job key removes it from items and totals, filtered or not.
    func testDeletedJobDisappearsFromItemsAndTotal() throws {
        let ids = try createJobs([Payloads.github, Payloads.github, Payloads.jira])
        redis.cli("DEL", JobDocument.key(ids[1]))
        let list = try listJobs()
        XCTAssertEqual(list.itemIDs, [ids[2], ids[0]], JobDocument.text(list))
        XCTAssertEqual(list.int("total"), 2)
        let github = try listJobs("source_type=github")
        XCTAssertEqual(github.itemIDs, [ids[0]])
        XCTAssertEqual(github.int("total"), 1)
        let pending = try listJobs("status=pending")
        XCTAssertEqual(pending.int("total"), 2)
    }

    /// A job whose key expired (`PEXPIRE key 1`) disappears from items and totals.
    func testExpiredJobDisappearsFromItemsAndTotal() throws {
        let ids = try createJobs([Payloads.gitlab, Payloads.gitlab, Payloads.gitlab])
        XCTAssertEqual(redis.cli("PEXPIRE", JobDocument.key(ids[0]), "1"), "1")
        Thread.sleep(forTimeInterval: 0.05)
        let list = try listJobs()
        XCTAssertEqual(list.itemIDs, [ids[2], ids[1]], JobDocument.text(list))
        XCTAssertEqual(list.int("total"), 2)
        let filtered = try listJobs("source_type=gitlab&status=pending&limit=1")
        XCTAssertEqual(filtered.int("total"), 2)
        XCTAssertEqual(filtered.itemIDs, [ids[2]])
    }
}
