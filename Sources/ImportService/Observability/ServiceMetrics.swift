import HTTPBridge

/// The counters and histograms behind `GET /metrics`, kept on the loop's thread only, so
/// no locks: recording a request is a few dictionary and array updates.
final class ServiceMetrics {
    /// Route, method and status packed in one integer: hashing it is far cheaper than
    /// hashing the route's text on every request.
    private struct RequestKey: Hashable {
        let packed: Int

        init(routeIndex: Int, method: HTTPMethod, status: Int) {
            packed = routeIndex << 24 | (HTTPMethod.allCases.firstIndex(of: method) ?? 0) << 16 | status
        }

        var route: String { Route.templates[packed >> 24] }
        var method: HTTPMethod { HTTPMethod.allCases[(packed >> 16) & 0xFF] }
        var status: Int { packed & 0xFFFF }
    }

    private struct TransitionKey: Hashable {
        let from: String
        let to: String
    }

    /// False with `METRICS=off`: nothing is counted (to measure what counting costs).
    private let isRecording: Bool
    private var requests: [RequestKey: UInt64] = [:]
    private var durations = Array(repeating: Histogram(), count: Route.templates.count)
    private var redisDurations = Histogram()
    private var jobsCreated: [String: UInt64] = [:]
    private var transitions: [TransitionKey: UInt64] = [:]

    init(isRecording: Bool) {
        self.isRecording = isRecording
    }

    /// One answered request.
    func recordRequest(routeIndex: Int, method: HTTPMethod, status: Int, seconds: Double) {
        guard isRecording else { return }
        requests[RequestKey(routeIndex: routeIndex, method: method, status: status), default: 0] += 1
        durations[routeIndex].observe(seconds)
    }

    /// One Redis command's round trip.
    func recordRedisCommand(seconds: Double) {
        guard isRecording else { return }
        redisDurations.observe(seconds)
    }

    /// One job created.
    func recordJobCreated(sourceType: String) {
        guard isRecording else { return }
        jobsCreated[sourceType, default: 0] += 1
    }

    /// One status change.
    func recordTransition(from: String, to: String) {
        guard isRecording else { return }
        transitions[TransitionKey(from: from, to: to), default: 0] += 1
    }

    /// The Prometheus text exposition (format 0.0.4), with the live figures passed in.
    func render(live: LiveFigures) -> String {
        var text = ""
        text.reserveCapacity(8192)
        header(&text, "http_requests_total", "counter", "HTTP requests answered, by route template, method and status.")
        for (key, value) in requests.sorted(by: { ($0.key.route, $0.key.method.rawValue, $0.key.status) < ($1.key.route, $1.key.method.rawValue, $1.key.status) }) {
            text += "http_requests_total{route=\"\(key.route)\",method=\"\(key.method.rawValue)\",status=\"\(key.status)\"} \(value)\n"
        }
        header(&text, "http_request_duration_seconds", "histogram", "Time from request received to reply sent, by route template.")
        for (index, histogram) in durations.enumerated().sorted(by: { Route.templates[$0.offset] < Route.templates[$1.offset] })
        where histogram.count > 0 {
            histogram.render(name: "http_request_duration_seconds", labels: "route=\"\(Route.templates[index])\"", into: &text)
        }
        header(&text, "redis_command_duration_seconds", "histogram", "Round trip of one Redis command or script.")
        redisDurations.render(name: "redis_command_duration_seconds", labels: "", into: &text)
        gauge(&text, "http_requests_in_flight", "Requests received and not yet answered.", Double(live.requestsInFlight))
        gauge(&text, "redis_connected", "1 when the Redis connection is ready, else 0.", live.redisConnected ? 1 : 0)
        header(&text, "redis_reconnects_total", "counter", "Times the Redis connection was re-established.")
        text += "redis_reconnects_total \(live.redisReconnects)\n"
        header(&text, "import_jobs_created_total", "counter", "Jobs created, by source type.")
        for (source, value) in jobsCreated.sorted(by: { $0.key < $1.key }) {
            text += "import_jobs_created_total{source_type=\"\(source)\"} \(value)\n"
        }
        header(&text, "import_job_transitions_total", "counter", "Job status changes, by from and to status.")
        for (key, value) in transitions.sorted(by: { ($0.key.from, $0.key.to) < ($1.key.from, $1.key.to) }) {
            text += "import_job_transitions_total{from=\"\(key.from)\",to=\"\(key.to)\"} \(value)\n"
        }
        gauge(&text, "process_resident_memory_bytes", "Resident memory size in bytes.", Double(live.process.residentBytes))
        gauge(&text, "process_open_fds", "Open file descriptors.", Double(live.process.openFileDescriptors))
        gauge(&text, "process_start_time_seconds", "Start time of the process since the Unix epoch in seconds.", live.process.startTimeSeconds)
        return text
    }

    private func header(_ text: inout String, _ name: String, _ type: String, _ help: String) {
        text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
    }

    private func gauge(_ text: inout String, _ name: String, _ help: String, _ value: Double) {
        header(&text, name, "gauge", help)
        text += "\(name) \(value)\n"
    }
}

/// Figures read at scrape time rather than counted.
struct LiveFigures {
    var requestsInFlight: Int
    var redisConnected: Bool
    var redisReconnects: Int
    var process: ProcessFigures
}
