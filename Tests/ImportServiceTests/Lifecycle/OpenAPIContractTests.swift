import Foundation
import XCTest

/// The served OpenAPI document: valid 3.1, identical to docs/openapi.json, listing exactly
/// the operations the service serves and every status they answer.
final class OpenAPIContractTests: LifecycleTestCase {
    /// The operations the service serves, as "METHOD template".
    private static let servedOperations: Set<String> = [
        "POST /api/imports", "GET /api/imports",
        "GET /api/imports/{job_id}", "PATCH /api/imports/{job_id}", "DELETE /api/imports/{job_id}",
        "POST /api/imports/{job_id}/cancel", "GET /health", "GET /ready", "GET /metrics", "GET /openapi.json",
    ]
    private static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    private func servedDocument() throws -> (response: HTTPResponse, document: [String: Any]) {
        let response = try client.get("/openapi.json")
        guard response.status == 200 else { throw HarnessError("GET /openapi.json: \(response)") }
        return (response, try response.jsonObject())
    }

    /// "METHOD template" -> documented status codes.
    private func operations(_ document: [String: Any]) -> [String: Set<Int>] {
        var result: [String: Set<Int>] = [:]
        for (path, item) in document["paths"] as? [String: Any] ?? [:] {
            for (method, operation) in item as? [String: Any] ?? [:] where Self.methods.contains(method) {
                let responses = (operation as? [String: Any])?["responses"] as? [String: Any] ?? [:]
                result["\(method.uppercased()) \(path)"] = Set(responses.keys.compactMap { Int($0) })
            }
        }
        return result
    }

    func testServedDocumentIsOpenAPI31AndEqualsTheRepoFile() throws {
        let (response, document) = try servedDocument()
        XCTAssertEqual(response.mediaType, "application/json", "\(response.headers)")
        let version = document.string("openapi") ?? ""
        XCTAssertNotNil(version.range(of: #"^3\.1\.\d+$"#, options: .regularExpression), "openapi is \(version)")
        XCTAssertNotNil(document["info"] as? [String: Any], "no info object")
        XCTAssertNotNil(document["paths"] as? [String: Any], "no paths object")

        let file = PackagePaths.packageRoot.appendingPathComponent("docs/openapi.json")
        let repoBytes = try Data(contentsOf: file)
        if response.body != repoBytes {
            let trimmedEqual = String(decoding: response.body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                == String(decoding: repoBytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            XCTFail("GET /openapi.json (\(response.body.count) bytes) is not byte-identical to docs/openapi.json "
                + "(\(repoBytes.count) bytes)" + (trimmedEqual ? "; they differ only in leading/trailing whitespace "
                + "(served ends with \(String(decoding: response.body.suffix(1), as: UTF8.self).debugDescription), "
                + "file ends with \(String(decoding: repoBytes.suffix(1), as: UTF8.self).debugDescription))" : ""))
        }
    }

    /// The document lists exactly the served operations; each documented operation is served
    /// (neither "unknown route" 404 nor 405, with a sample UUID and with a real job); every
    /// other method on a documented path is 405 whose Allow names only documented methods.
    func testDocumentedOperationsAreExactlyTheServedOnes() throws {
        let documented = operations(try servedDocument().document)
        XCTAssertEqual(Set(documented.keys), Self.servedOperations,
                       "only in the document: \(Set(documented.keys).subtracting(Self.servedOperations).sorted()); "
                       + "served but undocumented: \(Self.servedOperations.subtracting(documented.keys).sorted())")

        // What an unknown route looks like, to tell it apart from an unknown job.
        let unknownPath = "/api/imports/\(UUID().uuidString.lowercased())/no-such-thing"
        let unknownRoute = assertProblem(try client.get(unknownPath), status: 404, "GET \(unknownPath)")
        let unknownRouteDetail = (unknownRoute.string("detail") ?? "").replacingOccurrences(of: unknownPath, with: "<path>")

        let sample = UUID().uuidString.lowercased()
        for operation in documented.keys.sorted() {
            let parts = operation.split(separator: " ", maxSplits: 1).map(String.init)
            let path = parts[1].replacingOccurrences(of: "{job_id}", with: sample)
            let body = ["POST", "PATCH"].contains(parts[0]) ? Data("{}".utf8) : nil
            let response = try client.send(parts[0], path, headers: [("Content-Type", "application/json")], body: body)
            XCTAssertNotEqual(response.status, 405, "\(parts[0]) \(path) is documented but answers 405: \(response)")
            if response.status == 404 {
                let detail = (try? response.jsonObject().string("detail")) ?? nil
                XCTAssertNotEqual(detail, unknownRouteDetail.replacingOccurrences(of: "<path>", with: path),
                                  "\(parts[0]) \(path) is documented but answers unknown-route 404: \(response)")
            }
        }

        // With a real job, the job operations answer neither 404 nor 405.
        let id = try XCTUnwrap(try createJob().string("job_id"))
        let real: [(String, String, Data?)] = [
            ("GET", "/api/imports/\(id)", nil),
            ("PATCH", "/api/imports/\(id)", Data(#"{"status":"processing"}"#.utf8)),
            ("POST", "/api/imports/\(id)/cancel", nil),
            ("DELETE", "/api/imports/\(id)", nil),
        ]
        for (method, path, body) in real {
            let response = try client.send(method, path, headers: [("Content-Type", "application/json")], body: body)
            XCTAssertFalse([404, 405].contains(response.status), "\(method) \(path) with an existing job: \(response)")
        }

        // Undocumented methods on documented paths are 405, and Allow lists the documented ones.
        let paths = Set(documented.keys.map { String($0.split(separator: " ", maxSplits: 1)[1]) })
        for template in paths.sorted() {
            let path = template.replacingOccurrences(of: "{job_id}", with: sample)
            let documentedMethods = Set(documented.keys.filter { $0.hasSuffix(" \(template)") }
                .map { String($0.split(separator: " ")[0]) })
            for method in ["GET", "POST", "PUT", "PATCH", "DELETE"] where !documentedMethods.contains(method) {
                let response = try client.send(method, path, headers: [("Content-Type", "application/json")],
                                               body: Data("{}".utf8))
                assertProblem(response, status: 405, "\(method) \(path) is not documented")
                let allow = Set((response.header("Allow") ?? "").split(separator: ",")
                    .map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { $0 != "HEAD" })
                XCTAssertEqual(allow, documentedMethods, "Allow of \(method) \(path): \(response.header("Allow") ?? "none")")
            }
        }
    }

    /// A route the service serves but the document lacks is caught: plausible paths (health
    /// and ops endpoints, job sub-resources) must answer the unknown-route 404 unless the
    /// document lists them.
    func testNoServedRouteIsMissingFromTheDocument() throws {
        let documented = operations(try servedDocument().document)
        let documentedPaths = Set(documented.keys.map { String($0.split(separator: " ", maxSplits: 1)[1]) })
        let sample = UUID().uuidString.lowercased()
        let probePath = "/api/imports/\(sample)/no-such-thing"
        let unknownRoute = assertProblem(try client.get(probePath), status: 404, "GET \(probePath)")
        let unknownTemplate = (unknownRoute.string("detail") ?? "").replacingOccurrences(of: probePath, with: "<path>")

        let candidates = ["/ready", "/readyz", "/live", "/livez", "/healthz", "/metrics", "/status", "/version", "/info",
                          "/docs", "/openapi.yaml", "/swagger.json", "/api", "/api/jobs", "/admin", "/debug",
                          "/api/imports/{job_id}/retry", "/api/imports/{job_id}/restart", "/api/imports/{job_id}/progress",
                          "/api/imports/{job_id}/events", "/api/imports/{job_id}/logs", "/api/imports/{job_id}/complete"]
        var undocumented: [String] = []
        for template in candidates where !documentedPaths.contains(template) {
            let path = template.replacingOccurrences(of: "{job_id}", with: sample)
            let response = try client.get(path)
            let detail = (try? response.jsonObject().string("detail")) ?? nil
            let isUnknownRoute = response.status == 404
                && detail == unknownTemplate.replacingOccurrences(of: "<path>", with: path)
            if !isUnknownRoute { undocumented.append("GET \(path) -> \(response.status)") }
        }
        XCTAssertEqual(undocumented, [], "served but missing from the OpenAPI document: \(undocumented)")
    }

    /// Every status the service answers in these scenarios is in the document's response list
    /// for that operation.
    func testDocumentedStatusCodesCoverObservedOnes() throws {
        let documented = operations(try servedDocument().document)
        var observed: [String: Set<Int>] = [:]
        func record(_ operation: String, _ response: HTTPResponse) { observed[operation, default: []].insert(response.status) }
        let json = [("Content-Type", "application/json")]
        let valid = try JSONSerialization.data(withJSONObject: Payloads.github)

        // create: 201, 200 (idempotent replay), 400, 415, 422
        let create = "POST /api/imports"
        record(create, try client.send("POST", "/api/imports", headers: json + [("Idempotency-Key", "k1")], body: valid))
        record(create, try client.send("POST", "/api/imports", headers: json + [("Idempotency-Key", "k1")], body: valid))
        record(create, try client.send("POST", "/api/imports", headers: json, body: Data("{".utf8)))
        record(create, try client.send("POST", "/api/imports", headers: [("Content-Type", "text/plain")], body: valid))
        record(create, try client.postJSON("/api/imports", ["source_type": "svn", "source_config": [:]]))
        // list: 200, 422
        record("GET /api/imports", try client.get("/api/imports"))
        record("GET /api/imports", try client.get("/api/imports?limit=101"))

        let id = try XCTUnwrap(try createJob().string("job_id"))
        let unknown = UUID().uuidString.lowercased()
        // get: 200, 404
        record("GET /api/imports/{job_id}", try getJob(id))
        record("GET /api/imports/{job_id}", try getJob(unknown))
        // patch: 200, 400, 404, 409, 415, 422
        let patchOperation = "PATCH /api/imports/{job_id}"
        record(patchOperation, try patch(id, ["status": "processing"]))
        record(patchOperation, try patch(id, body: Data("{".utf8), contentType: "application/json"))
        record(patchOperation, try patch(unknown, ["status": "processing"]))
        record(patchOperation, try patch(id, ["status": "pending"]))
        record(patchOperation, try patch(id, body: Data("{}".utf8), contentType: "text/plain"))
        record(patchOperation, try patch(id, ["progress": ["total_items": -1, "processed_items": 0]]))
        // cancel: 200, 404, 409
        record("POST /api/imports/{job_id}/cancel", try cancel(id))
        record("POST /api/imports/{job_id}/cancel", try cancel(id))
        record("POST /api/imports/{job_id}/cancel", try cancel(unknown))
        // delete: 204, 404
        record("DELETE /api/imports/{job_id}", try delete(id))
        record("DELETE /api/imports/{job_id}", try delete(id))
        // health and the document itself
        record("GET /health", try client.get("/health"))
        record("GET /openapi.json", try client.get("/openapi.json"))

        let expected: [String: Set<Int>] = [
            create: [200, 201, 400, 415, 422],
            "GET /api/imports": [200, 422],
            "GET /api/imports/{job_id}": [200, 404],
            patchOperation: [200, 400, 404, 409, 415, 422],
            "POST /api/imports/{job_id}/cancel": [200, 404, 409],
            "DELETE /api/imports/{job_id}": [204, 404],
            "GET /health": [200],
            "GET /openapi.json": [200],
        ]
        XCTAssertEqual(observed, expected, "the scenarios did not produce the expected statuses")
        for (operation, statuses) in observed.sorted(by: { $0.key < $1.key }) {
            let listed = documented[operation] ?? []
            XCTAssertTrue(statuses.isSubset(of: listed),
                          "\(operation) answers \(statuses.subtracting(listed).sorted()) but the document lists only \(listed.sorted())")
        }
    }
}
