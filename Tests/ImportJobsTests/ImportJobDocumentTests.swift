import ImportJobs
import Testing

@Suite("Job document")
struct ImportJobDocumentTests {
    static let created = Timestamp(millisecondsSince1970: 1_704_277_800_000)
    static let contractKeys = [
        "job_id", "request_id", "status", "source_type", "created_at", "updated_at",
        "tenant_id", "correlation_id", "progress", "error", "started_at", "completed_at",
    ]

    static func freshJob() -> ImportJob {
        ImportJob(
            jobID: "12345678-1234-4234-8234-123456789abc", requestID: "abc-123",
            sourceType: .jira, createdAt: created, updatedAt: created)
    }

    static func fullJob() -> ImportJob {
        ImportJob(
            jobID: "0f8fad5b-d9cb-469f-a165-70867728950e", requestID: "req \"1\"\n",
            status: .failed, sourceType: .gitlab,
            createdAt: created, updatedAt: created.adding(milliseconds: 61_001),
            tenantID: "acme", correlationID: "corr-9",
            progress: JobProgress(totalItems: 3, processedItems: 1, failedItems: 1),
            error: "boom: \"quoted\"\tand é",
            startedAt: created.adding(milliseconds: 1_000), completedAt: created.adding(milliseconds: 61_001),
            options: ImportOptions(batchSize: 250, previewLimit: 0),
            source: ["project_id": 42, "base_url": "https://gitlab.example.com"])
    }

    @Test func freshJobHasEveryFieldWithNulls() {
        let expected = #"{"job_id":"12345678-1234-4234-8234-123456789abc","request_id":"abc-123","status":"pending","#
            + #""source_type":"jira","created_at":"2024-01-03T10:30:00.000Z","updated_at":"2024-01-03T10:30:00.000Z","#
            + #""tenant_id":null,"correlation_id":null,"progress":null,"error":null,"started_at":null,"#
            + #""completed_at":null,"options":{"batch_size":100,"preview_limit":10},"source":{}}"#
        #expect(Self.freshJob().jsonDocument == expected)
    }

    @Test func fullJobIsWrittenExactly() {
        let expected = #"{"job_id":"0f8fad5b-d9cb-469f-a165-70867728950e","request_id":"req \"1\"\n","#
            + #""status":"failed","source_type":"gitlab","created_at":"2024-01-03T10:30:00.000Z","#
            + #""updated_at":"2024-01-03T10:31:01.001Z","tenant_id":"acme","correlation_id":"corr-9","#
            + #""progress":{"total_items":3,"processed_items":1,"failed_items":1,"percentage":66.67},"#
            + #""error":"boom: \"quoted\"\tand é","started_at":"2024-01-03T10:30:01.000Z","#
            + #""completed_at":"2024-01-03T10:31:01.001Z","options":{"batch_size":250,"preview_limit":0},"#
            + #""source":{"project_id":42,"base_url":"https://gitlab.example.com"}}"#
        #expect(Self.fullJob().jsonDocument == expected)
    }

    @Test(arguments: [freshJob(), fullJob()])
    func documentIsValidJSONWithKeysInContractOrder(job: ImportJob) throws {
        let object = try #require(try parse(job.jsonDocument).objectValue)
        #expect(object.keys == Self.contractKeys + ["options", "source"])
    }

    @Test(arguments: [freshJob(), fullJob()])
    func documentReadsBackEqual(job: ImportJob) throws {
        #expect(try ImportJob(parsing: parse(job.jsonDocument)) == job)
    }

    @Test(arguments: [freshJob(), fullJob()])
    func bytesMatchTheText(job: ImportJob) {
        #expect(job.jsonDocumentBytes == Array(job.jsonDocument.utf8))
    }

    @Test func optionsSerializeInOrder() {
        #expect(ImportOptions().serialized == #"{"batch_size":100,"preview_limit":10}"#)
        #expect(ImportOptions(batchSize: 1, previewLimit: 0).serialized == #"{"batch_size":1,"preview_limit":0}"#)
    }

    @Test func writeAppendsTheSameText() {
        var output = "x"
        Self.fullJob().write(to: &output)
        #expect(output == "x" + Self.fullJob().jsonDocument)
    }

    @Test func newJobFromARequestIsPending() {
        let request = CreateJobRequest(
            sourceType: .github, source: ["owner": "o", "repo": "r"],
            options: ImportOptions(batchSize: 5), tenantID: "t", correlationID: nil)
        let job = ImportJob(creating: request, jobID: "12345678-1234-4234-8234-123456789abc", requestID: "r1", at: Self.created)
        #expect(job.status == .pending)
        #expect(job.createdAt == Self.created && job.updatedAt == Self.created)
        #expect(job.sourceType == .github && job.source == ["owner": "o", "repo": "r"])
        #expect(job.options.batchSize == 5 && job.options.previewLimit == 10)
        #expect(job.tenantID == "t" && job.correlationID == nil)
        #expect(job.progress == nil && job.error == nil && job.startedAt == nil && job.completedAt == nil)
    }
}
