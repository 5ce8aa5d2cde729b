/// An import job: the document stored in Redis under `import:job:{job_id}`
/// and returned by the API.
public struct ImportJob: Equatable, Sendable {
    /// The job's id: a lowercase UUID.
    public var jobID: String
    /// The `X-Request-ID` of the creating request, or a generated UUID.
    public var requestID: String
    /// Where the job is in its life cycle.
    public var status: JobStatus
    /// The system the import reads from.
    public var sourceType: SourceType
    /// When the job was created.
    public var createdAt: Timestamp
    /// When the job was last written.
    public var updatedAt: Timestamp
    /// The tenant the job belongs to, if known.
    public var tenantID: String?
    /// The caller's correlation id, if given.
    public var correlationID: String?
    /// The last progress a worker reported, if any.
    public var progress: JobProgress?
    /// The last error a worker reported, if any.
    public var error: String?
    /// When the job entered `processing`, if it has.
    public var startedAt: Timestamp?
    /// When the job entered a final status, if it has.
    public var completedAt: Timestamp?
    /// The validated import options.
    public var options: ImportOptions
    /// The non-secret part of `source_config`, such as `base_url`.
    public var source: JSONObject

    /// Creates a job from all of its fields.
    public init(
        jobID: String,
        requestID: String,
        status: JobStatus = .pending,
        sourceType: SourceType,
        createdAt: Timestamp,
        updatedAt: Timestamp,
        tenantID: String? = nil,
        correlationID: String? = nil,
        progress: JobProgress? = nil,
        error: String? = nil,
        startedAt: Timestamp? = nil,
        completedAt: Timestamp? = nil,
        options: ImportOptions = ImportOptions(),
        source: JSONObject = JSONObject()
    ) {
        self.jobID = jobID
        self.requestID = requestID
        self.status = status
        self.sourceType = sourceType
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.tenantID = tenantID
        self.correlationID = correlationID
        self.progress = progress
        self.error = error
        self.startedAt = startedAt
        self.completedAt = completedAt
        self.options = options
        self.source = source
    }

    /// Creates a new `pending` job for a validated request, with
    /// `createdAt` and `updatedAt` both set to `now`.
    public init(creating request: CreateJobRequest, jobID: String, requestID: String, at now: Timestamp) {
        self.init(
            jobID: jobID,
            requestID: requestID,
            status: .pending,
            sourceType: request.sourceType,
            createdAt: now,
            updatedAt: now,
            tenantID: request.tenantID,
            correlationID: request.correlationID,
            options: request.options,
            source: request.source
        )
    }
}
