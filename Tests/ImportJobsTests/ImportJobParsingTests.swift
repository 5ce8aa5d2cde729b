import ImportJobs
import Testing

@Suite("Reading job documents back")
struct ImportJobParsingTests {
    static func document() throws -> JSONObject {
        try #require(try parse(ImportJobDocumentTests.fullJob().jsonDocument).objectValue)
    }

    static func parsingError(_ object: JSONObject) -> JobDocumentError? {
        do {
            _ = try ImportJob(parsing: .object(object))
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: ImportJobDocumentTests.contractKeys + ["options", "source"])
    func everyFieldIsRequired(key: String) throws {
        var object = try Self.document()
        object[key] = nil
        let error = try #require(Self.parsingError(object))
        #expect(error.field == key)
        #expect(error.message == "is missing")
    }

    @Test(arguments: [
        ("job_id", JSONValue.integer(1)), ("job_id", "not-a-uuid"), ("job_id", "0F8FAD5B-D9CB-469F-A165-70867728950E"),
        ("request_id", .null), ("status", "done"), ("status", .null), ("source_type", "bitbucket"),
        ("created_at", "yesterday"), ("created_at", .null), ("updated_at", 5), ("tenant_id", 5),
        ("correlation_id", true), ("progress", "50%"), ("progress", JSONValue.object(["total_items": 1])), ("error", JSONValue.array([])),
        ("started_at", "2024-01-03"), ("completed_at", 1.5), ("options", .null), ("options", JSONValue.object(["batch_size": 1])),
        ("source", .null), ("source", JSONValue.array([])),
    ])
    func illTypedFieldsAreErrors(key: String, value: JSONValue) throws {
        var object = try Self.document()
        object[key] = value
        let error = try #require(Self.parsingError(object), "accepted \(key) = \(value.serialized)")
        #expect(error.field.hasPrefix(key))
        #expect(!error.message.isEmpty)
    }

    @Test func nestedFieldErrorsNameTheFullPath() throws {
        var object = try Self.document()
        object["progress"] = ["total_items": 3, "processed_items": "1", "failed_items": 0, "percentage": 0]
        #expect(Self.parsingError(object)?.field == "progress.processed_items")
    }

    @Test func nullableFieldsAcceptNull() throws {
        var object = try Self.document()
        for key in ["tenant_id", "correlation_id", "progress", "error", "started_at", "completed_at"] {
            object[key] = .null
        }
        let job = try ImportJob(parsing: .object(object))
        #expect(job.tenantID == nil && job.correlationID == nil && job.progress == nil)
        #expect(job.error == nil && job.startedAt == nil && job.completedAt == nil)
    }

    @Test func timestampsWithoutMillisecondsAreRead() throws {
        var object = try Self.document()
        object["created_at"] = "2024-01-03T10:30:00Z"
        let job = try ImportJob(parsing: .object(object))
        #expect(job.createdAt == ImportJobDocumentTests.created)
    }

    @Test func unknownExtraFieldsAreIgnored() throws {
        var object = try Self.document()
        object["future_field"] = ["anything": true]
        #expect(try ImportJob(parsing: .object(object)) == ImportJobDocumentTests.fullJob())
    }

    @Test func storedPercentageIsKept() throws {
        var object = try Self.document()
        object["progress"] = ["total_items": 4, "processed_items": 1, "failed_items": 0, "percentage": 25]
        let job = try ImportJob(parsing: .object(object))
        #expect(job.progress == JobProgress(totalItems: 4, processedItems: 1, failedItems: 0))
        #expect(job.progress?.percentage == 25)
    }

    @Test func nonObjectsAreRejected() {
        #expect(throws: JobDocumentError.self) { try ImportJob(parsing: []) }
        #expect(throws: JobDocumentError.self) { try ImportJob(parsing: "{}") }
        #expect(throws: JobDocumentError.self) { try ImportJob(parsing: .object(JSONObject())) }
    }
}
