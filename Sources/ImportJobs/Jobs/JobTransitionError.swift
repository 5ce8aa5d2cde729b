/// A change refused because of the job's status (HTTP 409).
public struct JobTransitionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The job's status when the change was asked for.
    public let current: JobStatus
    /// The status asked for, or `nil` when the change did not name one.
    public let requested: JobStatus?

    /// Creates an error for a refused change from `current` to `requested`.
    public init(current: JobStatus, requested: JobStatus?) {
        self.current = current
        self.requested = requested
    }

    /// A sentence for the problem detail, such as
    /// "cannot change status from pending to completed".
    public var message: String {
        if current.isFinal {
            return "job is already \(current.rawValue) and can no longer change"
        }
        let target = requested?.rawValue ?? "(none)"
        return "cannot change status from \(current.rawValue) to \(target)"
    }

    /// Same as ``message``.
    public var description: String { message }
}
