/// Validation of `POST /api/imports` bodies.
public enum CreateJobValidation {
    /// Checks a parsed body and the `X-Tenant-ID` / `X-Correlation-ID`
    /// header values, returning the validated request or every problem
    /// found (not just the first).
    ///
    /// Rules, by field:
    /// - the body must be an object (else one error on field "");
    /// - `source_type`: required, one of jira, servicenow, github, gitlab;
    /// - `source_config`: required object with the strings each source type
    ///   needs (non-empty after trimming, at most 2048 characters, URLs
    ///   absolute http(s) with a host and no credentials, email with one @);
    ///   only non-secret fields are kept;
    /// - `options`: optional object (or null); `batch_size` 1...1000
    ///   (default 100), `preview_limit` 0...1000 (default 10); unknown
    ///   option keys are ignored;
    /// - `tenant_id`, `correlation_id`: optional string or null of 1...256
    ///   characters from `A-Z a-z 0-9 . _ : @ / -`; the matching header
    ///   fills a missing value, and a header that disagrees with the body
    ///   is an error. An empty header counts as absent.
    /// Unknown top-level keys are ignored.
    public static func validate(
        _ body: JSONValue,
        tenantHeader: String?,
        correlationHeader: String?
    ) -> Result<CreateJobRequest, ValidationErrors> {
        guard case .object(let object) = body else {
            return .failure([FieldError(field: "", message: "the request body must be a JSON object")])
        }
        var errors: [FieldError] = []
        let sourceType = readSourceType(object["source_type"], errors: &errors)
        let source = readSourceConfig(object["source_config"], type: sourceType, errors: &errors)
        let options = readOptions(object["options"], errors: &errors)
        let tenantID = readIdentifier(
            object["tenant_id"], field: "tenant_id", header: tenantHeader, headerName: "X-Tenant-ID", errors: &errors)
        let correlationID = readIdentifier(
            object["correlation_id"], field: "correlation_id", header: correlationHeader,
            headerName: "X-Correlation-ID", errors: &errors)

        guard errors.isEmpty, let sourceType, let source else {
            return .failure(ValidationErrors(errors))
        }
        return .success(CreateJobRequest(
            sourceType: sourceType, source: source, options: options,
            tenantID: tenantID, correlationID: correlationID))
    }

    private static func readSourceType(_ value: JSONValue?, errors: inout [FieldError]) -> SourceType? {
        let allowed = SourceType.allowedValuesDescription
        switch value {
        case nil, .null?:
            errors.append(FieldError(field: "source_type", message: "is required; one of: \(allowed)"))
        case .string(let text)?:
            if let type = SourceType(rawValue: text) { return type }
            errors.append(FieldError(field: "source_type", message: "must be one of: \(allowed)"))
        case .some:
            errors.append(FieldError(field: "source_type", message: "must be one of: \(allowed)"))
        }
        return nil
    }

    private static func readSourceConfig(
        _ value: JSONValue?,
        type: SourceType?,
        errors: inout [FieldError]
    ) -> JSONObject? {
        switch value {
        case nil, .null?:
            errors.append(FieldError(field: "source_config", message: "is required"))
            return nil
        case .object(let config)?:
            guard let type else { return nil }
            return SourceConfigRules.validate(config, type: type, errors: &errors)
        case .some:
            errors.append(FieldError(field: "source_config", message: "must be an object"))
            return nil
        }
    }

    private static func readOptions(_ value: JSONValue?, errors: inout [FieldError]) -> ImportOptions {
        switch value {
        case nil, .null?:
            return ImportOptions()
        case .object(let options)?:
            return ImportOptions(
                batchSize: IntegerRules.read(
                    options["batch_size"], field: "options.batch_size", range: ImportOptions.batchSizeRange,
                    defaultValue: ImportOptions.defaultBatchSize, errors: &errors),
                previewLimit: IntegerRules.read(
                    options["preview_limit"], field: "options.preview_limit", range: ImportOptions.previewLimitRange,
                    defaultValue: ImportOptions.defaultPreviewLimit, errors: &errors))
        case .some:
            errors.append(FieldError(field: "options", message: "must be an object"))
            return ImportOptions()
        }
    }

    /// Reads `tenant_id` or `correlation_id` from the body and its header.
    private static func readIdentifier(
        _ value: JSONValue?,
        field: String,
        header: String?,
        headerName: String,
        errors: inout [FieldError]
    ) -> String? {
        var fromBody: String?
        switch value {
        case nil, .null?:
            break
        case .string(let text)?:
            if TextRules.isValidIdentifier(text) {
                fromBody = text
            } else {
                errors.append(FieldError(field: field, message: TextRules.identifierRule))
            }
        case .some:
            errors.append(FieldError(field: field, message: "must be a string or null"))
        }

        let headerValue = header.map(trimmedHeaderValue).flatMap { $0.isEmpty ? nil : $0 }
        guard let headerValue else { return fromBody }
        guard TextRules.isValidIdentifier(headerValue) else {
            errors.append(FieldError(field: field, message: "the \(headerName) header " + TextRules.identifierRule))
            return nil
        }
        if let fromBody, fromBody != headerValue {
            errors.append(FieldError(field: field, message: "does not match the \(headerName) header"))
            return nil
        }
        return headerValue
    }

    /// `value` without the spaces and tabs HTTP allows around a field value.
    private static func trimmedHeaderValue(_ value: String) -> String {
        let utf8 = value.utf8
        guard let first = utf8.firstIndex(where: { $0 != ASCII.space && $0 != ASCII.tab }) else { return "" }
        let last = utf8.lastIndex(where: { $0 != ASCII.space && $0 != ASCII.tab })!
        return String(value[first...last])
    }
}
