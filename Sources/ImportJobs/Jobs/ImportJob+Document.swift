extension ImportJob {
    /// The job as compact JSON, keys in this exact order: job_id, request_id,
    /// status, source_type, created_at, updated_at, tenant_id,
    /// correlation_id, progress, error, started_at, completed_at, options,
    /// source. Unknown values are written as `null`, never left out.
    public var jsonDocument: String {
        var output = ""
        output.reserveCapacity(480 + jobID.utf8.count + requestID.utf8.count + (error?.utf8.count ?? 0) + source.count * 48)
        write(to: &output)
        return output
    }

    /// Appends ``jsonDocument`` to `output`.
    public func write(to output: inout String) {
        output.append("{\"job_id\":")
        JSONString.append(jobID, to: &output)
        output.append(",\"request_id\":")
        JSONString.append(requestID, to: &output)
        output.append(",\"status\":\"")
        output.append(status.rawValue)
        output.append("\",\"source_type\":\"")
        output.append(sourceType.rawValue)
        output.append("\",\"created_at\":")
        Self.append(createdAt, to: &output)
        output.append(",\"updated_at\":")
        Self.append(updatedAt, to: &output)
        output.append(",\"tenant_id\":")
        Self.append(tenantID, to: &output)
        output.append(",\"correlation_id\":")
        Self.append(correlationID, to: &output)
        output.append(",\"progress\":")
        if let progress {
            progress.write(to: &output)
        } else {
            output.append("null")
        }
        output.append(",\"error\":")
        Self.append(error, to: &output)
        output.append(",\"started_at\":")
        Self.append(startedAt, to: &output)
        output.append(",\"completed_at\":")
        Self.append(completedAt, to: &output)
        output.append(",\"options\":")
        options.write(to: &output)
        output.append(",\"source\":")
        source.write(to: &output)
        output.append("}")
    }

    private static func append(_ string: String?, to output: inout String) {
        if let string {
            JSONString.append(string, to: &output)
        } else {
            output.append("null")
        }
    }

    private static func append(_ timestamp: Timestamp?, to output: inout String) {
        if let timestamp {
            output.append("\"")
            timestamp.writeISO8601(to: &output)
            output.append("\"")
        } else {
            output.append("null")
        }
    }
}
