import HTTPBridge
import ImportJobs

/// The handlers: each checks its input, makes one Redis round trip, and answers from the reply.
final class JobRoutes {
    private let store: JobStore
    private let configuration: ServiceConfiguration

    init(store: JobStore, configuration: ServiceConfiguration) {
        self.store = store
        self.configuration = configuration
    }

    /// Routes one request to its handler; every path ends in exactly one reply.
    func handle(_ request: HTTPRequest) {
        let exchange = Exchange(request)
        let target = HTTPTarget(request.target)
        guard request.body.count <= configuration.maxBodyBytes else {
            return exchange.fail(.payloadTooLarge(limit: configuration.maxBodyBytes))
        }
        guard let route = Route(path: target.path) else {
            return exchange.fail(.notFound("no resource at \(target.path)"))
        }
        guard route.allowedMethods.contains(request.method) else {
            return exchange.fail(.methodNotAllowed(request.method, allowed: route.allowedMethods))
        }
        switch (route, request.method) {
        case (.health, _): health(exchange)
        case (.jobs, .post): create(exchange)
        case (.jobs, _): list(exchange, target: target)
        case (.job(let id), _): read(exchange, jobID: id)
        }
    }

    // MARK: - POST /api/imports

    private func create(_ exchange: Exchange) {
        let request = exchange.request
        guard JobRoutes.isJSON(request.header("Content-Type")) else {
            return exchange.fail(.unsupportedMediaType(request.header("Content-Type")))
        }
        guard !request.body.isEmpty else { return exchange.fail(.malformedJSON("the request body is empty")) }
        let body: JSONValue
        do {
            body = try JSONParser.parse(request.body)
        } catch {
            return exchange.fail(.malformedJSON("\(error.message) at byte \(error.offset)"))
        }
        let validated = CreateJobValidation.validate(body, tenantHeader: request.header("X-Tenant-ID"),
                                                     correlationHeader: request.header("X-Correlation-ID"))
        switch validated {
        case .failure(let errors):
            exchange.fail(.validation(errors))
        case .success(let input):
            let job = JobRoutes.newJob(from: input, requestID: exchange.requestID)
            let document = job.jsonDocument
            store.create(job, document: document) { result in
                switch result {
                case .success:
                    exchange.reply(status: 201, json: document, headers: [("Location", "/api/imports/\(job.jobID)")])
                case .failure(let problem):
                    exchange.fail(problem)
                }
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

    /// `application/json`, optionally with parameters, or any `application/*+json`.
    static func isJSON(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let mediaType = contentType.split(separator: ";", maxSplits: 1)[0]
            .trimmingCharacters(in: " \t").lowercased()
        return mediaType == "application/json" || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json"))
    }

    // MARK: - GET /api/imports/{job_id}

    private func read(_ exchange: Exchange, jobID: String) {
        guard JobID.isValid(jobID) else {
            return exchange.fail(.notFound("\(jobID.prefix(64)) is not a job id (a UUID)"))
        }
        store.document(of: jobID.lowercased()) { result in
            switch result {
            case .success(let document?): exchange.reply(status: 200, jsonBytes: document)
            case .success(nil): exchange.fail(.notFound("no job \(jobID)"))
            case .failure(let problem): exchange.fail(problem)
            }
        }
    }

    // MARK: - GET /api/imports

    private func list(_ exchange: Exchange, target: HTTPTarget) {
        let query: ListQuery
        switch ListQuery.parse(target) {
        case .failure(let errors): return exchange.fail(.validation(errors))
        case .success(let parsed): query = parsed
        }
        let index = JobKeys.index(tenant: nil, status: query.status, source: query.sourceType)
        store.page(of: index, offset: query.offset, limit: query.limit) { result in
            switch result {
            case .failure(let problem):
                exchange.fail(problem)
            case .success(let page):
                exchange.reply(status: 200, jsonBytes: query.responseBody(total: page.total, documents: page.documents))
            }
        }
    }

    // MARK: - GET /health

    private func health(_ exchange: Exchange) {
        store.ping { reachable in
            if reachable {
                exchange.reply(status: 200, json: #"{"status":"ok","redis":"ok"}"#)
            } else {
                exchange.reply(status: 503, json: #"{"status":"unavailable","redis":"unreachable"}"#,
                               headers: [("Retry-After", "1")])
            }
        }
    }
}

private extension StringProtocol {
    func trimmingCharacters(in set: String) -> Substring {
        let characters = Substring(self)
        let start = characters.firstIndex { !set.contains($0) } ?? characters.endIndex
        let end = characters.lastIndex { !set.contains($0) }.map { characters.index(after: $0) } ?? start
        return characters[start..<end]
    }
}
