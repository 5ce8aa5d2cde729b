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

    /// `{"batch_size":…,"preview_limit":…}`.
    public var serialized: String {
        var writer = JSONWriter(capacity: 48)
        write(to: &writer)
        return writer.string
    }

    func write(to writer: inout JSONWriter) {
        writer.append("{\"batch_size\":")
        writer.append(integer: batchSize)
        writer.append(",\"preview_limit\":")
        writer.append(integer: previewLimit)
        writer.append(byte: ASCII.rightBrace)
    }
}
