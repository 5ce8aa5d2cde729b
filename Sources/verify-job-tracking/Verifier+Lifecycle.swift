import HTTPBridge
import ImportJobs
import RedisBridge

/// Where the service has `PATCH /api/imports/{job_id}`: pending → processing → completed,
/// with `started_at`, `completed_at` and the TTL reset.
extension Verifier {
    private static let lifecycleItems: [CheckItem] = [.processing, .completed, .timeToLiveReset]
    private static let completedBody =
        #"{"status":"completed","progress":{"total_items":10,"processed_items":10,"failed_items":0}}"#

    /// PATCHes the job to processing, then to completed, checking each answer.
    func walkLifecycle(then next: @escaping () -> Void) {
        guard let jobID, serviceReachable else {
            report.skip(Self.lifecycleItems, "no job was created")
            return next()
        }
        patch(jobID, #"{"status":"processing"}"#, item: .processing) { [self] job in
            guard let job else { return next() }
            let startedAt = job["started_at"]
            guard JobDocumentCheck.isTimestamp(startedAt), job["completed_at"]?.isNull == true else {
                report.record(.processing, .failed("status processing, started_at \(startedAt?.serialized ?? "missing"), "
                    + "completed_at \(job["completed_at"]?.serialized ?? "missing")",
                    Troubleshooting.unexpectedAnswer("entering processing must set started_at only")))
                report.skip([.completed, .timeToLiveReset], "the processing update was wrong")
                return next()
            }
            confirmStored(status: "processing", item: .processing,
                          detail: "200, started_at \(startedAt?.stringValue ?? "")") { [self] in
                lowerTTL { [self] loweredTo in
                    complete(jobID, startedAt: startedAt, loweredTTL: loweredTo, then: next)
                }
            }
        }
    }

    private func complete(_ jobID: String, startedAt: JSONValue?, loweredTTL: Int?, then next: @escaping () -> Void) {
        patch(jobID, Self.completedBody, item: .completed) { [self] job in
            guard let job else { return next() }
            let completedAt = job["completed_at"]
            let percentage = job["progress"]?.objectValue?["percentage"]?.numberValue
            var problems: [String] = []
            if !JobDocumentCheck.isTimestamp(completedAt) { problems.append("completed_at \(completedAt?.serialized ?? "missing")") }
            if !JobDocumentCheck.sameValue(job["started_at"], startedAt) { problems.append("started_at changed") }
            if percentage != 100 { problems.append("progress.percentage \(percentage.map { "\($0)" } ?? "missing"), not 100") }
            guard problems.isEmpty else {
                report.record(.completed, .failed(problems.joined(separator: "; "), Troubleshooting.unexpectedAnswer(
                    "entering completed must set completed_at and compute the percentage")))
                report.skip([.timeToLiveReset], "the completed update was wrong")
                return next()
            }
            confirmStored(status: "completed", item: .completed,
                          detail: "200, completed_at \(completedAt?.stringValue ?? ""), 100 %") { [self] in
                checkTTLReset(loweredTTL: loweredTTL, then: next)
            }
        }
    }

    /// Sends one PATCH; hands the answered job on, or records the failure (or the skip when
    /// the service has no PATCH) and hands on nil.
    private func patch(_ jobID: String, _ body: String, item: CheckItem, then handle: @escaping (JSONObject?) -> Void) {
        let wanted = item == .processing ? "processing" : "completed"
        let later = Self.lifecycleItems.drop { $0 != item }.dropFirst()
        service.send(.patch, "/api/imports/\(jobID)", json: body) { [self] result in
            guard case .success(let response) = result else {
                report.record(item, .failed("no answer to PATCH: \(Self.errorText(result))",
                                            Troubleshooting.unexpectedAnswer("the service dropped the request")))
                report.skip(Array(later), "the update failed")
                return handle(nil)
            }
            if item == .processing, [404, 405, 501].contains(response.status) {
                report.skip(Self.lifecycleItems, "the service has no PATCH /api/imports/{job_id} (\(response.status))")
                return handle(nil)
            }
            guard response.status == 200, let job = response.jsonObject, job["status"]?.stringValue == wanted else {
                report.record(item, .failed("PATCH to \(wanted) answered \(response.summary)",
                                            Troubleshooting.unexpectedAnswer("the service refused a legal transition")))
                report.skip(Array(later), "the update failed")
                return handle(nil)
            }
            handle(job)
        }
    }

    /// Records `item` as passed once Redis shows `status` too (when Redis is reachable).
    private func confirmStored(status: String, item: CheckItem, detail: String, then next: @escaping () -> Void) {
        guard redisReady, report.passed(.keyExists) else {
            let reason = redisReady ? "the key was not found before" : "Redis is unreachable"
            report.record(item, .passed("\(detail) (not compared with Redis: \(reason))"))
            return next()
        }
        redis.send(RedisCommand(["GET", jobKey])) { [self] result in
            let stored = (try? result.get())?.string.flatMap { try? JSONParser.parse($0) }?.objectValue
            if stored?["status"]?.stringValue == status {
                report.record(item, .passed("\(detail), stored in Redis"))
            } else {
                report.record(item, .failed("\(detail), but Redis holds status \(stored?["status"]?.serialized ?? "nothing")",
                                            Troubleshooting.unexpectedAnswer("PATCH does not write the job back to Redis")))
            }
            next()
        }
    }

    /// Lowers the key's TTL to half the expected one, so that the next update has to reset it;
    /// hands on the lowered TTL, or nil when it was left alone.
    private func lowerTTL(then next: @escaping (Int?) -> Void) {
        let lowered = options.expectedTTLSeconds / 2
        guard redisReady, report.passed(.timeToLive), options.expectedTTLSeconds > 120 else { return next(nil) }
        redis.send(RedisCommand(["EXPIRE", jobKey, String(lowered)])) { result in
            let applied = (try? result.get()) == .integer(1)
            next(applied ? lowered : nil)
        }
    }

    private func checkTTLReset(loweredTTL: Int?, then next: @escaping () -> Void) {
        guard redisReady else {
            report.record(.timeToLiveReset, .skipped("Redis is unreachable"))
            return next()
        }
        guard report.passed(.timeToLive) else {
            report.record(.timeToLiveReset, .skipped("the TTL check failed"))
            return next()
        }
        readTTL { [self] ttl, problem in
            let expected = options.expectedTTLSeconds
            let before = loweredTTL.map { "after lowering it to \($0) s" } ?? "(not lowered first)"
            if let ttl, Self.isFresh(ttl, expected: expected) {
                report.record(.timeToLiveReset, .passed("TTL \(ttl) s \(before) and updating"))
            } else {
                report.record(.timeToLiveReset, .failed(ttl.map { "TTL \($0) s \(before) and updating" } ?? problem,
                                                        Advice(cause: "PATCH writes the job without EX \(expected)",
                                                               fix: "every write must SET the key with EX, resetting the TTL")))
            }
            next()
        }
    }
}
