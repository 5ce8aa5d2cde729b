import Foundation
import XCTest

/// POST /api/imports: the seed document's steps 1–3 (create, check Redis, check TTL) and the
/// contract's request headers, source types and credential handling.
final class CreateJobTests: ServiceTestCase {
    /// Step 1: 201, Location, and a pending document with all twelve fields.
    func testCreateJiraJobAnswers201WithLocationAndPendingDocument() throws {
        let before = Date()
        let response = try client.postJSON("/api/imports", Payloads.jira)
        XCTAssertEqual(response.status, 201, "\(response)")
        XCTAssertEqual(response.mediaType, "application/json", "\(response)")
        let job = try response.jsonObject()

        let id = try XCTUnwrap(job["job_id"] as? String, "no job_id: \(response)")
        XCTAssertTrue(JobDocument.isLowercaseUUID(id), "job_id is not a lowercase UUID: \(id)")
        XCTAssertEqual(response.header("location"), "/api/imports/\(id)", "\(response)")

        for field in JobDocument.requiredFields {
            XCTAssertTrue(job.keys.contains(field), "response lacks \"\(field)\": \(response)")
        }
        XCTAssertEqual(job.string("status"), "pending")
        XCTAssertEqual(job.string("source_type"), "jira")
        XCTAssertTrue(JobDocument.isLowercaseUUID(job["request_id"]),
                      "without X-Request-ID, request_id should be a new UUID: \(JobDocument.text(job["request_id"]))")
        for field in ["created_at", "updated_at"] {
            let date = try XCTUnwrap(JobDocument.parseUTCTimestamp(job[field]),
                                     "\(field) is not ISO-8601 UTC: \(JobDocument.text(job[field]))")
            XCTAssertLessThan(abs(date.timeIntervalSince(before)), 60, "\(field) is not close to now: \(date)")
        }
        for field in ["tenant_id", "correlation_id", "error", "started_at", "completed_at"] {
            XCTAssertTrue(job[field] is NSNull, "\(field) should be null for a new job: \(JobDocument.text(job[field]))")
        }
    }

    /// Step 2: `redis-cli GET import:job:{id}` holds the same twelve fields with equal values.
    func testCreatedJobIsStoredInRedisWithTheSameFields() throws {
        let job = try createJob()
        let id = try XCTUnwrap(job.string("job_id"))
        let stored = try XCTUnwrap(storedJob(id), "redis-cli GET \(JobDocument.key(id)) is not a JSON object: "
            + redis.cli("GET", JobDocument.key(id)))
        for field in JobDocument.requiredFields {
            XCTAssertTrue(stored.keys.contains(field), "stored document lacks \"\(field)\": \(JobDocument.text(stored))")
            XCTAssertTrue(JobDocument.jsonEqual(stored[field], job[field]),
                          "\(field): stored \(JobDocument.text(stored[field])) != response \(JobDocument.text(job[field]))")
        }
        XCTAssertEqual(stored.string("status"), "pending")
    }

    /// Step 3: `redis-cli TTL` is close to 86400 right after the write.
    func testStoredJobExpiresInAboutOneDay() throws {
        let id = try XCTUnwrap(createJob().string("job_id"))
        let ttl = try XCTUnwrap(Int(redis.cli("TTL", JobDocument.key(id))), "TTL is not a number")
        XCTAssertTrue((86300...86400).contains(ttl), "TTL \(ttl) is not close to 86400")
    }

    /// Each source type with its required fields (and nothing else) creates a job.
    func testEachSourceTypeWithItsRequiredFieldsCreatesAJob() throws {
        for sourceType in Payloads.sourceTypes {
            var payload = Payloads.valid(sourceType)
            payload["source_config"] = (payload["source_config"] as? [String: Any])?
                .filter { Payloads.requiredFields[sourceType]!.contains($0.key) }
            let response = try client.postJSON("/api/imports", payload)
            XCTAssertEqual(response.status, 201, "\(sourceType): \(response)")
            guard response.status == 201 else { continue }
            let job = try response.jsonObject()
            XCTAssertEqual(job.string("source_type"), sourceType)
            let id = try XCTUnwrap(job.string("job_id"))
            XCTAssertEqual(storedJob(id)?.string("source_type"), sourceType, "\(sourceType) job not in redis")
            let ttl = Int(redis.cli("TTL", JobDocument.key(id))) ?? -99
            XCTAssertTrue((86300...86400).contains(ttl), "\(sourceType): TTL \(ttl)")
        }
        XCTAssertNotNil(try? createJob(Payloads.gitlab), "gitlab with the optional base_url should be accepted")
    }

    /// Credentials never appear in a response, anywhere in redis, or in the service's log.
    func testCredentialsAreNeverReturnedStoredOrLogged() throws {
        var responses: [String] = []
        for sourceType in Payloads.sourceTypes {
            let response = try client.postJSON("/api/imports", Payloads.valid(sourceType))
            XCTAssertEqual(response.status, 201, "\(sourceType): \(response)")
            responses.append(response.text)
            if let id = try? response.jsonObject().string("job_id") {
                let fetched = try client.get("/api/imports/\(id)")
                responses.append(fetched.text)
            }
        }
        responses.append(try client.get("/api/imports").text)
        let stored = redisContents()
        XCTAssertFalse(stored.keys.isEmpty, "nothing was written to redis")
        let log = service.stderrText + service.child.stdoutText
        for secret in Payloads.secrets {
            for text in responses {
                XCTAssertFalse(text.contains(secret), "secret \(secret) returned in: \(text.prefix(400))")
            }
            XCTAssertFalse(stored.text.contains(secret), "secret \(secret) stored in redis (keys: \(stored.keys))")
            XCTAssertFalse(log.contains(secret), "secret \(secret) appears in the service log")
        }
        for name in ["api_token", "\"password\"", "\"token\""] {
            for text in responses {
                XCTAssertFalse(text.contains(name), "credential field \(name) returned in: \(text.prefix(400))")
            }
            XCTAssertFalse(stored.text.contains(name), "credential field \(name) stored in redis (keys: \(stored.keys))")
        }
    }

    /// `X-Request-ID` becomes request_id, in the response and in redis.
    func testRequestIDHeaderBecomesRequestID() throws {
        let job = try createJob(headers: [("X-Request-ID", "req-abc-123")])
        XCTAssertEqual(job.string("request_id"), "req-abc-123")
        let id = try XCTUnwrap(job.string("job_id"))
        XCTAssertEqual(storedJob(id)?.string("request_id"), "req-abc-123")
    }

    /// `X-Correlation-ID` and `X-Tenant-ID` fill correlation_id and tenant_id.
    func testCorrelationAndTenantHeadersFillTheirFields() throws {
        let job = try createJob(headers: [("X-Correlation-ID", "corr-77"), ("X-Tenant-ID", "tenant-acme")])
        XCTAssertEqual(job.string("correlation_id"), "corr-77")
        XCTAssertEqual(job.string("tenant_id"), "tenant-acme")
        let stored = try XCTUnwrap(storedJob(try XCTUnwrap(job.string("job_id"))))
        XCTAssertEqual(stored.string("correlation_id"), "corr-77")
        XCTAssertEqual(stored.string("tenant_id"), "tenant-acme")
    }

    /// Omitted options are filled with the defaults (batch_size 100, preview_limit 10).
    func testOmittedOptionsGetDefaults() throws {
        var payload = Payloads.jira
        payload.removeValue(forKey: "options")
        let job = try createJob(payload)
        let options = try XCTUnwrap(job["options"] as? [String: Any], "no options object: \(JobDocument.text(job))")
        XCTAssertEqual(options.int("batch_size"), 100)
        XCTAssertEqual(options.int("preview_limit"), 10)
    }

    /// `Content-Type: application/json; charset=utf-8` is JSON too.
    func testJSONContentTypeWithCharsetIsAccepted() throws {
        let body = try JSONSerialization.data(withJSONObject: Payloads.github)
        let response = try client.send("POST", "/api/imports",
                                       headers: [("Content-Type", "application/json; charset=utf-8")], body: body)
        XCTAssertEqual(response.status, 201, "\(response)")
    }

    /// JOB_TTL_SECONDS=100 (a second service on the same redis) gives a TTL of at most 100.
    func testJobTTLSecondsSettingIsUsed() throws {
        let shortLived = try fixture.startExtraService(environment: ["JOB_TTL_SECONDS": "100"], name: "service-ttl100")
        defer { shortLived.stop() }
        let response = try shortLived.client.postJSON("/api/imports", Payloads.jira)
        XCTAssertEqual(response.status, 201, "\(response)")
        let id = try XCTUnwrap(try response.jsonObject().string("job_id"))
        let ttl = try XCTUnwrap(Int(redis.cli("TTL", JobDocument.key(id))))
        XCTAssertTrue((90...100).contains(ttl), "TTL \(ttl) with JOB_TTL_SECONDS=100")
    }
}
