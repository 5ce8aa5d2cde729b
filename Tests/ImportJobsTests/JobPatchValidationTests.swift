import ImportJobs
import Testing

@Suite("Patch validation")
struct JobPatchValidationTests {
    static func validate(_ body: JSONValue) -> Result<JobPatch, ValidationErrors> {
        JobPatchValidation.validate(body)
    }

    @Test(arguments: JobStatus.allCases)
    func everyStatusIsAccepted(status: JobStatus) {
        #expect(success(Self.validate(["status": .string(status.rawValue)])) == JobPatch(status: status))
    }

    @Test(arguments: ["done", "Processing", "", "canceled"] as [JSONValue] + [1, .null, true, ["pending"]])
    func otherStatusesAreRejected(value: JSONValue) {
        let errors = failures(Self.validate(["status": value]))
        #expect(errors?.count == 1)
        #expect(errors?.first?.field == "status")
        #expect(errors?.first?.message == "must be one of: pending, processing, completed, failed, cancelled")
    }

    @Test func progressIsReadAndThePercentageComputedByTheServer() {
        let patch = success(Self.validate([
            "progress": ["total_items": 200, "processed_items": 50, "failed_items": 10, "percentage": 99.9],
        ]))
        #expect(patch?.progress == JobProgress(totalItems: 200, processedItems: 50, failedItems: 10))
        #expect(patch?.progress?.percentage == 30)
        #expect(patch?.status == nil && patch?.error == .unchanged)
    }

    @Test func failedItemsDefaultsToZero() {
        let patch = success(Self.validate(["progress": ["total_items": 4, "processed_items": 1]]))
        #expect(patch?.progress == JobProgress(totalItems: 4, processedItems: 1, failedItems: 0))
        #expect(patch?.progress?.percentage == 25)
    }

    static let badProgress: [(JSONValue, String, String)] = [
        (["processed_items": 1], "progress.total_items", "is required"),
        (["total_items": 1], "progress.processed_items", "is required"),
        (["total_items": -1, "processed_items": 0], "progress.total_items", "must be 0 or more"),
        (["total_items": 1, "processed_items": -1], "progress.processed_items", "must be 0 or more"),
        (["total_items": 1, "processed_items": 0, "failed_items": -1], "progress.failed_items", "must be 0 or more"),
        (["total_items": 1.5, "processed_items": 0], "progress.total_items", "must be an integer"),
        (["total_items": "10", "processed_items": 0], "progress.total_items", "must be an integer"),
        (["total_items": 1, "processed_items": .null], "progress.processed_items", "is required"),
        (["total_items": 1e300, "processed_items": 0], "progress.total_items", "is too large"),
        (["total_items": 10, "processed_items": 8, "failed_items": 3], "progress",
         "processed_items plus failed_items must not exceed total_items"),
        (["total_items": 9_007_199_254_740_991, "processed_items": 9_007_199_254_740_991,
          "failed_items": 9_007_199_254_740_991], "progress",
         "processed_items plus failed_items must not exceed total_items"),
        (["total_items": 9_007_199_254_740_992, "processed_items": 0], "progress.total_items",
         "must be at most 9007199254740991"),
        (["total_items": 1, "processed_items": 0, "done": 1], "progress.done",
         "is not a known field; expected total_items, processed_items or failed_items"),
        ("half", "progress", "must be an object"),
        (.null, "progress", "must be an object"),
    ]

    @Test(arguments: badProgress)
    func badProgressIsRejected(value: JSONValue, field: String, message: String) {
        #expect(failures(Self.validate(["progress": value])) == [FieldError(field: field, message: message)])
    }

    @Test func progressAtExactlyTheTotalIsAccepted() {
        let patch = success(Self.validate(["progress": ["total_items": 10, "processed_items": 7, "failed_items": 3]]))
        #expect(patch?.progress?.percentage == 100)
        #expect(success(Self.validate(["progress": ["total_items": 0, "processed_items": 0]]))?.progress?.percentage == 0)
    }

    @Test func errorCanBeSetOrCleared() {
        #expect(success(Self.validate(["error": "disk full"]))?.error == .set("disk full"))
        #expect(success(Self.validate(["error": .null]))?.error == .cleared)
        #expect(success(Self.validate(["error": .string(String(repeating: "e", count: 4096))]))?.error
            == .set(String(repeating: "e", count: 4096)))
    }

    @Test func badErrorsAreRejected() {
        #expect(failures(Self.validate(["error": .string(String(repeating: "e", count: 4097))]))
            == [FieldError(field: "error", message: "must be at most 4096 characters")])
        for value: JSONValue in [1, true, ["x"], ["message": "x"]] {
            #expect(failures(Self.validate(["error": value])) == [FieldError(field: "error", message: "must be a string or null")])
        }
    }

    @Test func anEmptyPatchIsRejected() {
        #expect(failures(Self.validate(.object(JSONObject()))) == [FieldError(field: "", message: "nothing to update")])
    }

    @Test func unknownKeysAreRejected() {
        let errors = failures(Self.validate(["status": "processing", "stauts": "failed", "eror": "x"]))
        #expect(errors?.map(\.field) == ["stauts", "eror"])
        #expect(failures(Self.validate(["progres": [:]]))?.map(\.field) == ["progres", ""])
    }

    @Test func bodyMustBeAnObject() {
        for body: JSONValue in [[], "status", .null, 3] {
            #expect(failures(Self.validate(body)) == [FieldError(field: "", message: "the request body must be a JSON object")])
        }
    }

    @Test func everyProblemIsReportedAtOnce() {
        let errors = failures(Self.validate([
            "status": "nope", "progress": ["total_items": -1, "processed_items": "x"], "error": 5, "extra": 1,
        ]))
        #expect(errors?.map(\.field) == ["status", "progress.total_items", "progress.processed_items", "error", "extra"])
    }

    @Test func aFullPatchIsReadCompletely() {
        let patch = success(Self.validate([
            "status": "completed", "progress": ["total_items": 2, "processed_items": 2], "error": .null,
        ]))
        #expect(patch == JobPatch(
            status: .completed, progress: JobProgress(totalItems: 2, processedItems: 2, failedItems: 0), error: .cleared))
    }
}
