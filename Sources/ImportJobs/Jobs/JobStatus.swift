/// Where an import job is in its life cycle.
///
/// ```
/// pending ──► processing ──► completed
///    │             ├──────► failed
///    ├──► failed   └──────► cancelled
///    └──► cancelled
/// ```
public enum JobStatus: String, CaseIterable, Sendable {
    /// Accepted and waiting for a worker.
    case pending
    /// A worker is importing.
    case processing
    /// Finished successfully (final).
    case completed
    /// Finished with an error (final).
    case failed
    /// Stopped on request (final).
    case cancelled

    /// Whether the job can no longer change: completed, failed or cancelled.
    public var isFinal: Bool {
        switch self {
        case .pending, .processing: return false
        case .completed, .failed, .cancelled: return true
        }
    }

    /// Whether a job in this status may move to `next`. Staying in the same
    /// status is not a transition and returns false.
    public func canTransition(to next: JobStatus) -> Bool {
        switch (self, next) {
        case (.pending, .processing), (.pending, .cancelled), (.pending, .failed):
            return true
        case (.processing, .completed), (.processing, .failed), (.processing, .cancelled):
            return true
        default:
            return false
        }
    }

    /// The raw values joined for error messages: "pending, processing, …".
    public static let allowedValuesDescription = allCases.map(\.rawValue).joined(separator: ", ")
}
