extension ImportJob {
    /// Reads a job document back, as written by ``jsonDocument``.
    ///
    /// Every field must be present (with `null` where the value is unknown)
    /// and have the right type: timestamps in ISO 8601 UTC, `job_id` a
    /// lowercase UUID, `status` and `source_type` known values. Unknown
    /// extra fields are ignored.
    public init(parsing document: JSONValue) throws(JobDocumentError) {
        guard case .object(let object) = document else {
            throw JobDocumentError(field: "", message: "must be a JSON object, not \(document.kindDescription)")
        }
        let reader = DocumentReader(object: object, path: "")
        let jobID = try reader.string("job_id")
        guard JobID.isValid(jobID), jobID == jobID.lowercased() else {
            throw JobDocumentError(field: "job_id", message: "must be a lowercase UUID")
        }
        let statusText = try reader.string("status")
        guard let status = JobStatus(rawValue: statusText) else {
            throw JobDocumentError(field: "status", message: "must be one of: \(JobStatus.allowedValuesDescription)")
        }
        let sourceTypeText = try reader.string("source_type")
        guard let sourceType = SourceType(rawValue: sourceTypeText) else {
            throw JobDocumentError(field: "source_type", message: "must be one of: \(SourceType.allowedValuesDescription)")
        }
        self.init(
            jobID: jobID,
            requestID: try reader.string("request_id"),
            status: status,
            sourceType: sourceType,
            createdAt: try reader.timestamp("created_at"),
            updatedAt: try reader.timestamp("updated_at"),
            tenantID: try reader.optionalString("tenant_id"),
            correlationID: try reader.optionalString("correlation_id"),
            progress: try reader.optionalObject("progress").map { progress throws(JobDocumentError) in
                try Self.progress(from: progress)
            },
            error: try reader.optionalString("error"),
            startedAt: try reader.optionalTimestamp("started_at"),
            completedAt: try reader.optionalTimestamp("completed_at"),
            options: try Self.options(from: reader.object("options")),
            source: try reader.object("source").object
        )
    }

    private static func progress(from reader: DocumentReader) throws(JobDocumentError) -> JobProgress {
        JobProgress(
            totalItems: try reader.integer("total_items"),
            processedItems: try reader.integer("processed_items"),
            failedItems: try reader.integer("failed_items"),
            percentage: try reader.number("percentage")
        )
    }

    private static func options(from reader: DocumentReader) throws(JobDocumentError) -> ImportOptions {
        ImportOptions(batchSize: try reader.integer("batch_size"), previewLimit: try reader.integer("preview_limit"))
    }
}

/// Typed, path-aware access to the members of one object in a document.
private struct DocumentReader {
    let object: JSONObject
    let path: String

    func string(_ key: String) throws(JobDocumentError) -> String {
        guard let text = try optionalString(key) else { throw failure(key, "must be a string, not null") }
        return text
    }

    func optionalString(_ key: String) throws(JobDocumentError) -> String? {
        switch try value(key) {
        case .null: return nil
        case .string(let text): return text
        case let other: throw failure(key, "must be a string or null, not \(other.kindDescription)")
        }
    }

    func timestamp(_ key: String) throws(JobDocumentError) -> Timestamp {
        guard let time = try optionalTimestamp(key) else { throw failure(key, "must be a timestamp, not null") }
        return time
    }

    func optionalTimestamp(_ key: String) throws(JobDocumentError) -> Timestamp? {
        guard let text = try optionalString(key) else { return nil }
        guard let time = Timestamp(iso8601: text) else {
            throw failure(key, "must be an ISO 8601 UTC timestamp such as 2024-01-03T10:30:00Z")
        }
        return time
    }

    func integer(_ key: String) throws(JobDocumentError) -> Int {
        guard case .integer(let number) = try value(key), let result = Int(exactly: number) else {
            throw failure(key, "must be an integer")
        }
        return result
    }

    func number(_ key: String) throws(JobDocumentError) -> Double {
        guard let number = try value(key).numberValue else { throw failure(key, "must be a number") }
        return number
    }

    func object(_ key: String) throws(JobDocumentError) -> DocumentReader {
        guard let reader = try optionalObject(key) else { throw failure(key, "must be an object, not null") }
        return reader
    }

    func optionalObject(_ key: String) throws(JobDocumentError) -> DocumentReader? {
        switch try value(key) {
        case .null: return nil
        case .object(let nested): return DocumentReader(object: nested, path: fieldPath(key))
        case let other: throw failure(key, "must be an object or null, not \(other.kindDescription)")
        }
    }

    private func value(_ key: String) throws(JobDocumentError) -> JSONValue {
        guard let value = object[key] else { throw failure(key, "is missing") }
        return value
    }

    private func fieldPath(_ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    private func failure(_ key: String, _ message: String) -> JobDocumentError {
        JobDocumentError(field: fieldPath(key), message: message)
    }
}
