/// What a `PATCH /api/imports/{job_id}` does to the job's `error` field.
public enum ErrorChange: Equatable, Sendable {
    /// The body has no `error` key: keep the stored value.
    case unchanged
    /// The body has `"error": null`: remove the stored value.
    case cleared
    /// The body has an error string: store it.
    case set(String)
}

/// A validated worker update. Applying it is ``ImportJob/apply(_:at:)``.
public struct JobPatch: Equatable, Sendable {
    /// The status to move to, if given.
    public var status: JobStatus?
    /// The new progress (percentage computed by the server), if given.
    public var progress: JobProgress?
    /// What to do with the job's error message.
    public var error: ErrorChange

    /// Creates a patch; by default it changes nothing.
    public init(status: JobStatus? = nil, progress: JobProgress? = nil, error: ErrorChange = .unchanged) {
        self.status = status
        self.progress = progress
        self.error = error
    }
}
