import Foundation
import XCTest

/// `API_TOKENS_FILE`: bearer tokens bound to tenants guard the job routes.
final class OpsAccessControlTests: ServiceTestCase {
    static let acmeToken = "acme-ops-token-7f3a9c2e5b1d4a60"
    static let globexToken = "globex-ops-token-4e8b2a6c9d0f1b77"
    static let wrongToken = "wrong-ops-token-0000111122223333"

    /// The tokens file, written once before the class's service starts.
    static let tokensFile: URL = {
        let url = URL(fileURLWithPath: "/tmp/ops-tokens-\(getpid())-\(UUID().uuidString.prefix(8)).txt")
        let text = """
        # token tenant_id
        \(acmeToken) acme

        \(globexToken)\tglobex
        """
        try? Data(text.utf8).write(to: url)
        return url
    }()

    override class var serviceEnvironment: [String: String] { ["API_TOKENS_FILE": tokensFile.path] }

    override class func tearDown() {
        super.tearDown()
        try? FileManager.default.removeItem(at: tokensFile)
    }

    private var acme: [(String, String)] { [("Authorization", "Bearer \(Self.acmeToken)")] }
    private var globex: [(String, String)] { [("Authorization", "Bearer \(Self.globexToken)")] }
    private let json = [("Content-Type", "application/json")]

    private func create(_ auth: [(String, String)], _ payload: [String: Any] = Payloads.github,
                        extra: [(String, String)] = []) throws -> HTTPResponse {
        try client.postJSON("/api/imports", payload, headers: auth + extra)
    }

    private func createdID(_ auth: [(String, String)]) throws -> String {
        let response = try create(auth)
        guard response.status == 201, let id = try response.jsonObject().string("job_id") else {
            throw HarnessError("create with a valid token: \(response)")
        }
        return id
    }

    /// Every job route, as (method, path, body).
    private func jobRequests(_ id: String) throws -> [(String, String, Data?)] {
        [
            ("GET", "/api/imports", nil),
            ("POST", "/api/imports", try JSONSerialization.data(withJSONObject: Payloads.jira)),
            ("GET", "/api/imports/\(id)", nil),
            ("PATCH", "/api/imports/\(id)", try JSONSerialization.data(withJSONObject: ["status": "processing"])),
            ("DELETE", "/api/imports/\(id)", nil),
            ("POST", "/api/imports/\(id)/cancel", nil),
        ]
    }

    private func assertUnauthorized(_ response: HTTPResponse, invalidToken: Bool, _ context: String,
                                    file: StaticString = #filePath, line: UInt = #line) {
        assertProblem(response, status: 401, context, file: file, line: line)
        let challenge = response.header("WWW-Authenticate") ?? ""
        XCTAssertTrue(challenge.hasPrefix("Bearer ") && challenge.contains(#"realm="import-service""#),
                      "\(context): WWW-Authenticate is \"\(challenge)\"", file: file, line: line)
        XCTAssertEqual(challenge.contains(#"error="invalid_token""#), invalidToken,
                       "\(context): WWW-Authenticate is \"\(challenge)\"", file: file, line: line)
        XCTAssertNotNil(response.header("X-Request-ID"), "\(context): 401 without X-Request-ID", file: file, line: line)
    }

    func testMissingTokenIs401WithBearerChallengeAndChangesNothing() throws {
        let id = try createdID(acme)
        let stored = redis.cli("GET", JobDocument.key(id))
        let keys = redis.dbsize()
        for (method, path, body) in try jobRequests(id) {
            for headers in [[], [("Authorization", "Basic dXNlcjpwYXNzd29yZA==")], [("Authorization", "Bearer")],
                            [("X-Tenant-ID", "acme")]] {
                let response = try client.send(method, path, headers: json + headers, body: body)
                assertUnauthorized(response, invalidToken: false, "\(method) \(path) with \(headers.map(\.1))")
                XCTAssertFalse(response.text.contains("\"job_id\""), "a 401 leaked job data: \(response)")
            }
        }
        XCTAssertEqual(redis.cli("GET", JobDocument.key(id)), stored, "a request without token changed the job")
        XCTAssertEqual(redis.dbsize(), keys, "a request without token wrote to Redis")
    }

    func testWrongTokenIs401InvalidToken() throws {
        let id = try createdID(acme)
        let near = [Self.wrongToken, String(Self.acmeToken.dropLast()), Self.acmeToken + "x", Self.acmeToken.uppercased(),
                    "\(Self.acmeToken) \(Self.globexToken)"]
        for token in near {
            for (method, path, body) in try jobRequests(id) {
                let response = try client.send(method, path, headers: json + [("Authorization", "Bearer \(token)")], body: body)
                assertUnauthorized(response, invalidToken: true, "\(method) \(path) with token \(token)")
            }
        }
        XCTAssertEqual(storedJob(id)?.string("status"), "pending", "a wrong token changed the job")
        // The scheme is case-insensitive (RFC 7235).
        XCTAssertEqual(try client.get("/api/imports", headers: [("Authorization", "bearer \(Self.acmeToken)")]).status, 200)
    }

    func testTokenDecidesTheTenantAndADisagreeingHeaderIs403() throws {
        let response = try create(acme)
        XCTAssertEqual(response.status, 201, "\(response)")
        let job = try response.jsonObject()
        let id = try XCTUnwrap(job.string("job_id"))
        XCTAssertEqual(job.string("tenant_id"), "acme", "the token's tenant is not the job's tenant_id")
        XCTAssertEqual(storedJob(id)?.string("tenant_id"), "acme")

        XCTAssertEqual(try create(acme, extra: [("X-Tenant-ID", "acme")]).status, 201, "agreeing X-Tenant-ID")
        let keys = redis.dbsize()
        for (method, path, body) in try jobRequests(id) {
            let response = try client.send(method, path, headers: json + acme + [("X-Tenant-ID", "globex")], body: body)
            assertProblem(response, status: 403, "\(method) \(path) with acme's token and X-Tenant-ID globex")
        }
        XCTAssertEqual(redis.dbsize(), keys, "a 403 request wrote to Redis")
        XCTAssertEqual(storedJob(id)?.string("status"), "pending")

        var claimingGlobex = Payloads.github
        claimingGlobex["tenant_id"] = "globex"
        let claim = try create(acme, claimingGlobex)
        XCTAssertNotEqual(claim.status, 201, "acme's token created a job for tenant globex: \(claim)")
        XCTAssertTrue([403, 422].contains(claim.status), "\(claim)")
        let globexList = try client.get("/api/imports", headers: globex)
        XCTAssertEqual(try globexList.jsonObject().int("total"), 0, "globex sees a job it never created: \(globexList)")
    }

    func testAnotherTenantsJobIsNotFoundAndListsAreScoped() throws {
        let globexID = try createdID(globex)
        let acmeIDs = [try createdID(acme), try createdID(acme)]
        let globexBefore = redis.cli("GET", JobDocument.key(globexID))

        assertProblem(try client.get("/api/imports/\(globexID)", headers: acme), status: 404, "acme GET of globex's job")
        assertProblem(try client.send("PATCH", "/api/imports/\(globexID)", headers: json + acme,
                                      body: try JSONSerialization.data(withJSONObject: ["status": "processing"])),
                      status: 404, "acme PATCH of globex's job")
        assertProblem(try client.send("POST", "/api/imports/\(globexID)/cancel", headers: acme), status: 404,
                      "acme cancel of globex's job")
        assertProblem(try client.send("DELETE", "/api/imports/\(globexID)", headers: acme), status: 404,
                      "acme DELETE of globex's job")
        XCTAssertEqual(redis.cli("GET", JobDocument.key(globexID)), globexBefore, "acme changed globex's job")

        let acmeList = try client.get("/api/imports", headers: acme)
        XCTAssertEqual(acmeList.status, 200)
        let acmePage = try acmeList.jsonObject()
        XCTAssertEqual(Set(acmePage.itemIDs), Set(acmeIDs), "acme's list: \(acmeList)")
        XCTAssertEqual(acmePage.int("total"), 2, "acme's total counts another tenant's job")
        let globexPage = try client.get("/api/imports?source_type=github", headers: globex).jsonObject()
        XCTAssertEqual(globexPage.itemIDs, [globexID])
        XCTAssertEqual(globexPage.int("total"), 1)
        // The owner still can.
        XCTAssertEqual(try client.get("/api/imports/\(globexID)", headers: globex).status, 200)
        XCTAssertEqual(try client.send("DELETE", "/api/imports/\(globexID)", headers: globex).status, 204)
    }

    func testOperationalEndpointsStayOpenWithoutAToken() throws {
        let health = try client.get("/health")
        XCTAssertEqual(health.status, 200, "\(health)")
        XCTAssertTrue(JobDocument.jsonEqual(try health.jsonObject(), ["status": "ok", "redis": "ok"]), "\(health)")
        XCTAssertNil(health.header("WWW-Authenticate"))
        for path in ["/ready", "/metrics", "/openapi.json"] {
            XCTAssertEqual(try client.get(path).status, 200, "\(path) without a token")
            XCTAssertEqual(try client.get(path, headers: [("Authorization", "Bearer \(Self.wrongToken)")]).status, 200,
                           "\(path) with a wrong token")
        }
    }

    func testTheLogNeverHoldsAToken() throws {
        let tag = opsTag()
        let id = try createdID(acme)
        _ = try client.get("/api/imports/\(id)", headers: globex)
        _ = try client.get("/api/imports", headers: [("Authorization", "Bearer \(Self.wrongToken)")])
        _ = try client.get("/api/imports/\(id)", headers: acme + [("X-Tenant-ID", "globex")])
        _ = try client.get("/api/imports", headers: acme + [("X-Request-ID", "tokens-\(tag)")])
        let lines = OpsLog.accessLines(service, requestID: "tokens-\(tag)")
        XCTAssertEqual(lines.first?["tenant_id"] as? String, "acme", "the access line does not name the token's tenant")
        let log = service.stderrText
        for token in [Self.acmeToken, Self.globexToken, Self.wrongToken] {
            XCTAssertFalse(log.contains(token), "the service log holds the token \(token)")
            XCTAssertFalse(log.contains(String(token.prefix(12))), "the service log holds part of the token \(token)")
        }
        XCTAssertFalse(log.contains("Bearer"), "the service log quotes an Authorization header")
    }

    func testMissingOrBadTokensFileStopsStartUpWithCode2() throws {
        let directory = try fixture.directory
        let shortToken = "short-tok-123"
        let cases: [(String, String?)] = [
            ("missing", nil),
            ("empty", ""),
            ("short token", "\(shortToken) acme\n"),
            ("no tenant", "\(Self.acmeToken)\n"),
            ("bad tenant", "\(Self.acmeToken) acme corp\n"),
        ]
        for (name, content) in cases {
            let path = directory.appendingPathComponent("tokens-\(opsTag()).txt").path
            if let content { try Data(content.utf8).write(to: URL(fileURLWithPath: path)) }
            let child = try ServiceProcess.launch(environment: ["API_TOKENS_FILE": path, "PORT": "\(try FreePort.find())",
                                                                "REDIS_URL": redis.url()],
                                                  directory: directory, name: "tokens-\(opsTag())")
            defer { child.stop() }
            let exit = child.waitForExit(timeout: 5)
            XCTAssertEqual(exit, .code(2), "\(name) tokens file: expected exit 2, got \(exit.map { "\($0)" } ?? "still running")")
            let lines = child.stderrText.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            XCTAssertEqual(lines.count, 1, "\(name) tokens file: expected one line, got:\n\(child.stderrText)")
            XCTAssertTrue(child.stderrText.contains("API_TOKENS_FILE"), "\(name): the line does not name API_TOKENS_FILE")
            for secret in [shortToken, Self.acmeToken] {
                XCTAssertFalse(child.stderrText.contains(secret), "\(name): the start-up error prints the token")
            }
        }
        // A directory instead of a file.
        let child = try ServiceProcess.launch(environment: ["API_TOKENS_FILE": directory.path, "PORT": "\(try FreePort.find())",
                                                            "REDIS_URL": redis.url()],
                                              directory: directory, name: "tokens-dir-\(opsTag())")
        defer { child.stop() }
        XCTAssertEqual(child.waitForExit(timeout: 5), .code(2), "a directory as API_TOKENS_FILE")
    }
}
