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
        AccessLine.log(exchange, status: status, seconds: seconds)
    }
}
