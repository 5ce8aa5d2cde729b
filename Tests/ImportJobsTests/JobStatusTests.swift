import ImportJobs
import Testing

@Suite("Job statuses and source types")
struct JobStatusTests {
    static let allowed: Set<String> = [
        "pending>processing", "pending>cancelled", "pending>failed",
        "processing>completed", "processing>failed", "processing>cancelled",
    ]

    @Test func transitionTableIsExactlyAsSpecified() {
        var count = 0
        for from in JobStatus.allCases {
            for to in JobStatus.allCases {
                let expected = Self.allowed.contains("\(from.rawValue)>\(to.rawValue)")
                #expect(from.canTransition(to: to) == expected, "\(from) -> \(to)")
                count += 1
            }
        }
        #expect(count == 25)
    }

    @Test func finalStatusesGoNowhere() {
        for status in JobStatus.allCases where status.isFinal {
            #expect(JobStatus.allCases.allSatisfy { !status.canTransition(to: $0) })
        }
        #expect(JobStatus.allCases.filter(\.isFinal) == [.completed, .failed, .cancelled])
    }

    @Test func rawValuesMatchTheContract() {
        #expect(JobStatus.allCases.map(\.rawValue) == ["pending", "processing", "completed", "failed", "cancelled"])
        #expect(SourceType.allCases.map(\.rawValue) == ["jira", "servicenow", "github", "gitlab"])
        #expect(JobStatus(rawValue: "PENDING") == nil)
        #expect(SourceType(rawValue: "GitHub") == nil)
        #expect(SourceType.allowedValuesDescription == "jira, servicenow, github, gitlab")
    }
}
