import Foundation

/// Facts about the job document fixed by the contract, and checks on its values.
enum JobDocument {
    /// The twelve fields that are always present (null where unknown).
    static let requiredFields = ["job_id", "request_id", "status", "source_type", "created_at", "updated_at",
                                 "tenant_id", "correlation_id", "progress", "error", "started_at", "completed_at"]

    /// The redis key of job `id`.
    static func key(_ id: String) -> String { "import:job:\(id)" }

    /// Whether `value` is a lowercase, 36-character, hyphenated UUID.
    static func isLowercaseUUID(_ value: Any?) -> Bool {
        guard let text = value as? String, text.count == 36, text == text.lowercased() else { return false }
        return UUID(uuidString: text) != nil
    }

    /// Parses an ISO-8601 UTC timestamp (`Z` or `+00:00`, optional fractional seconds).
    static func parseUTCTimestamp(_ value: Any?) -> Date? {
        guard let text = value as? String else { return nil }
        let pattern = #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|\+00:00)$"#
        guard text.range(of: pattern, options: .regularExpression) != nil else { return nil }
        // ISO8601DateFormatter handles at most milliseconds; drop extra fraction digits.
        var normalized = text.replacingOccurrences(of: "+00:00", with: "Z")
        if let dot = normalized.firstIndex(of: ".") {
            let fraction = normalized[normalized.index(after: dot)..<normalized.index(before: normalized.endIndex)]
            normalized = String(normalized[..<dot]) + "." + String((fraction + "000").prefix(3)) + "Z"
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = normalized.contains(".") ? [.withInternetDateTime, .withFractionalSeconds]
                                                           : [.withInternetDateTime]
        return formatter.date(from: normalized)
    }

    /// Whether `a` and `b` are equal JSON values (numbers compared by value, key order ignored).
    static func jsonEqual(_ a: Any?, _ b: Any?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (is NSNull, is NSNull): return true
        case let (x as [String: Any], y as [String: Any]):
            return x.count == y.count && x.allSatisfy { key, value in y[key].map { jsonEqual(value, $0) } ?? false }
        case let (x as [Any], y as [Any]):
            return x.count == y.count && zip(x, y).allSatisfy { jsonEqual($0, $1) }
        case let (x as String, y as String): return x == y
        case let (x as NSNumber, y as NSNumber): return x == y
        default: return false
        }
    }

    /// Compact text of a JSON value for messages.
    static func text(_ value: Any?) -> String {
        guard let value else { return "nil" }
        if let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]) {
            return String(decoding: data, as: UTF8.self)
        }
        return "\(value)"
    }
}
