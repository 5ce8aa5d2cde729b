import HTTPBridge
import ImportJobs

/// The service is running; a job can be created.
extension Verifier {
    /// Asks `GET /health`: any HTTP answer means the service is reachable.
    func checkService(then next: @escaping () -> Void) {
        let url = options.serviceURL
        service.send(.get, "/health") { [self] result in
            switch result {
            case .failure(let error):
                report.record(.serviceReachable, .failed("no answer from \(url): \(error.description)",
                                                         Troubleshooting.serviceUnreachable(url)))
            case .success(let response):
                serviceReachable = true
                let health = switch response.status {
                case 200: "Redis ok"
                case 503: "but it reports its Redis unreachable"
                default: "no health endpoint"
                }
                report.record(.serviceReachable, .passed("\(url) answers GET /health with \(response.status) (\(health))"))
            }
            next()
        }
    }

    /// POSTs the document's Jira example and expects 201 with a pending job carrying our request id.
    func createJob(then next: @escaping () -> Void) {
        guard serviceReachable else {
            report.record(.jobCreated, .skipped("the service is unreachable"))
            return next()
        }
        service.send(.post, "/api/imports", json: JiraExample.requestBody) { [self] result in
            switch result {
            case .failure(let error):
                report.record(.jobCreated, .failed("no answer to POST: \(error.description)",
                                                   Troubleshooting.unexpectedAnswer("the service dropped the request")))
            case .success(let response):
                recordCreation(response)
            }
            next()
        }
    }

    private func recordCreation(_ response: HTTPResponse) {
        guard response.status == 201 else {
            return report.record(.jobCreated, .failed(
                "POST answered \(response.summary)",
                Troubleshooting.creationFailed(status: response.status, detail: response.problemDetail)))
        }
        guard let job = response.jsonObject, let id = job["job_id"]?.stringValue, JobID.isValid(id) else {
            return report.record(.jobCreated, .failed(
                "201 without a job_id UUID: \(response.summary)",
                Troubleshooting.unexpectedAnswer("the response is not a job document")))
        }
        jobID = id
        report.jobID = id
        var problems: [String] = []
        if let status = job["status"]?.stringValue, status != "pending" { problems.append("status \(status)") }
        let requestID = job["request_id"]?.stringValue
        if requestID != service.requestID {
            problems.append("request_id \(requestID ?? "missing") instead of our X-Request-ID \(service.requestID)")
        }
        if let echoed = response.header("X-Request-ID"), echoed != service.requestID {
            problems.append("X-Request-ID answered as \(echoed)")
        }
        if problems.isEmpty {
            report.record(.jobCreated, .passed("201 Created, job_id \(id), request_id \(service.requestID)"))
        } else {
            report.record(.jobCreated, .failed(
                "201 Created, job_id \(id), but \(problems.joined(separator: "; "))",
                Troubleshooting.unexpectedAnswer("the service does not take request_id from X-Request-ID "
                    + "or does not create jobs as pending")))
        }
    }
}
