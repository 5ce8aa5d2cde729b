extension ImportJob {
    /// Applies a worker's update at time `now`.
    ///
    /// - A job in a final status accepts no update at all.
    /// - A `status` equal to the current one is not a transition and is
    ///   accepted (so a worker may resend it with new progress); any other
    ///   status must be allowed by ``JobStatus/canTransition(to:)``.
    /// - Entering `processing` sets `startedAt`; entering a final status sets
    ///   `completedAt`.
    /// - `progress` replaces the stored progress; `error` is set, cleared or
    ///   left as it is.
    /// - `updatedAt` becomes `now`.
    ///
    /// On error the job is left unchanged.
    public mutating func apply(_ patch: JobPatch, at now: Timestamp) throws(JobTransitionError) {
        guard !status.isFinal else {
            throw JobTransitionError(current: status, requested: patch.status)
        }
        if let next = patch.status, next != status {
            guard status.canTransition(to: next) else {
                throw JobTransitionError(current: status, requested: next)
            }
            status = next
            if next == .processing { startedAt = now }
            if next.isFinal { completedAt = now }
        }
        if let progress = patch.progress {
            self.progress = progress
        }
        switch patch.error {
        case .unchanged: break
        case .cleared: error = nil
        case .set(let message): error = message
        }
        updatedAt = now
    }

    /// Cancels the job at time `now`, or throws when it is already final.
    public mutating func cancel(at now: Timestamp) throws(JobTransitionError) {
        try apply(JobPatch(status: .cancelled), at: now)
    }
}
