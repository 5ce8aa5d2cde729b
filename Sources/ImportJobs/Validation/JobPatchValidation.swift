/// Validation of `PATCH /api/imports/{job_id}` bodies.
public enum JobPatchValidation {
    /// The most characters (Unicode scalars) an `error` message may have.
    public static let maximumErrorLength = 4096

    /// Checks a parsed body, returning the patch or every problem found.
    ///
    /// The body must be an object with at least one of `status`, `progress`
    /// and `error` (else one error on field "": "nothing to update").
    /// `status` is one of the five statuses; `progress` is an object with
    /// `total_items` and `processed_items` (required) and `failed_items`
    /// (default 0), all integers of 0 or more, where processed plus failed
    /// may not exceed total, and a sent `percentage` is ignored; `error` is
    /// a string of at most 4096 characters, or null to clear it. Unknown
    /// keys, at the top level or in `progress`, are errors.
    public static func validate(_ body: JSONValue) -> Result<JobPatch, ValidationErrors> {
        guard case .object(let object) = body else {
            return .failure([FieldError(field: "", message: "the request body must be a JSON object")])
        }
        var errors: [FieldError] = []
        var patch = JobPatch()
        var hasUpdate = false
        for (key, value) in object.members {
            switch key {
            case "status":
                hasUpdate = true
                patch.status = readStatus(value, errors: &errors)
            case "progress":
                hasUpdate = true
                patch.progress = readProgress(value, errors: &errors)
            case "error":
                hasUpdate = true
                patch.error = readError(value, errors: &errors)
            default:
                errors.append(FieldError(field: key, message: "is not a known field; expected status, progress or error"))
            }
        }
        if !hasUpdate {
            errors.append(FieldError(field: "", message: "nothing to update"))
        }
        return errors.isEmpty ? .success(patch) : .failure(ValidationErrors(errors))
    }

    private static func readStatus(_ value: JSONValue, errors: inout [FieldError]) -> JobStatus? {
        if case .string(let text) = value, let status = JobStatus(rawValue: text) {
            return status
        }
        errors.append(FieldError(field: "status", message: "must be one of: \(JobStatus.allowedValuesDescription)"))
        return nil
    }

    private static func readError(_ value: JSONValue, errors: inout [FieldError]) -> ErrorChange {
        switch value {
        case .null:
            return .cleared
        case .string(let message):
            if TextRules.isLonger(message, than: maximumErrorLength) {
                errors.append(FieldError(field: "error", message: "must be at most \(maximumErrorLength) characters"))
                return .unchanged
            }
            return .set(message)
        default:
            errors.append(FieldError(field: "error", message: "must be a string or null"))
            return .unchanged
        }
    }

    private static func readProgress(_ value: JSONValue, errors: inout [FieldError]) -> JobProgress? {
        guard case .object(let object) = value else {
            errors.append(FieldError(field: "progress", message: "must be an object"))
            return nil
        }
        let errorCount = errors.count
        for key in object.keys where !["total_items", "processed_items", "failed_items", "percentage"].contains(key) {
            errors.append(FieldError(
                field: "progress." + key,
                message: "is not a known field; expected total_items, processed_items or failed_items"))
        }
        let total = readCount(object["total_items"], field: "progress.total_items", isRequired: true, errors: &errors)
        let processed = readCount(
            object["processed_items"], field: "progress.processed_items", isRequired: true, errors: &errors)
        let failed = readCount(object["failed_items"], field: "progress.failed_items", isRequired: false, errors: &errors)
        guard errors.count == errorCount, let total, let processed, let failed else { return nil }

        let (done, overflow) = processed.addingReportingOverflow(failed)
        guard !overflow, done <= total else {
            errors.append(FieldError(
                field: "progress", message: "processed_items plus failed_items must not exceed total_items"))
            return nil
        }
        return JobProgress(totalItems: total, processedItems: processed, failedItems: failed)
    }

    /// The largest count: 2^53 - 1, the last integer every JSON reader (and Redis's Lua)
    /// holds exactly.
    public static let maximumCount = 9_007_199_254_740_991

    /// Reads a count of 0 or more; an absent optional count is 0.
    private static func readCount(
        _ value: JSONValue?,
        field: String,
        isRequired: Bool,
        errors: inout [FieldError]
    ) -> Int? {
        switch IntegerRules.read(value) {
        case .absent:
            if !isRequired { return 0 }
            errors.append(FieldError(field: field, message: "is required"))
        case .value(let number) where number >= 0 && number <= maximumCount:
            return number
        case .value(let number) where number > maximumCount:
            errors.append(FieldError(field: field, message: "must be at most \(maximumCount)"))
        case .value:
            errors.append(FieldError(field: field, message: "must be 0 or more"))
        case .outOfRange:
            errors.append(FieldError(field: field, message: "is too large"))
        case .notAnInteger:
            errors.append(FieldError(field: field, message: "must be an integer"))
        }
        return nil
    }
}
