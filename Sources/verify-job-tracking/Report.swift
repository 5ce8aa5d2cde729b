/// The results of one run, in checklist order, and how they add up.
///
/// Results may be recorded as they come; `onProgress` hears about every item that can be
/// printed, in order, so text output appears while the run goes on.
final class Report {
    /// Every item recorded so far.
    private(set) var results: [CheckItem: CheckResult] = [:]
    /// The job the run created, if any.
    var jobID: String?
    /// What happened to the job at the end (deleted, kept, left in place and why).
    var cleanup: String?
    /// Called with each item, in checklist order, once it and all items before it are recorded.
    var onProgress: (CheckItem, CheckResult) -> Void = { _, _ in }
    private var printedCount = 0

    /// Records `result` for `item` (the first result for an item wins).
    func record(_ item: CheckItem, _ result: CheckResult) {
        guard results[item] == nil else { return }
        results[item] = result
        while printedCount < CheckItem.allCases.count {
            let next = CheckItem.allCases[printedCount]
            guard let ready = results[next] else { break }
            printedCount += 1
            onProgress(next, ready)
        }
    }

    /// Records every item in `items` as skipped for `reason`.
    func skip(_ items: [CheckItem], _ reason: String) {
        for item in items { record(item, .skipped(reason)) }
    }

    /// Marks every item not yet recorded as skipped (e.g. after an unexpected early end).
    func skipRemaining(_ reason: String) {
        skip(CheckItem.allCases.filter { results[$0] == nil }, reason)
    }

    /// Whether `item` was recorded as passed.
    func passed(_ item: CheckItem) -> Bool {
        results[item]?.outcome == .passed
    }

    /// How many items ended with `outcome`.
    func count(_ outcome: CheckResult.Outcome) -> Int {
        results.values.filter { $0.outcome == outcome }.count
    }

    /// 0 when nothing failed, 1 otherwise.
    var exitCode: Int32 {
        count(.failed) == 0 ? 0 : 1
    }

    /// `N passed, M failed, K skipped`.
    var summary: String {
        "\(count(.passed)) passed, \(count(.failed)) failed, \(count(.skipped)) skipped"
    }
}
