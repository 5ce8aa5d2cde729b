import ImportJobs
import RedisBridge

extension JobRoutes {
    /// `POST /api/imports`: validate, write the job and its indexes in one script, answer 201.
    /// With `Idempotency-Key`, a repeat of the same request answers 200 with the first job.
    func create(_ exchange: Exchange, tenant: String?) {
        guard let body = jsonBody(of: exchange) else { return }
        let request = exchange.request
        let idempotencyKey = request.header("Idempotency-Key")
        if let idempotencyKey, !JobRoutes.isUsableIdempotencyKey(idempotencyKey) {
            return exchange.fail(.validation([FieldError(field: "Idempotency-Key",
                                                         message: "must be 1 to 255 visible ASCII characters")]))
        }
        let correlation = request.header("X-Correlation-ID")
        let input: CreateJobRequest
        switch CreateJobValidation.validate(body, tenantHeader: tenant, correlationHeader: correlation) {
        case .failure(let errors): return exchange.fail(.validation(errors))
        case .success(let validated): input = validated
        }
        let job = JobRoutes.newJob(from: input, requestID: exchange.requestID)
        let document = job.jsonDocument
        exchange.jobID = job.jobID
        exchange.tenant = job.tenantID
        let idempotency = idempotencyKey.map { key in
            (key: key, fingerprint: SHA1.hexDigest(request.body + Array("\n\(tenant ?? "")\n\(correlation ?? "")".utf8)))
        }
        store.create(job, document: document, idempotency: idempotency) { result in
            switch result {
            case .success(.created):
                self.observer.metrics.recordJobCreated(sourceType: job.sourceType.rawValue)
                exchange.reply(status: 201, json: document, headers: [("Location", "/api/imports/\(job.jobID)")])
            case .success(.existing(let stored)):
                exchange.jobID = JobRoutes.jobID(in: stored)
                let location: [(StaticString, String)] = exchange.jobID.map { [("Location", "/api/imports/\($0)")] } ?? []
                exchange.reply(status: 200, jsonBytes: stored, headers: location + [("Idempotent-Replayed", "true")])
            case .success(.mismatch):
                exchange.fail(.validation([FieldError(field: "Idempotency-Key",
                                                      message: "was already used with a different request")]))
            case .failure(let problem):
                exchange.fail(problem)
            }
        }
    }

    private static func newJob(from input: CreateJobRequest, requestID: String) -> ImportJob {
        let now = Timestamp.now()
        return ImportJob(jobID: JobID.generate(), requestID: requestID, status: .pending, sourceType: input.sourceType,
                         createdAt: now, updatedAt: now, tenantID: input.tenantID, correlationID: input.correlationID,
                         progress: nil, error: nil, startedAt: nil, completedAt: nil,
                         options: input.options, source: input.source)
    }

    private static func isUsableIdempotencyKey(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.count <= 255 && key.utf8.allSatisfy { (0x21...0x7E).contains($0) }
    }

    private static func jobID(in document: [UInt8]) -> String? {
        guard case .object(let job)? = try? JSONParser.parse(document), case .string(let id)? = job["job_id"] else {
            return nil
        }
        return id
    }
}
