import HTTPBridge
import ImportJobs

/// Counts and logs each answered request: the one place metrics and the access log meet.
final class RequestObserver {
    let metrics: ServiceMetrics
    private let accessLog: Bool

    init(accessLog: Bool, metrics: Bool) {
        self.accessLog = accessLog
        self.metrics = ServiceMetrics(isRecording: metrics)
    }

    func requestFinished(_ exchange: Exchange, status: Int, seconds: Double) {
        metrics.recordRequest(routeIndex: exchange.routeIndex, method: exchange.request.method, status: status, seconds: seconds)
        guard accessLog else { return }
        Log.append(AccessLine.render(exchange, status: status, seconds: seconds))
    }
}

/// One access-log line: time, method, route, status, duration, request id, job id, tenant.
enum AccessLine {
    static func render(_ exchange: Exchange, status: Int, seconds: Double) -> String {
        var line = #"{"time":""#
        line.reserveCapacity(256)
        line += Timestamp.now().iso8601
        line += #"","level":"info","message":"request","method":""#
        line += exchange.request.method.rawValue
        line += #"","route":""#
        line += exchange.route
        line += #"","status":"#
        line += String(status)
        line += #","duration_ms":"#
        line += String(Double(Int(seconds * 1_000_000)) / 1000)
        line += #","request_id":""#
        line += exchange.requestID
        line += #"","job_id":"#
        appendOptional(exchange.jobID, to: &line)
        line += #","tenant_id":"#
        appendOptional(exchange.tenant, to: &line)
        line += "}\n"
        return line
    }

    private static func appendOptional(_ value: String?, to line: inout String) {
        if let value { JSONString.append(value, to: &line) } else { line += "null" }
    }
}
