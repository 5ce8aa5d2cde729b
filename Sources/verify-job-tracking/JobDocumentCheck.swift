import ImportJobs

/// The document's rules for a stored job, applied to a parsed JSON object.
enum JobDocumentCheck {
    /// The twelve fields every job document has, `null` where unknown.
    static let requiredFields = ["job_id", "request_id", "status", "source_type", "created_at", "updated_at",
                                 "tenant_id", "correlation_id", "progress", "error", "started_at", "completed_at"]

    /// What is wrong with the twelve fields of `document` (empty when nothing is): missing
    /// fields, values of the wrong type, and a `job_id` other than `jobID`.
    static func problems(in document: JSONObject, jobID: String) -> [String] {
        let missing = requiredFields.filter { !document.contains(key: $0) }
        var problems = missing.isEmpty ? [] : ["missing \(missing.joined(separator: ", "))"]
        for field in requiredFields {
            guard let value = document[field], let problem = typeProblem(field, value) else { continue }
            problems.append("\(field) \(problem)")
        }
        if let stored = document["job_id"]?.stringValue, stored != jobID {
            problems.append("job_id is \(stored), not \(jobID)")
        }
        return problems
    }

    /// Why `value` does not fit `field`'s documented type, or nil when it does.
    private static func typeProblem(_ field: String, _ value: JSONValue) -> String? {
        switch field {
        case "job_id", "request_id", "status", "source_type":
            return value.stringValue == nil ? "is \(value.kindDescription), not a string" : nil
        case "created_at", "updated_at":
            return isTimestamp(value) ? nil : "is not an ISO-8601 UTC timestamp"
        case "started_at", "completed_at":
            return value.isNull || isTimestamp(value) ? nil : "is neither null nor an ISO-8601 UTC timestamp"
        case "progress":
            return value.isNull || value.objectValue != nil ? nil : "is \(value.kindDescription), not an object or null"
        default:
            return value.isNull || value.stringValue != nil ? nil : "is \(value.kindDescription), not a string or null"
        }
    }

    /// Whether `value` is a UTC timestamp such as `2024-01-03T10:30:00Z` (or `+00:00`).
    static func isTimestamp(_ value: JSONValue?) -> Bool {
        guard var text = value?.stringValue else { return false }
        if text.hasSuffix("+00:00") { text = String(text.dropLast(6)) + "Z" }
        return Timestamp(iso8601: text) != nil
    }

    /// The fields whose values differ between `stored` and `served`, each as
    /// `name (Redis X, API Y)`; key order does not matter.
    static func differences(stored: JSONObject, served: JSONObject) -> [String] {
        var names = stored.keys
        names += served.keys.filter { !stored.contains(key: $0) }
        return names.compactMap { name in
            let left = stored[name]
            let right = served[name]
            guard !sameValue(left, right) else { return nil }
            return "\(name) (Redis \(shown(left)), API \(shown(right)))"
        }
    }

    /// Deep equality that ignores the order of object members.
    static func sameValue(_ left: JSONValue?, _ right: JSONValue?) -> Bool {
        switch (left, right) {
        case (nil, nil):
            return true
        case (.object(let a)?, .object(let b)?):
            return a.count == b.count && a.members.allSatisfy { sameValue($0.value, b[$0.key]) }
        case (.array(let a)?, .array(let b)?):
            return a.count == b.count && zip(a, b).allSatisfy { sameValue($0, $1) }
        case (let a?, let b?):
            if let x = a.numberValue, let y = b.numberValue { return x == y }
            return a == b
        default:
            return false
        }
    }

    private static func shown(_ value: JSONValue?) -> String {
        guard let value else { return "missing" }
        let text = value.serialized
        return text.count > 60 ? String(text.prefix(60)) + "…" : text
    }
}
