/// The checklist, in the order the document lists it, plus the lifecycle checks the
/// service's PATCH endpoint makes possible.
enum CheckItem: String, CaseIterable {
    case redisReachable = "redis_reachable"
    case serviceReachable = "service_reachable"
    case jobCreated = "job_created"
    case keyExists = "key_exists"
    case validJSON = "valid_json"
    case requiredFields = "required_fields"
    case statusPending = "status_pending"
    case timeToLive = "ttl"
    case retrievable = "retrievable"
    case dataMatches = "data_matches"
    case listed = "listed"
    case processing = "processing"
    case completed = "completed"
    case timeToLiveReset = "ttl_reset"

    /// The checklist line, as the document words it where it has the item.
    func title(expectedTTLSeconds: Int) -> String {
        switch self {
        case .redisReachable: "Redis is running and accessible"
        case .serviceReachable: "Integration service is running"
        case .jobCreated: "Import job can be created via POST /api/imports"
        case .keyExists: "Job is stored in Redis with key import:job:{job_id}"
        case .validJSON: "Redis value is valid JSON"
        case .requiredFields: "JSON contains all twelve required fields"
        case .statusPending: "Status is pending"
        case .timeToLive: "TTL is set to \(expectedTTLSeconds) seconds\(Self.hours(expectedTTLSeconds))"
        case .retrievable: "Job can be retrieved via GET /api/imports/{job_id}"
        case .dataMatches: "Retrieved job data matches what was stored"
        case .listed: "Jobs can be listed via GET /api/imports"
        case .processing: "PATCH to processing sets started_at"
        case .completed: "PATCH to completed sets completed_at and progress"
        case .timeToLiveReset: "Each update resets the TTL"
        }
    }

    private static func hours(_ seconds: Int) -> String {
        guard seconds % 3600 == 0 else { return "" }
        let count = seconds / 3600
        return " (\(count) hour\(count == 1 ? "" : "s"))"
    }
}

/// What one check found.
struct CheckResult {
    /// Passed, failed, or not run.
    enum Outcome: String {
        case passed, failed, skipped
    }

    /// How the check ended.
    let outcome: Outcome
    /// What the verifier saw, or why the check was skipped.
    let detail: String
    /// For a failure: the likely cause and the fix.
    let advice: Advice?

    /// A passed check that saw `detail`.
    static func passed(_ detail: String) -> CheckResult {
        CheckResult(outcome: .passed, detail: detail, advice: nil)
    }

    /// A failed check that saw `detail`, with what probably caused it and how to fix it.
    static func failed(_ detail: String, _ advice: Advice) -> CheckResult {
        CheckResult(outcome: .failed, detail: detail, advice: advice)
    }

    /// A check that was not run, and why.
    static func skipped(_ reason: String) -> CheckResult {
        CheckResult(outcome: .skipped, detail: reason, advice: nil)
    }
}

/// The troubleshooting for one failure: the likely cause and the fix.
struct Advice {
    /// Why the check probably failed.
    let cause: String
    /// What to do about it.
    let fix: String
}
