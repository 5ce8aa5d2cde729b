extension ImportJob {
    /// The job as compact JSON, keys in this exact order: job_id, request_id,
    /// status, source_type, created_at, updated_at, tenant_id,
    /// correlation_id, progress, error, started_at, completed_at, options,
    /// source. Unknown values are written as `null`, never left out.
    public var jsonDocument: String {
        String(decoding: jsonDocumentBytes, as: UTF8.self)
    }

    /// ``jsonDocument`` as UTF-8 bytes, ready for Redis or an HTTP body.
    public var jsonDocumentBytes: [UInt8] {
        let estimate = 480 + jobID.utf8.count + requestID.utf8.count + (error?.utf8.count ?? 0) + source.count * 64
        var writer = JSONWriter(capacity: estimate)
        writer.append("{\"job_id\":")
        writer.append(string: jobID)
        writer.append(",\"request_id\":")
        writer.append(string: requestID)
        writer.append(",\"status\":")
        writer.append(string: status.rawValue)
        writer.append(",\"source_type\":")
        writer.append(string: sourceType.rawValue)
        writer.append(",\"created_at\":")
        writer.append(timestamp: createdAt)
        writer.append(",\"updated_at\":")
        writer.append(timestamp: updatedAt)
        writer.append(",\"tenant_id\":")
        writer.append(optionalString: tenantID)
        writer.append(",\"correlation_id\":")
        writer.append(optionalString: correlationID)
        writer.append(",\"progress\":")
        if let progress {
            progress.write(to: &writer)
        } else {
            writer.append("null")
        }
        writer.append(",\"error\":")
        writer.append(optionalString: error)
        writer.append(",\"started_at\":")
        writer.append(timestamp: startedAt)
        writer.append(",\"completed_at\":")
        writer.append(timestamp: completedAt)
        writer.append(",\"options\":")
        options.write(to: &writer)
        writer.append(",\"source\":")
        writer.append(object: source)
        writer.append(byte: ASCII.rightBrace)
        return writer.bytes
    }

    /// Appends ``jsonDocument`` to `output`.
    public func write(to output: inout String) {
        output.append(jsonDocument)
    }
}
