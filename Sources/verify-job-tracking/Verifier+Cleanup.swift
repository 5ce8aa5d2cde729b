import RedisBridge

/// Deletes the job the run created, unless `--keep`, and says what became of it.
extension Verifier {
    /// `DELETE /api/imports/{job_id}`; when the service has no DELETE the job is left to expire,
    /// since removing the key and its index entries by hand cannot be done cleanly from outside.
    func cleanUp(then next: @escaping () -> Void) {
        guard let jobID else { return next() }
        guard !options.keepJob else {
            report.cleanup = "job kept (--keep): \(jobKey)"
            return next()
        }
        guard serviceReachable else {
            report.cleanup = "job left in place: \(jobKey) (the service is unreachable)"
            return next()
        }
        service.send(.delete, "/api/imports/\(jobID)") { [self] result in
            switch result {
            case .success(let response) where response.status == 204 || response.status == 200:
                confirmDeleted(then: next)
                return
            case .success(let response) where [404, 405, 501].contains(response.status):
                report.cleanup = "job left in place: \(jobKey) — the service has no DELETE /api/imports/{job_id} "
                    + "(\(response.status)), and deleting the key by hand would leave its list entries behind; "
                    + "it expires with its TTL"
            case .success(let response):
                report.cleanup = "job left in place: \(jobKey) — DELETE answered \(response.summary)"
            case .failure(let error):
                report.cleanup = "job left in place: \(jobKey) — DELETE got no answer (\(error.description))"
            }
            next()
        }
    }

    /// Checks with EXISTS that the key really went away.
    private func confirmDeleted(then next: @escaping () -> Void) {
        guard redisReady else {
            report.cleanup = "job deleted via DELETE /api/imports/{job_id}"
            return next()
        }
        redis.send(RedisCommand(["EXISTS", jobKey])) { [self] result in
            if case .success(.integer(0)) = result {
                report.cleanup = "job deleted: DELETE answered 204 and \(jobKey) is gone"
            } else {
                report.cleanup = "job deleted via the API, but \(jobKey) still exists in Redis"
            }
            next()
        }
    }
}
