import ImportJobs
import Testing

@Suite("Applying updates to jobs")
struct ImportJobTransitionTests {
    static let start = ImportJobDocumentTests.created
    static let later = start.adding(milliseconds: 5_000)

    static func job(_ status: JobStatus) -> ImportJob {
        var job = ImportJobDocumentTests.freshJob()
        job.status = status
        return job
    }

    @Test func enteringProcessingSetsStartedAt() throws {
        var job = Self.job(.pending)
        try job.apply(JobPatch(status: .processing), at: Self.later)
        #expect(job.status == .processing)
        #expect(job.startedAt == Self.later)
        #expect(job.completedAt == nil)
        #expect(job.updatedAt == Self.later)
        #expect(job.createdAt == Self.start)
    }

    @Test(arguments: [(JobStatus.pending, JobStatus.cancelled), (.pending, .failed),
                      (.processing, .completed), (.processing, .failed), (.processing, .cancelled)])
    func enteringAFinalStatusSetsCompletedAt(from: JobStatus, to: JobStatus) throws {
        var job = Self.job(from)
        try job.apply(JobPatch(status: to), at: Self.later)
        #expect(job.status == to)
        #expect(job.completedAt == Self.later)
        #expect(job.startedAt == nil)
    }

    @Test func everyStatusPairFollowsTheTable() {
        for from in JobStatus.allCases {
            for to in JobStatus.allCases {
                var job = Self.job(from)
                let before = job
                let succeeded = (try? job.apply(JobPatch(status: to), at: Self.later)) != nil
                let expected = from.canTransition(to: to) || (from == to && !from.isFinal)
                #expect(succeeded == expected, "\(from) -> \(to)")
                if !succeeded { #expect(job == before, "a refused update must not change the job") }
            }
        }
    }

    @Test func illegalTransitionsExplainThemselves() throws {
        var pending = Self.job(.pending)
        let error = try #require(throws: JobTransitionError.self) {
            try pending.apply(JobPatch(status: .completed), at: Self.later)
        }
        #expect(error.current == .pending && error.requested == .completed)
        #expect(error.message == "cannot change status from pending to completed")

        var done = Self.job(.completed)
        let finalError = try #require(throws: JobTransitionError.self) {
            try done.apply(JobPatch(progress: JobProgress(totalItems: 1, processedItems: 1, failedItems: 0)), at: Self.later)
        }
        #expect(finalError.message == "job is already completed and can no longer change")
    }

    @Test func progressAndErrorAreUpdated() throws {
        var job = Self.job(.processing)
        let progress = JobProgress(totalItems: 10, processedItems: 2, failedItems: 1)
        try job.apply(JobPatch(progress: progress, error: .set("partial failure")), at: Self.later)
        #expect(job.progress == progress && job.error == "partial failure" && job.status == .processing)
        try job.apply(JobPatch(status: .processing), at: Self.later)
        #expect(job.error == "partial failure")
        try job.apply(JobPatch(error: .cleared), at: Self.later)
        #expect(job.error == nil && job.progress == progress)
    }

    @Test func resendingTheCurrentStatusKeepsStartedAt() throws {
        var job = Self.job(.pending)
        try job.apply(JobPatch(status: .processing), at: Self.start)
        try job.apply(JobPatch(status: .processing), at: Self.later)
        #expect(job.startedAt == Self.start)
        #expect(job.updatedAt == Self.later)
    }

    @Test func cancelling() throws {
        var job = Self.job(.processing)
        try job.cancel(at: Self.later)
        #expect(job.status == .cancelled && job.completedAt == Self.later)
        #expect(throws: JobTransitionError.self) { try job.cancel(at: Self.later) }
    }
}
