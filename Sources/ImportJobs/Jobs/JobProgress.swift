/// How far an import has got, as reported by its worker.
public struct JobProgress: Equatable, Sendable {
    /// The number of items the import will handle.
    public var totalItems: Int
    /// The number of items imported successfully so far.
    public var processedItems: Int
    /// The number of items that could not be imported so far.
    public var failedItems: Int
    /// `(processedItems + failedItems) / totalItems * 100`, rounded to two
    /// decimals; 0 when `totalItems` is 0 or less. Set by the initializer;
    /// a document read back keeps the stored value.
    public var percentage: Double

    /// Creates a progress report and computes its ``percentage``.
    public init(totalItems: Int, processedItems: Int, failedItems: Int) {
        self.totalItems = totalItems
        self.processedItems = processedItems
        self.failedItems = failedItems
        self.percentage = Self.percentage(total: totalItems, done: Double(processedItems) + Double(failedItems))
    }

    /// Creates a progress report with a given percentage, as read from a
    /// stored document.
    public init(totalItems: Int, processedItems: Int, failedItems: Int, percentage: Double) {
        self.totalItems = totalItems
        self.processedItems = processedItems
        self.failedItems = failedItems
        self.percentage = percentage
    }

    /// `{"total_items":…,"processed_items":…,"failed_items":…,"percentage":…}`.
    public var serialized: String {
        var writer = JSONWriter(capacity: 96)
        write(to: &writer)
        return writer.string
    }

    func write(to writer: inout JSONWriter) {
        writer.append("{\"total_items\":")
        writer.append(integer: totalItems)
        writer.append(",\"processed_items\":")
        writer.append(integer: processedItems)
        writer.append(",\"failed_items\":")
        writer.append(integer: failedItems)
        writer.append(",\"percentage\":")
        writer.append(double: percentage)
        writer.append(byte: ASCII.rightBrace)
    }

    private static func percentage(total: Int, done: Double) -> Double {
        guard total > 0 else { return 0 }
        return (done / Double(total) * 100 * 100).rounded() / 100
    }
}
