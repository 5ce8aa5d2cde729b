import ImportJobs

/// Turns a `Report` into what the user sees: checklist lines, or one JSON document.
struct ReportPrinter {
    /// The options of the run, for titles and the JSON header.
    let options: VerifierOptions

    /// The mark in front of a line: ✓ passed, ✗ failed, – skipped.
    static func mark(_ outcome: CheckResult.Outcome) -> String {
        switch outcome {
        case .passed: "✓"
        case .failed: "✗"
        case .skipped: "–"
        }
    }

    /// One checklist line, plus an indented cause/fix line under a failure.
    func lines(for item: CheckItem, _ result: CheckResult) -> [String] {
        let title = item.title(expectedTTLSeconds: options.expectedTTLSeconds)
        let seen = result.outcome == .skipped ? "skipped: \(result.detail)" : result.detail
        var lines = ["\(Self.mark(result.outcome)) \(title) — \(seen)"]
        if let advice = result.advice {
            lines.append("    likely cause: \(advice.cause) — fix: \(advice.fix)")
        }
        return lines
    }

    /// The lines after the checklist: what happened to the job, then the summary.
    func closingLines(for report: Report) -> [String] {
        (report.cleanup.map { ["  \($0)"] } ?? []) + [report.summary]
    }

    /// The whole run as one JSON object.
    func json(for report: Report) -> String {
        var checks: [JSONValue] = []
        for item in CheckItem.allCases {
            guard let result = report.results[item] else { continue }
            var check: JSONObject = [
                "id": .string(item.rawValue),
                "title": .string(item.title(expectedTTLSeconds: options.expectedTTLSeconds)),
                "status": .string(result.outcome.rawValue),
                "detail": .string(result.detail),
            ]
            check["cause"] = result.advice.map { .string($0.cause) } ?? .null
            check["fix"] = result.advice.map { .string($0.fix) } ?? .null
            checks.append(.object(check))
        }
        let document: JSONObject = [
            "base_url": .string(options.serviceURL.description),
            "redis_url": .string(options.redisEndpoint.redacted),
            "expected_ttl": .integer(Int64(options.expectedTTLSeconds)),
            "job_id": report.jobID.map { .string($0) } ?? .null,
            "checks": .array(checks),
            "passed": .integer(Int64(report.count(.passed))),
            "failed": .integer(Int64(report.count(.failed))),
            "skipped": .integer(Int64(report.count(.skipped))),
            "cleanup": report.cleanup.map { .string($0) } ?? .null,
            "exit_code": .integer(Int64(report.exitCode)),
        ]
        return JSONValue.object(document).serialized
    }
}
