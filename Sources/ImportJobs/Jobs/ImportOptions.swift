/// Tuning for an import, validated and with defaults filled in.
public struct ImportOptions: Equatable, Sendable {
    /// The default ``batchSize``.
    public static let defaultBatchSize = 100
    /// The default ``previewLimit``.
    public static let defaultPreviewLimit = 10
    /// The accepted range of ``batchSize``.
    public static let batchSizeRange = 1...1000
    /// The accepted range of ``previewLimit``.
    public static let previewLimitRange = 0...1000

    /// How many items a worker fetches per request to the source (1...1000).
    public var batchSize: Int
    /// How many items a preview shows (0...1000).
    public var previewLimit: Int

    /// Creates options; the defaults are 100 and 10.
    public init(batchSize: Int = defaultBatchSize, previewLimit: Int = defaultPreviewLimit) {
        self.batchSize = batchSize
        self.previewLimit = previewLimit
    }

    /// Appends `{"batch_size":…,"preview_limit":…}`.
    public func write(to output: inout String) {
        output.append("{\"batch_size\":")
        output.append(String(batchSize))
        output.append(",\"preview_limit\":")
        output.append(String(previewLimit))
        output.append("}")
    }
}
