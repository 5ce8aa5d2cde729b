import ImportJobs

extension JobRoutes {
    /// `PATCH /api/imports/{job_id}`: a worker's report, applied atomically in Redis.
    func update(_ jobID: String, _ exchange: Exchange, tenant: String?) {
        guard let body = jsonBody(of: exchange) else { return }
        switch JobPatchValidation.validate(body) {
        case .failure(let errors): exchange.fail(.validation(errors))
        case .success(let patch): apply(patch, to: jobID, exchange, tenant: tenant)
        }
    }

    /// `POST /api/imports/{job_id}/cancel`.
    func cancel(_ jobID: String, _ exchange: Exchange, tenant: String?) {
        apply(JobPatch(status: .cancelled), to: jobID, exchange, tenant: tenant)
    }

    private func apply(_ patch: JobPatch, to jobID: String, _ exchange: Exchange, tenant: String?) {
        store.update(jobID, tenant: tenant, patch: patch, at: Timestamp.now()) { result in
            switch result {
            case .success(.updated(let document, let from, let to)):
                if from != to { self.observer.metrics.recordTransition(from: from, to: to) }
                exchange.reply(status: 200, jsonBytes: document)
            case .success(.notFound):
                exchange.fail(.notFound("no job \(jobID)"))
            case .success(.conflict(let from, let to)):
                exchange.fail(.conflict(from: from, to: to))
            case .failure(let problem):
                exchange.fail(problem)
            }
        }
    }
}
