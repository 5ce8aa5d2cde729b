import HTTPBridge
import ImportJobs

/// The handlers: each checks its input, makes one Redis round trip, and answers from the reply.
final class JobRoutes {
    let store: JobStore
    let configuration: ServiceConfiguration
    let observer: RequestObserver
    /// Whether `/ready` says yes: set by the running service.
    var isReady: () -> Bool = { false }
    /// The figures `/metrics` reads at scrape time (including /proc): set by the running service.
    var liveFigures: () -> LiveFigures = {
        LiveFigures(requestsInFlight: 0, redisConnected: false, redisReconnects: 0, process: ProcessFigures())
    }

    init(store: JobStore, configuration: ServiceConfiguration, observer: RequestObserver) {
        self.store = store
        self.configuration = configuration
        self.observer = observer
    }

    /// Routes one request to its handler; every path ends in exactly one reply.
    func handle(_ request: HTTPRequest) {
        let target = HTTPTarget(request.target)
        let route = Route(path: target.path)
        let exchange = Exchange(request, route: route, observer: observer)
        guard request.body.count <= configuration.maxBodyBytes else {
            return exchange.fail(.payloadTooLarge(limit: configuration.maxBodyBytes))
        }
        guard let route else {
            return exchange.fail(.notFound("no resource at \(target.path.prefix(200))"))
        }
        guard route.allowedMethods.contains(request.method) else {
            return exchange.fail(.methodNotAllowed(request.method, allowed: route.allowedMethods))
        }
        let tenant: String?
        switch scope(of: request, route: route) {
        case .failure(let problem): return exchange.fail(problem)
        case .success(let value): tenant = value
        }
        exchange.tenant = tenant
        switch (route, request.method) {
        case (.health, _): health(exchange)
        case (.ready, _): ready(exchange)
        case (.metrics, _): exchange.reply(status: 200, text: observer.metrics.render(live: liveFigures()),
                                           contentType: "text/plain; version=0.0.4; charset=utf-8")
        case (.openAPI, _): exchange.reply(status: 200, json: OpenAPIDocument.json)
        case (.jobs, .post): create(exchange, tenant: tenant)
        case (.jobs, _): list(exchange, target: target, tenant: tenant)
        case (.job(let id), .patch): withJobID(id, exchange) { self.update($0, exchange, tenant: tenant) }
        case (.job(let id), .delete): withJobID(id, exchange) { self.delete($0, exchange, tenant: tenant) }
        case (.job(let id), _): withJobID(id, exchange) { self.read($0, exchange, tenant: tenant) }
        case (.cancelJob(let id), _): withJobID(id, exchange) { self.cancel($0, exchange, tenant: tenant) }
        }
    }

    /// The tenant that scopes the request: the bearer token's when access control is on,
    /// else the `X-Tenant-ID` header's, else none.
    private func scope(of request: HTTPRequest, route: Route) -> Result<String?, Problem> {
        let header = request.header("X-Tenant-ID")
        if let header, !TenantID.isValid(header) {
            return .failure(.validation([FieldError(field: "X-Tenant-ID", message: TenantID.rule)]))
        }
        guard let accessControl = configuration.accessControl, route.needsToken else { return .success(header) }
        switch accessControl.decide(authorization: request.header("Authorization")) {
        case .missingToken:
            return .failure(.unauthorized("send Authorization: Bearer <token>", invalidToken: false))
        case .invalidToken:
            return .failure(.unauthorized("the bearer token is not valid", invalidToken: true))
        case .allowed(let tenant):
            if let header, header != tenant {
                return .failure(.forbidden("X-Tenant-ID names another tenant than the token's"))
            }
            return .success(tenant)
        }
    }

    /// Runs `body` with the lowercased id, or answers 404 without asking Redis.
    private func withJobID(_ id: String, _ exchange: Exchange, _ body: (String) -> Void) {
        guard JobID.isValid(id) else {
            return exchange.fail(.notFound("\(id.prefix(64)) is not a job id (a UUID)"))
        }
        // Stored ids are lowercase; most clients send them so, and lowercasing allocates.
        var id = id
        let hasUppercase = id.withUTF8 { $0.contains { (UInt8(ascii: "A")...UInt8(ascii: "F")).contains($0) } }
        let jobID = hasUppercase ? id.lowercased() : id
        exchange.jobID = jobID
        body(jobID)
    }

    /// Parses a JSON request body, or answers 415 / 400 and returns nil.
    func jsonBody(of exchange: Exchange) -> JSONValue? {
        let request = exchange.request
        guard MediaType.isJSON(request.header("Content-Type")) else {
            exchange.fail(.unsupportedMediaType(request.header("Content-Type")))
            return nil
        }
        guard !request.body.isEmpty else {
            exchange.fail(.malformedJSON("the request body is empty"))
            return nil
        }
        do {
            return try JSONParser.parse(request.body)
        } catch {
            exchange.fail(.malformedJSON("\(error.message) at byte \(error.offset)"))
            return nil
        }
    }

    // MARK: - GET /api/imports/{job_id}

    private func read(_ jobID: String, _ exchange: Exchange, tenant: String?) {
        store.document(of: jobID) { result in
            switch result {
            case .success(let document?) where JobRoutes.belongs(document, to: tenant):
                exchange.reply(status: 200, jsonBytes: document)
            case .success:
                exchange.fail(.notFound("no job \(jobID)"))
            case .failure(let problem):
                exchange.fail(problem)
            }
        }
    }

    /// Whether a stored document is visible to `tenant` (every document is, without one).
    private static func belongs(_ document: [UInt8], to tenant: String?) -> Bool {
        guard let tenant else { return true }
        guard case .object(let job)? = try? JSONParser.parse(document) else { return false }
        return job["tenant_id"] == .string(tenant)
    }

    // MARK: - DELETE /api/imports/{job_id}

    private func delete(_ jobID: String, _ exchange: Exchange, tenant: String?) {
        store.delete(jobID, tenant: tenant) { result in
            switch result {
            case .success(true): exchange.replyEmpty(status: 204)
            case .success(false): exchange.fail(.notFound("no job \(jobID)"))
            case .failure(let problem): exchange.fail(problem)
            }
        }
    }

    // MARK: - GET /api/imports

    private func list(_ exchange: Exchange, target: HTTPTarget, tenant: String?) {
        let query: ListQuery
        switch ListQuery.parse(target) {
        case .failure(let errors): return exchange.fail(.validation(errors))
        case .success(let parsed): query = parsed
        }
        store.page(query, tenant: tenant) { result in
            switch result {
            case .failure(let problem):
                exchange.fail(problem)
            case .success(let page):
                exchange.reply(status: 200, jsonBytes: query.responseBody(total: page.total, documents: page.documents))
            }
        }
    }

    // MARK: - GET /ready

    /// Ready once Redis has connected at least once, and until shutdown begins.
    private func ready(_ exchange: Exchange) {
        if isReady() {
            exchange.reply(status: 200, json: #"{"status":"ready"}"#)
        } else {
            exchange.reply(status: 503, json: #"{"status":"not ready"}"#, headers: [("Retry-After", "1")])
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
