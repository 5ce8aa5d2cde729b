/// A validated `POST /api/imports` body, with defaults filled in and
/// credentials already dropped.
public struct CreateJobRequest: Equatable, Sendable {
    /// The system to import from.
    public var sourceType: SourceType
    /// The non-secret part of `source_config`, values trimmed.
    public var source: JSONObject
    /// The options, defaults filled in.
    public var options: ImportOptions
    /// The tenant, from the body or the `X-Tenant-ID` header.
    public var tenantID: String?
    /// The correlation id, from the body or the `X-Correlation-ID` header.
    public var correlationID: String?

    /// Creates a request from its parts.
    public init(
        sourceType: SourceType,
        source: JSONObject,
        options: ImportOptions = ImportOptions(),
        tenantID: String? = nil,
        correlationID: String? = nil
    ) {
        self.sourceType = sourceType
        self.source = source
        self.options = options
        self.tenantID = tenantID
        self.correlationID = correlationID
    }
}
