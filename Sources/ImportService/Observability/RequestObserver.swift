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
        Log.writeLine { AccessLine.write(exchange, status: status, seconds: seconds, to: &$0) }
    }
}

/// One access-log line: time, method, route, status, duration, request id, job id, tenant.
enum AccessLine {
    static func write(_ exchange: Exchange, status: Int, seconds: Double, to line: inout JSONWriter) {
        line.append(#"{"time":"#)
        line.append(timestamp: .now())
        line.append(#","level":"info","message":"request","method":"#)
        line.append(string: exchange.request.method.rawValue)
        line.append(#","route":"#)
        line.append(string: exchange.route)
        line.append(#","status":"#)
        line.append(integer: status)
        line.append(#","duration_ms":"#)
        line.append(thousandths: Int(seconds * 1_000_000))
        line.append(#","request_id":"#)
        line.append(string: exchange.requestID)
        line.append(#","job_id":"#)
        line.append(optionalString: exchange.jobID)
        line.append(#","tenant_id":"#)
        line.append(optionalString: exchange.tenant)
        line.append("}")
    }
}
