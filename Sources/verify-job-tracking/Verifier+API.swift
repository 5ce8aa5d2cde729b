import HTTPBridge
import ImportJobs

/// The job can be read back through the API, matches Redis, and is listed.
extension Verifier {
    /// `GET /api/imports/{job_id}`: 200, then field by field against the Redis value.
    func checkRetrieval(then next: @escaping () -> Void) {
        guard let jobID else {
            report.skip([.retrievable, .dataMatches], "no job was created")
            return next()
        }
        service.send(.get, "/api/imports/\(jobID)") { [self] result in
            guard case .success(let response) = result else {
                report.record(.retrievable, .failed("no answer: \(Self.errorText(result))",
                                                    Troubleshooting.unexpectedAnswer("the service dropped the request")))
                report.skip([.dataMatches], "the job could not be retrieved")
                return next()
            }
            guard response.status == 200, let served = response.jsonObject else {
                report.record(.retrievable, .failed("GET answered \(response.summary)", Troubleshooting.unexpectedAnswer(
                    response.status == 404 ? "the service does not find the job it just created (another Redis?)"
                                           : "the service could not read the job")))
                report.skip([.dataMatches], "the job could not be retrieved")
                return next()
            }
            let servedID = served["job_id"]?.stringValue
            if servedID == jobID {
                report.record(.retrievable, .passed("200 OK, job_id \(jobID)"))
            } else {
                report.record(.retrievable, .failed("200 OK but job_id \(servedID ?? "missing")",
                                                    Troubleshooting.unexpectedAnswer("the service returned another job")))
            }
            compare(served)
            next()
        }
    }

    private func compare(_ served: JSONObject) {
        guard let storedDocument else {
            return report.skip([.dataMatches], "the Redis value could not be read")
        }
        let differences = JobDocumentCheck.differences(stored: storedDocument, served: served)
        if differences.isEmpty {
            report.record(.dataMatches, .passed("all \(served.count) fields equal to the Redis value"))
        } else {
            report.record(.dataMatches, .failed("differs in \(differences.joined(separator: "; "))",
                                                Troubleshooting.unexpectedAnswer("the API does not serve the stored document as stored")))
        }
    }

    /// `GET /api/imports` has items, total, limit and offset; the job is in the first 100, newest first.
    func checkListing(then next: @escaping () -> Void) {
        guard let jobID else {
            report.record(.listed, .skipped("no job was created"))
            return next()
        }
        service.send(.get, "/api/imports") { [self] result in
            guard case .success(let response) = result, response.status == 200, let page = response.jsonObject else {
                report.record(.listed, .failed("GET /api/imports answered \(Self.responseText(result))",
                                               Troubleshooting.unexpectedAnswer("the service cannot list jobs")))
                return next()
            }
            let missing = ["items", "total", "limit", "offset"].filter { name in
                name == "items" ? page[name]?.arrayValue == nil : page[name]?.exactIntegerValue == nil
            }
            guard missing.isEmpty else {
                report.record(.listed, .failed("the list lacks \(missing.joined(separator: ", "))",
                                               Troubleshooting.unexpectedAnswer(
                                                   "the list is not {items, total, limit, offset}")))
                return next()
            }
            findInFirstPage(jobID, defaultPage: page, then: next)
        }
    }

    private func findInFirstPage(_ jobID: String, defaultPage: JSONObject, then next: @escaping () -> Void) {
        let shape = "total \(defaultPage["total"]?.serialized ?? "?"), limit \(defaultPage["limit"]?.serialized ?? "?"), "
            + "offset \(defaultPage["offset"]?.serialized ?? "?")"
        service.send(.get, "/api/imports?limit=100") { [self] result in
            guard case .success(let response) = result, response.status == 200,
                  let items = response.jsonObject?["items"]?.arrayValue else {
                report.record(.listed, .failed("\(shape); GET /api/imports?limit=100 answered \(Self.responseText(result))",
                                               Troubleshooting.unexpectedAnswer("the service cannot list 100 jobs")))
                return next()
            }
            let ids = items.map { $0.objectValue?["job_id"]?.stringValue }
            if let position = ids.firstIndex(of: jobID) {
                report.record(.listed, .passed("\(shape); the job is #\(position + 1) of the first page of 100"))
            } else {
                report.record(.listed, .failed("\(shape); the job is not among the first \(items.count) (newest first)",
                                               Troubleshooting.unexpectedAnswer(
                                                   "the listing index misses the job or is not newest first")))
            }
            next()
        }
    }

    /// The error of a failed request, for messages.
    static func errorText(_ result: Result<HTTPResponse, HTTPClientError>) -> String {
        if case .failure(let error) = result { return error.description }
        return ""
    }

    /// The status and body start, or the error, for messages.
    static func responseText(_ result: Result<HTTPResponse, HTTPClientError>) -> String {
        switch result {
        case .success(let response): response.summary
        case .failure(let error): error.description
        }
    }
}
