import Foundation
import XCTest

/// Expired job keys disappear from filtered lists, their totals, and the index sets.
final class JobExpiryTests: LifecycleTestCase {
    /// Creates `payloads` a few ms apart (distinct creation scores); returns their ids in order.
    private func createJobs(_ payloads: [[String: Any]]) throws -> [String] {
        try payloads.map { payload in
            let id = try XCTUnwrap(createJob(payload).string("job_id"))
            Thread.sleep(forTimeInterval: 0.003)
            return id
        }
    }

    /// 3 github + 2 jira jobs; two github keys expire (PEXPIRE 1): the github totals are 1,
    /// and the expired ids are gone from the github index sets.
    func testFilteredTotalsExcludeExpiredJobs() throws {
        let ids = try createJobs([Payloads.github, Payloads.jira, Payloads.github, Payloads.jira, Payloads.github])
        let github = [ids[0], ids[2], ids[4]]
        let expired = [github[0], github[2]]
        for id in expired { XCTAssertEqual(redis.cli("PEXPIRE", JobDocument.key(id), "1"), "1") }
        Thread.sleep(forTimeInterval: 0.05)

        let bySource = try list("source_type=github")
        XCTAssertEqual(bySource.int("total"), 1, "?source_type=github: \(JobDocument.text(bySource))")
        XCTAssertEqual(bySource.itemIDs, [github[1]])
        let both = try list("status=pending&source_type=github")
        XCTAssertEqual(both.int("total"), 1, "?status=pending&source_type=github: \(JobDocument.text(both))")
        XCTAssertEqual(both.itemIDs, [github[1]])
        for id in expired {
            XCTAssertNil(zscore("import:jobs:source:github", id), "expired \(id) still in import:jobs:source:github")
            XCTAssertNil(zscore("import:jobs:status:pending:source:github", id),
                         "expired \(id) still in import:jobs:status:pending:source:github")
        }
        XCTAssertEqual(try list("source_type=jira").int("total"), 2)
        XCTAssertEqual(try list().int("total"), 3)
        XCTAssertEqual(try list("status=pending").int("total"), 3)
        for id in expired { assertNotIndexed(id, sourceType: "github", tenant: nil, "expired job after lists") }
    }

    /// The total must not count expired jobs that are outside the requested page either:
    /// the first list call after the expiry asks for one item only (or a page past the end).
    /// Keys shortened or deleted behind the service's back (redis-cli PEXPIRE/DEL) are not in
    /// the expiry schedule: a list page that reaches them forgets them, and from then on every
    /// total is exact. (Keys expiring through the service's own TTL are exact at once; see
    /// ShortTTLExpiryTests.)
    func testExpiredBehindTheServicesBackIsForgottenOnceAPageReachesIt() throws {
        let ids = try createJobs([Payloads.github, Payloads.github, Payloads.jira, Payloads.github])
        for id in [ids[0], ids[1]] { XCTAssertEqual(redis.cli("PEXPIRE", JobDocument.key(id), "1"), "1") }
        Thread.sleep(forTimeInterval: 0.05)

        let everything = try list("source_type=github&limit=100")
        XCTAssertEqual(everything.itemIDs, [ids[3]])
        XCTAssertEqual(everything.int("total"), 1, JobDocument.text(everything))
        let firstPage = try list("source_type=github&limit=1")
        XCTAssertEqual(firstPage.int("total"), 1, JobDocument.text(firstPage))
        let pastTheEnd = try list("status=pending&offset=10")
        XCTAssertEqual(pastTheEnd.int("total"), 2, JobDocument.text(pastTheEnd))
        for id in [ids[0], ids[1]] {
            XCTAssertEqual(redis.cli("ZSCORE", "import:jobs:created", id), "", "forgotten from import:jobs:created")
        }
    }
}

/// With JOB_TTL_SECONDS=1 jobs expire through the service's own TTL: lists and the periodic
/// sweep forget them.
final class ShortTTLExpiryTests: LifecycleTestCase {
    override class var serviceEnvironment: [String: String] { ["JOB_TTL_SECONDS": "1"] }

    private func createThreeAndWaitForExpiry() throws -> [String] {
        let ids = try [Payloads.github, Payloads.jira, Payloads.gitlab].map { try XCTUnwrap(createJob($0).string("job_id")) }
        for id in ids { XCTAssertLessThanOrEqual(ttl(JobDocument.key(id)), 1, "TTL with JOB_TTL_SECONDS=1") }
        XCTAssertEqual(redis.cli("ZCARD", "import:jobs:created"), "3")
        let gone = poll(timeout: 3, interval: 0.05) { ids.allSatisfy { redis.cli("EXISTS", JobDocument.key($0)) == "0" } }
        XCTAssertTrue(gone, "job keys did not expire within 3 s")
        Thread.sleep(forTimeInterval: 0.3)
        return ids
    }

    func testListForgetsJobsExpiredThroughTheirTTL() throws {
        let ids = try createThreeAndWaitForExpiry()
        let all = try list()
        XCTAssertEqual(all.int("total"), 0, JobDocument.text(all))
        XCTAssertTrue(all.items.isEmpty)
        XCTAssertEqual(redis.cli("ZCARD", "import:jobs:created"), "0", "ZCARD import:jobs:created after a list")
        XCTAssertEqual(try list("source_type=github").int("total"), 0)
        XCTAssertEqual(try list("status=pending&source_type=jira").int("total"), 0)
        for (id, source) in zip(ids, ["github", "jira", "gitlab"]) {
            assertNotIndexed(id, sourceType: source, tenant: nil, "expired through TTL, after a list")
        }
    }

    /// Without any list call, the sweep (every 5 s) empties the indexes of expired jobs.
    func testSweepForgetsExpiredJobsWithoutAList() throws {
        let ids = try createThreeAndWaitForExpiry()
        let swept = poll(timeout: 8, interval: 0.1) {
            redis.cli("ZCARD", "import:jobs:created") == "0" && redis.cli("HLEN", "import:jobs:indexes") == "0"
                && redis.cli("ZCARD", "import:jobs:expiry") == "0"
        }
        XCTAssertTrue(swept, "the sweep left index entries after 8 s: \(redisContents().keys)")
        for (id, source) in zip(ids, ["github", "jira", "gitlab"]) {
            assertNotIndexed(id, sourceType: source, tenant: nil, "expired through TTL, after the sweep")
        }
    }
}
