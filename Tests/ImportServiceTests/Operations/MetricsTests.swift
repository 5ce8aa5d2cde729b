import Foundation
import XCTest

/// `GET /metrics`: valid Prometheus text whose counters move by exactly the requests made.
final class OpsMetricsTests: ServiceTestCase {
    private let templates: Set<String> = ["/health", "/ready", "/metrics", "/openapi.json", "/api/imports",
                                          "/api/imports/{job_id}", "/api/imports/{job_id}/cancel", "unmatched"]

    private func send(_ method: String, _ path: String, json: [String: Any]? = nil) throws -> HTTPResponse {
        guard let json else { return try client.send(method, path) }
        return try client.send(method, path, headers: [("Content-Type", "application/json")],
                               body: try JSONSerialization.data(withJSONObject: json))
    }

    func testExpositionIsValidAndHasEveryDocumentedFamily() throws {
        let id = try XCTUnwrap(try createJob().string("job_id"))
        _ = try client.get("/api/imports/\(id)")
        _ = try client.get("/api/imports")
        _ = try send("PATCH", "/api/imports/\(id)", json: ["status": "processing"])
        _ = try client.get("/nowhere")
        _ = try client.send("PUT", "/api/imports")
        _ = try client.get("/health")
        _ = try client.get("/ready")
        _ = try client.get("/metrics")

        let metrics = try scrapeMetrics()
        let expected = [
            "http_requests_total": "counter", "http_request_duration_seconds": "histogram",
            "redis_command_duration_seconds": "histogram", "http_requests_in_flight": "gauge",
            "redis_connected": "gauge", "redis_reconnects_total": "counter", "import_jobs_created_total": "counter",
            "import_job_transitions_total": "counter", "process_resident_memory_bytes": "gauge",
            "process_open_fds": "gauge", "process_start_time_seconds": "gauge",
        ]
        for (family, type) in expected {
            XCTAssertEqual(metrics.types[family], type, "# TYPE of \(family)")
            XCTAssertFalse(metrics.helps[family]?.isEmpty ?? true, "no # HELP text for \(family)")
        }
        XCTAssertEqual(metrics.value("http_requests_in_flight"), 1, "only the scrape itself is in flight")
        XCTAssertGreaterThan(metrics.value("process_resident_memory_bytes") ?? 0, 1_048_576, "resident memory")
        XCTAssertGreaterThan(metrics.value("process_open_fds") ?? 0, 2, "open fds")
        let start = try XCTUnwrap(metrics.value("process_start_time_seconds"))
        let now = Date().timeIntervalSince1970
        XCTAssertTrue(start <= now && start > now - 600, "process_start_time_seconds \(start) is not a recent Unix time")

        // Every route's histogram counts exactly the requests the counter counts for it.
        var countedByRoute: [String: Double] = [:]
        for sample in metrics.samples(named: "http_requests_total") {
            countedByRoute[sample.labels["route"] ?? "?", default: 0] += sample.value
            XCTAssertEqual(Set(sample.labels.keys), ["route", "method", "status"], "labels of \(sample)")
        }
        for (route, count) in countedByRoute {
            XCTAssertEqual(metrics.value("http_request_duration_seconds_count", ["route": route]), count,
                           "histogram _count of \(route) differs from its http_requests_total")
        }
        XCTAssertEqual(Set(metrics.samples(named: "http_request_duration_seconds_count").compactMap { $0.labels["route"] }),
                       Set(countedByRoute.keys), "routes of the histogram and of the counter differ")
        // The durations are plausible: every request here took under 5 s, so all sit below +Inf's neighbour.
        for sample in metrics.samples(named: "http_request_duration_seconds_bucket") where sample.labels["le"] == "5.0" {
            let route = sample.labels["route"] ?? "?"
            XCTAssertEqual(sample.value, metrics.value("http_request_duration_seconds_count", ["route": route]),
                           "requests of \(route) slower than 5 s")
        }
    }

    func testCountersMoveByExactlyTheRequestsMade() throws {
        let seed = try XCTUnwrap(try createJob().string("job_id"))
        let before = try scrapeMetrics()

        var jira: [String] = []
        for _ in 0..<3 { jira.append(try XCTUnwrap(try createJob(Payloads.jira).string("job_id"))) }
        _ = try createJob(Payloads.github)
        XCTAssertEqual(try client.get("/api/imports/\(jira[0])").status, 200)
        XCTAssertEqual(try client.get("/api/imports/\(seed)").status, 200)
        XCTAssertEqual(try send("PATCH", "/api/imports/\(jira[0])", json: ["status": "processing"]).status, 200)
        XCTAssertEqual(try send("PATCH", "/api/imports/\(jira[0])",
                                json: ["progress": ["total_items": 10, "processed_items": 4]]).status, 200)
        XCTAssertEqual(try client.send("POST", "/api/imports/\(jira[1])/cancel").status, 200)
        XCTAssertEqual(try client.send("POST", "/api/imports/\(jira[1])/cancel").status, 409)
        XCTAssertEqual(try client.get("/api/imports").status, 200)
        XCTAssertEqual(try client.get("/api/imports/\(UUID().uuidString.lowercased())").status, 404)

        let after = try scrapeMetrics()
        func key(_ route: String, _ method: String, _ status: Int) -> [String: String] {
            ["route": route, "method": method, "status": "\(status)"]
        }
        let job = "/api/imports/{job_id}"
        XCTAssertEqual(after.deltas("http_requests_total", since: before), [
            key("/api/imports", "POST", 201): 4,
            key(job, "GET", 200): 2,
            key(job, "PATCH", 200): 2,
            key("/api/imports/{job_id}/cancel", "POST", 200): 1,
            key("/api/imports/{job_id}/cancel", "POST", 409): 1,
            key("/api/imports", "GET", 200): 1,
            key(job, "GET", 404): 1,
            key("/metrics", "GET", 200): 1,
        ], "http_requests_total moved by something else than the requests made")
        XCTAssertEqual(after.deltas("import_jobs_created_total", since: before),
                       [["source_type": "jira"]: 3, ["source_type": "github"]: 1], "import_jobs_created_total")
        XCTAssertEqual(after.deltas("import_job_transitions_total", since: before),
                       [["from": "pending", "to": "processing"]: 1, ["from": "pending", "to": "cancelled"]: 1],
                       "import_job_transitions_total (a progress-only PATCH and a refused cancel are no transitions)")
        XCTAssertEqual(after.deltas("http_request_duration_seconds_count", since: before), [
            ["route": "/api/imports"]: 5, ["route": job]: 5, ["route": "/api/imports/{job_id}/cancel"]: 2,
            ["route": "/metrics"]: 1,
        ], "http_request_duration_seconds_count")
        let redisCommands = after.count("redis_command_duration_seconds_count") - before.count("redis_command_duration_seconds_count")
        XCTAssertGreaterThanOrEqual(redisCommands, 12, "redis_command_duration_seconds_count: 12 requests asked Redis")
        XCTAssertGreaterThan(after.count("redis_command_duration_seconds_sum"), before.count("redis_command_duration_seconds_sum"))
    }

    func testRouteLabelIsTheTemplateNeverARawID() throws {
        let id = try XCTUnwrap(try createJob().string("job_id"))
        let unknown = UUID().uuidString.lowercased()
        let tag = opsTag()
        _ = try client.get("/api/imports/\(id)")
        _ = try client.get("/api/imports/\(id.uppercased())")
        _ = try client.get("/api/imports/\(unknown)")
        _ = try client.get("/api/imports/not-a-uuid-\(tag)")
        _ = try client.send("POST", "/api/imports/\(id)/cancel")
        _ = try client.send("DELETE", "/api/imports/\(id)")
        _ = try client.get("/api/imports/\(id)/steps-\(tag)")
        _ = try client.get("/secret-path-\(tag)")
        _ = try client.get("/api/imports/\(id)?verbose=\(tag)")

        let response = try client.get("/metrics")
        let metrics = PrometheusExposition(parsing: response.text)
        XCTAssertEqual(metrics.problems, [])
        for sample in metrics.samples where sample.labels["route"] != nil {
            XCTAssertTrue(templates.contains(sample.labels["route"]!), "route label is not a template: \(sample)")
        }
        for needle in [id, id.uppercased(), unknown, tag] {
            XCTAssertFalse(response.text.contains(needle), "the metrics text holds the raw \(needle)")
        }
        XCTAssertGreaterThanOrEqual(metrics.count("http_requests_total", ["route": "unmatched", "method": "GET", "status": "404"]), 2,
                                    "unknown paths are not counted under route=\"unmatched\"")
        XCTAssertGreaterThanOrEqual(metrics.count("http_requests_total", ["route": "/api/imports/{job_id}", "method": "GET",
                                                                          "status": "404"]), 2)
    }

    func testRedisConnectedGaugeAndReconnectCounterFollowRedis() throws {
        let up = try scrapeMetrics()
        XCTAssertEqual(up.value("redis_connected"), 1, "redis_connected with Redis up")
        let reconnects = try XCTUnwrap(up.value("redis_reconnects_total"))

        redis.stop()
        var down: PrometheusExposition?
        let noticed = poll(timeout: 3, interval: 0.05) {
            down = try? scrapeMetrics()
            return down?.value("redis_connected") == 0
        }
        XCTAssertTrue(noticed, "redis_connected is not 0 within 3 s of Redis stopping: \(String(describing: down?.value("redis_connected")))")
        XCTAssertEqual(down?.value("redis_reconnects_total"), reconnects, "reconnects counted while Redis is down")

        try redis.start()
        XCTAssertTrue(opsWait(for: 200, on: client, timeout: 5), "health not 200 within 5 s of Redis returning")
        let back = try scrapeMetrics()
        XCTAssertEqual(back.value("redis_connected"), 1, "redis_connected after Redis returned")
        XCTAssertEqual(back.value("redis_reconnects_total"), reconnects + 1, "redis_reconnects_total after one restart")
    }

    /// The checker itself must catch what a scraper would reject.
    func testExpositionCheckerRejectsBrokenText() {
        let valid = """
        # HELP a_total A.
        # TYPE a_total counter
        a_total{route="/x",method="GET"} 3
        # TYPE h histogram
        h_bucket{le="0.5"} 1
        h_bucket{le="1.0"} 2
        h_bucket{le="+Inf"} 2
        h_sum 0.7
        h_count 2

        """
        XCTAssertEqual(PrometheusExposition(parsing: valid).problems, [])
        XCTAssertEqual(PrometheusExposition(parsing: valid).value("a_total", ["route": "/x", "method": "GET"]), 3)
        let broken = [
            "unquoted label": "# TYPE a counter\na{route=/x} 1\n",
            "no TYPE": "a 1\n",
            "TYPE after sample": "# TYPE a gauge\na 1\n# TYPE b gauge\nb 1\n# TYPE a gauge\n",
            "not grouped": "# TYPE a gauge\n# TYPE b gauge\na 1\nb 1\na{x=\"1\"} 2\n",
            "bad value": "# TYPE a gauge\na one\n",
            "duplicate": "# TYPE a gauge\na 1\na 2\n",
            "negative counter": "# TYPE a counter\na -1\n",
            "not cumulative": "# TYPE h histogram\nh_bucket{le=\"1\"} 3\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 2\n",
            "inf != count": "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 3\n",
            "no +Inf": "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n",
            "bad escape": "# TYPE a gauge\na{x=\"\\q\"} 1\n",
            "no final newline": "# TYPE a gauge\na 1",
        ]
        for (name, text) in broken {
            XCTAssertFalse(PrometheusExposition(parsing: text).problems.isEmpty, "checker accepted \(name): \(text)")
        }
    }
}
