import ImportJobs
import Testing

@Suite("Job progress")
struct JobProgressTests {
    @Test(arguments: [
        (0, 0, 0, 0.0),
        (10, 0, 0, 0.0),
        (10, 5, 0, 50.0),
        (10, 4, 1, 50.0),
        (3, 1, 0, 33.33),
        (3, 2, 0, 66.67),
        (3, 1, 1, 66.67),
        (7, 7, 0, 100.0),
        (8, 0, 8, 100.0),
        (200, 1, 0, 0.5),
        (100_000, 1, 0, 0.0),
        (1_000_000_000, 999_999_999, 0, 100.0),
    ])
    func percentageIsRoundedToTwoDecimals(total: Int, processed: Int, failed: Int, expected: Double) {
        let progress = JobProgress(totalItems: total, processedItems: processed, failedItems: failed)
        #expect(progress.percentage == expected)
        #expect(progress.totalItems == total)
        #expect(progress.processedItems == processed)
        #expect(progress.failedItems == failed)
    }

    @Test func hugeCountsDoNotOverflow() {
        let progress = JobProgress(totalItems: .max, processedItems: .max, failedItems: .max)
        #expect(progress.percentage == 200)
    }

    @Test func writesAllFourFieldsInOrder() {
        let progress = JobProgress(totalItems: 3, processedItems: 1, failedItems: 0)
        #expect(progress.serialized == #"{"total_items":3,"processed_items":1,"failed_items":0,"percentage":33.33}"#)
    }
}
