import Foundation
import XCTest

/// The status machine through PATCH and cancel: which transitions are allowed, what a refusal
/// looks like, the timestamps each write sets, and how the listing indexes follow the status.
final class JobTransitionTests: LifecycleTestCase {
    /// Every (from, to) pair as a table: pending -> processing|cancelled|failed and
    /// processing -> completed|failed|cancelled are 200 and stored; everything else is a 409
    /// problem naming both statuses, and leaves the stored document untouched. (pending ->
    /// pending and processing -> processing are not part of the contract and not checked.)
    func testTransitionTable() throws {
        var table: [String] = []
        for from in Self.statuses {
            for to in Self.statuses where to != from || Self.finalStatuses.contains(from) {
                let context = "PATCH {\"status\":\"\(to)\"} on a \(from) job"
                let job = try createJob(inStatus: from)
                let id = try XCTUnwrap(job.string("job_id"))
                let before = redis.cli("GET", JobDocument.key(id))
                XCTAssertEqual(storedJob(id)?.string("status"), from, "\(context): setup")
                let response = try patch(id, ["status": to])
                table.append("\(from) -> \(to): \(response.status)")
                if Self.allowedTransitions.contains("\(from)>\(to)") {
                    XCTAssertEqual(response.status, 200, "\(context): expected 200, got \(response)")
                    guard response.status == 200 else { continue }
                    XCTAssertEqual(response.mediaType, "application/json", "\(context): \(response)")
                    let document = try response.jsonObject()
                    XCTAssertEqual(document.string("status"), to, "\(context): answered document")
                    XCTAssertEqual(storedJob(id)?.string("status"), to, "\(context): stored status")
                    XCTAssertTrue(JobDocument.jsonEqual(document, storedJob(id)),
                                  "\(context): answer differs from redis: \(response) vs \(redis.cli("GET", JobDocument.key(id)))")
                } else {
                    assertConflict(response, current: from, requested: to, context)
                    XCTAssertEqual(redis.cli("GET", JobDocument.key(id)), before,
                                   "\(context): a refused transition changed the stored document")
                }
            }
        }
        XCTAssertEqual(table.count, 23, table.joined(separator: "\n"))
    }

    /// A final job refuses every change: a progress-only PATCH, an error-only PATCH, a
    /// combined one, and cancel; each is a 409 naming the current status, the document stays.
    func testFinalStatusRefusesEveryChange() throws {
        for status in Self.statuses where Self.finalStatuses.contains(status) {
            let job = try createJob(inStatus: status)
            let id = try XCTUnwrap(job.string("job_id"))
            let before = redis.cli("GET", JobDocument.key(id))
            let attempts: [(String, [String: Any], String?)] = [
                ("progress-only", ["progress": ["total_items": 10, "processed_items": 5]], nil),
                ("error-only", ["error": "late failure"], nil),
                ("error cleared", ["error": NSNull()], nil),
                ("status and progress", ["status": "processing", "progress": ["total_items": 1, "processed_items": 1]],
                 "processing"),
            ]
            for (name, body, requested) in attempts {
                let context = "\(name) PATCH \(JobDocument.text(body)) on a \(status) job"
                assertConflict(try patch(id, body), current: status, requested: requested, context)
            }
            assertConflict(try cancel(id), current: status, requested: "cancelled", "POST cancel on a \(status) job")
            XCTAssertEqual(redis.cli("GET", JobDocument.key(id)), before, "\(status): a refused write changed redis")
            let read = try getJob(id)
            XCTAssertEqual(read.status, 200)
            XCTAssertEqual(read.text, before, "\(status): GET differs from redis after refusals")
        }
    }

    /// A 409 says in words which status the job is in and which was asked for: the detail
    /// names both (not only the fields), for a non-final and for a final job.
    func testConflictDetailNamesCurrentAndRequestedStatus() throws {
        let pending = try XCTUnwrap(try createJob(inStatus: "pending").string("job_id"))
        let pendingConflict = assertConflict(try patch(pending, ["status": "completed"]), current: "pending",
                                             requested: "completed", "pending -> completed")
        XCTAssertTrue((pendingConflict.string("detail") ?? "").contains("completed"),
                      "pending -> completed: detail does not name the requested status: \(JobDocument.text(pendingConflict))")

        for status in Self.statuses where Self.finalStatuses.contains(status) {
            let id = try XCTUnwrap(try createJob(inStatus: status).string("job_id"))
            let requested = status == "failed" ? "cancelled" : "failed"
            let problem = assertConflict(try patch(id, ["status": requested]), current: status, requested: requested,
                                         "\(status) -> \(requested)")
            XCTAssertTrue((problem.string("detail") ?? "").contains(requested),
                          "PATCH {\"status\":\"\(requested)\"} on a \(status) job: detail does not name the requested "
                          + "status \(requested): \(JobDocument.text(problem))")
        }
    }

    /// created_at never changes; every PATCH moves updated_at forward; entering processing
    /// sets started_at; entering a final status sets completed_at; both stay afterwards.
    func testTimestampsFollowTheLifecycle() throws {
        let created = try createJob(Payloads.github)
        let id = try XCTUnwrap(created.string("job_id"))
        let createdAt = try XCTUnwrap(created.string("created_at"))
        XCTAssertEqual(created.string("updated_at"), createdAt, "a new job's updated_at equals created_at")
        XCTAssertTrue(created["started_at"] is NSNull, "new job started_at: \(JobDocument.text(created))")
        XCTAssertTrue(created["completed_at"] is NSNull, "new job completed_at: \(JobDocument.text(created))")

        var previous = try XCTUnwrap(date(created, "updated_at"))
        /// PATCHes `body` a few ms after the last write and checks the common timestamp rules.
        func step(_ body: [String: Any]) throws -> [String: Any] {
            Thread.sleep(forTimeInterval: 0.005)
            let job = try patchOK(id, body)
            let context = "after PATCH \(JobDocument.text(body))"
            XCTAssertEqual(job.string("created_at"), createdAt, "\(context): created_at changed")
            XCTAssertTrue(JobDocument.jsonEqual(job, storedJob(id)), "\(context): answer differs from redis")
            if let updated = date(job, "updated_at") {
                XCTAssertGreaterThan(updated, previous, "\(context): updated_at did not move forward")
                previous = updated
            }
            return job
        }

        let progressed = try step(["progress": ["total_items": 10, "processed_items": 0]])
        XCTAssertTrue(progressed["started_at"] is NSNull, "a progress report on a pending job set started_at")

        let processing = try step(["status": "processing"])
        let startedAt = try XCTUnwrap(processing.string("started_at"), "entering processing did not set started_at")
        if let started = date(processing, "started_at"), let updated = date(processing, "updated_at"),
           let creation = date(processing, "created_at") {
            XCTAssertGreaterThanOrEqual(started, creation)
            XCTAssertLessThanOrEqual(started, updated)
        }
        XCTAssertTrue(processing["completed_at"] is NSNull, "processing job has completed_at")

        let reported = try step(["progress": ["total_items": 10, "processed_items": 5], "error": "one page timed out"])
        XCTAssertEqual(reported.string("started_at"), startedAt, "a progress report moved started_at")
        XCTAssertTrue(reported["completed_at"] is NSNull)

        let completed = try step(["status": "completed", "progress": ["total_items": 10, "processed_items": 10]])
        XCTAssertEqual(completed.string("started_at"), startedAt, "completing moved started_at")
        let completedAt = date(completed, "completed_at")
        XCTAssertNotNil(completedAt, "entering completed did not set completed_at")
        if let completedAt, let started = date(completed, "started_at"), let updated = date(completed, "updated_at") {
            XCTAssertGreaterThanOrEqual(completedAt, started)
            XCTAssertLessThanOrEqual(completedAt, updated)
        }

        // Straight to a final status from pending: completed_at set, started_at stays null.
        for status in ["failed", "cancelled"] {
            let job = try createJob(Payloads.gitlab)
            let jobID = try XCTUnwrap(job.string("job_id"))
            Thread.sleep(forTimeInterval: 0.005)
            let final = try patchOK(jobID, ["status": status])
            XCTAssertTrue(final["started_at"] is NSNull, "pending -> \(status) set started_at")
            XCTAssertNotNil(date(final, "completed_at"), "pending -> \(status) did not set completed_at")
            XCTAssertEqual(final.string("created_at"), job.string("created_at"))
            if let before = date(job, "updated_at"), let after = date(final, "updated_at") {
                XCTAssertGreaterThan(after, before, "pending -> \(status) did not move updated_at")
            }
        }
    }

    /// POST cancel: 200 with the cancelled job and completed_at; again 409; unknown ids 404.
    func testCancel() throws {
        let job = try createJob(Payloads.jira)
        let id = try XCTUnwrap(job.string("job_id"))
        Thread.sleep(forTimeInterval: 0.005)
        let response = try cancel(id)
        XCTAssertEqual(response.status, 200, "POST /api/imports/\(id)/cancel: \(response)")
        let cancelled = try response.jsonObject()
        XCTAssertEqual(cancelled.string("status"), "cancelled")
        XCTAssertNotNil(date(cancelled, "completed_at"), "cancel did not set completed_at")
        XCTAssertTrue(cancelled["started_at"] is NSNull)
        XCTAssertEqual(cancelled.string("created_at"), job.string("created_at"))
        if let before = date(job, "updated_at"), let after = date(cancelled, "updated_at") {
            XCTAssertGreaterThan(after, before, "cancel did not move updated_at")
        }
        XCTAssertTrue(JobDocument.jsonEqual(cancelled, storedJob(id)), "cancel answer differs from redis")
        assertIndexed(id, status: "cancelled", sourceType: "jira", tenant: nil, "after cancel")

        let again = try cancel(id)
        assertConflict(again, current: "cancelled", requested: "cancelled", "second cancel")
        XCTAssertTrue(JobDocument.jsonEqual(cancelled, storedJob(id)), "second cancel changed redis")

        // A processing job can be cancelled too; started_at stays.
        let processing = try createJob(inStatus: "processing", payload: Payloads.servicenow)
        let processingID = try XCTUnwrap(processing.string("job_id"))
        let cancelProcessing = try cancel(processingID)
        XCTAssertEqual(cancelProcessing.status, 200, "cancel of a processing job: \(cancelProcessing)")
        let cancelledProcessing = try cancelProcessing.jsonObject()
        XCTAssertEqual(cancelledProcessing.string("status"), "cancelled")
        XCTAssertEqual(cancelledProcessing.string("started_at"), processing.string("started_at"))
        XCTAssertNotNil(date(cancelledProcessing, "completed_at"))

        assertProblem(try cancel(UUID().uuidString.lowercased()), status: 404, "cancel of an unknown UUID")
        assertProblem(try cancel("not-a-uuid"), status: 404, "cancel of a non-UUID id")
        XCTAssertEqual(jobKeys().count, 2, "cancel of unknown ids created keys: \(jobKeys())")
    }

    /// pending -> processing moves the id from the pending sets to the processing sets
    /// (globally and under the tenant), keeps its creation score, and the filtered totals follow.
    func testStatusChangeMovesIndexEntries() throws {
        let tenantHeader = [("X-Tenant-ID", "acme")]
        let job = try createJob(Payloads.jira, headers: tenantHeader)
        let id = try XCTUnwrap(job.string("job_id"))
        let other = try XCTUnwrap(try createJob(Payloads.jira).string("job_id"))
        assertIndexed(id, status: "pending", sourceType: "jira", tenant: "acme", "after create")
        let createdScore = zscore("import:jobs:created", id)
        XCTAssertNotNil(createdScore)

        try patchOK(id, ["status": "processing"])
        assertIndexed(id, status: "processing", sourceType: "jira", tenant: "acme", "after pending -> processing")
        XCTAssertNotNil(zscore("import:jobs:status:processing", id))
        XCTAssertNil(zscore("import:jobs:status:pending", id))
        XCTAssertEqual(zscore("import:jobs:created", id), createdScore, "the creation score changed")
        XCTAssertEqual(zscore("import:jobs:status:processing", id), createdScore, "the processing set is not scored by creation")

        let processing = try list("status=processing")
        XCTAssertEqual(processing.int("total"), 1, JobDocument.text(processing))
        XCTAssertEqual(processing.itemIDs, [id])
        XCTAssertEqual(processing.items.first?.string("status"), "processing")
        let pending = try list("status=pending")
        XCTAssertEqual(pending.int("total"), 1, JobDocument.text(pending))
        XCTAssertEqual(pending.itemIDs, [other])
        XCTAssertEqual(try list("status=processing&source_type=jira").int("total"), 1)
        XCTAssertEqual(try list("status=pending&source_type=jira").int("total"), 1)
        XCTAssertEqual(try list("status=processing", headers: tenantHeader).int("total"), 1)
        XCTAssertEqual(try list("status=pending", headers: tenantHeader).int("total"), 0)
        XCTAssertEqual(try list().itemIDs, [other, id], "newest first is kept after a status change")

        try patchOK(id, ["status": "completed"])
        assertIndexed(id, status: "completed", sourceType: "jira", tenant: "acme", "after processing -> completed")
        XCTAssertEqual(try list("status=processing").int("total"), 0)
        XCTAssertEqual(try list("status=completed").itemIDs, [id])
        XCTAssertEqual(try list("status=completed&source_type=jira", headers: tenantHeader).int("total"), 1)
    }
}
